"""Campaign Markdown to safe HTML: raw HTML is escaped, then the output is sanitized by nh3."""

from __future__ import annotations

import html
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


def markdown_text(text: str) -> str:
    """The words of a Markdown text on one line, for meta descriptions."""
    stripped = nh3.clean(str(render_markdown(text)), tags=set())
    return " ".join(html.unescape(stripped).split())
