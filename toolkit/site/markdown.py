"""Campaign Markdown to safe HTML: raw HTML is escaped, then the output is sanitized by nh3."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

ALLOWED_TAGS = {"p", "a", "strong", "em", "ul", "ol", "li", "h3", "h4", "h5", "h6",
                "blockquote", "code", "pre", "br", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Python-Markdown takes time quadratic in the number of `[` (20 s for 10,000) and recurses once
# per nesting level of lists and quotes; campaign texts stay far below both bounds.
MAX_MARKDOWN = 50_000  # characters: about 8,000 words
MAX_BRACKETS = 1_000
MAX_NESTING = 40
_NESTING = re.compile(r"^(?:[ \t]|>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))*", re.M)

# The page's h1 is the title and its sections use h2, so the campaign's headings start at h3.
HEADING_SHIFT = 2


class _DemoteHeadings(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1].isdigit():
                element.tag = f"h{min(6, int(element.tag[1]) + HEADING_SHIFT)}"


class _NoRawHtml(Extension):
    """Treat HTML in campaign text as text: it is shown escaped, never interpreted."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DemoteHeadings(md), "demote_headings", 0)


def render_markdown(text: str) -> Markup:
    """Markdown to HTML that can hold no script, style, event handler or javascript: link."""
    if not text.strip():
        return Markup("")
    converter = markdown.Markdown(extensions=[_NoRawHtml()], output_format="html")
    raw = converter.convert(text)
    clean = nh3.clean(raw, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=URL_SCHEMES, link_rel="noopener noreferrer")
    return Markup(clean)


def markdown_problem(text: str) -> str | None:
    """Why text cannot be shown as Markdown in reasonable time and space, or None."""
    if len(text) > MAX_MARKDOWN:
        return f"the Markdown is {len(text):,} characters long (at most {MAX_MARKDOWN:,})"
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        return (f"the Markdown has {brackets:,} '[' (at most {MAX_BRACKETS:,}); write fewer "
                "links, or put plain brackets in `code`")
    deepest = max((_depth(found.group()) for found in _NESTING.finditer(text)), default=0)
    if deepest > MAX_NESTING:
        return (f"the Markdown nests lists or quotes about {deepest} deep (at most {MAX_NESTING}); "
                "indent less")
    try:
        render_markdown(text)
    except RecursionError:
        return f"the Markdown nests lists or quotes too deep (at most {MAX_NESTING}); indent less"
    return None


def _depth(prefix: str) -> int:
    """Nesting levels a line's prefix can open: quote marks, list markers, 4-column indents."""
    marks = len(re.findall(r">|[-+*]|\d+[.)]", prefix))
    indent = len("".join(c for c in prefix if c in " \t").expandtabs(4))
    return marks + indent // 4


def markdown_text(text: str) -> str:
    """The words of a Markdown text on one line, for meta descriptions."""
    stripped = nh3.clean(str(render_markdown(text)), tags=set())
    return " ".join(html.unescape(stripped).split())
