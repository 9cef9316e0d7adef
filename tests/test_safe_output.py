"""What a campaign's author writes reaches HTML only as text, and no template reaches further.

One build carries the three classic payloads in every field a user writes; every HTML file of
the output is then parsed, so a new page or field that forgets to escape shows up here.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from toolkit.captions import sandbox
from toolkit.captions.templates import TemplateRenderer, TemplateSource
from toolkit.cli import cli
from toolkit.errors import Location, ProblemsError

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"
PAYLOAD = f"{SCRIPT} {IMG} {LINK}"
QUOTED = PAYLOAD.replace('"', '\\"')

CAMPAIGN = f"""\
title: "Title {QUOTED}"
organization: "Org {QUOTED}"
url: https://example.org/demo
languages: [en]
formats: [x, bluesky]
summary: "Summary {QUOTED}"
body: |
  Body {PAYLOAD}

  <a href="javascript:alert(1)">raw link</a> <iframe src="https://evil.example"></iframe>
  [data](data:text/html,{SCRIPT}) [ok](https://example.org/ok)
talking_points:
  - "Point {QUOTED}"
dates:
  - title: "Hearing {QUOTED}"
    start: 2026-05-01T10:00:00-07:00
    location: "Hall {QUOTED}"
    description: "About {QUOTED}"
posts:
  - id: main
    layout: headline
    text: {{headline: "Headline {QUOTED}"}}
    caption: "Caption {QUOTED}"
    alt: "Alt {QUOTED} \\" onmouseover=\\"alert(1)"
  - id: quote
    layout: quote
    text: {{quote: "Quote {QUOTED}", attribution: "Someone {QUOTED}"}}
  - id: each
    layout: headline
    per_target: true
    text: {{headline: "{{{{ target.name }}}} Each {QUOTED}"}}
    caption: "{{{{ target.mention }}}} Ask {QUOTED}"
action:
  email:
    subject: "Subject {QUOTED}"
    body: "Dear {{{{ target.name }}}}, {QUOTED}"
    note: "Note {QUOTED}"
    targets: targets.csv
  call:
    script: "Script {QUOTED} {{{{ target.office }}}} [js](javascript:alert(1))"
    hours: "Hours {QUOTED}"
    note: "Call note {QUOTED}"
"""

TARGETS = (
    "district,name,title,email,office,phone\n"
    f'1,"Ada {SCRIPT}","Member {IMG}",ada@example.org,"{LINK}",(213) 473-7001\n'
)

LOCAL_SCRIPTS = ("count.js", "site.js", "targets.js")
SAFE_SCHEMES = ("", "http", "https", "mailto", "tel")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "srcset", "data")


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every HTML file of the payload campaign's build, by path."""
    base = Path(__file__).parent / "fixtures" / "base"
    root = tmp_path_factory.mktemp("xss") / "ws"
    (root / "campaigns" / "demo").mkdir(parents=True)
    (root / "campaigns/demo/campaign.yaml").write_text(CAMPAIGN, encoding="utf-8")
    (root / "campaigns/demo/targets.csv").write_text(TARGETS, encoding="utf-8")
    assert base.is_dir()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        result = CliRunner().invoke(cli, ["build", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    pages = {p.relative_to(root / "build").as_posix(): p.read_text(encoding="utf-8")
             for p in sorted((root / "build").rglob("*.html"))}
    assert "demo/index.html" in pages and "index.html" in pages
    return pages


def _parse(text: str) -> _Elements:
    parser = _Elements()
    parser.feed(text)
    parser.close()
    return parser


def test_every_page_shows_the_payloads_as_text(built: dict[str, str]) -> None:
    page = built["demo/index.html"]
    for field in ("Title", "Summary", "Body", "Point", "Hearing", "Caption", "Headline",
                  "Each", "Ask", "Script", "Hours", "Call note"):
        assert f"{field} &lt;script&gt;alert(1)&lt;/script&gt;" in page, field
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize("name", ["index.html", "demo/index.html", "demo/en/index.html",
                                  "demo/proof.html"])
def test_no_page_runs_or_links_what_a_user_wrote(built: dict[str, str], name: str) -> None:
    parsed = _parse(built[name])
    for tag, attrs in parsed.elements:
        assert tag not in ("iframe", "object", "embed", "base"), tag
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        if tag == "script":
            local = urlsplit(attrs.get("src", "")).path.rsplit("/", 1)[-1] in LOCAL_SCRIPTS
            assert local or attrs.get("type") == "application/json", attrs
        for attribute in URL_ATTRIBUTES:
            if attribute in attrs:
                _assert_safe_url(tag, attrs, attrs[attribute])
    for tag, attrs in parsed.elements:
        if tag == "img":
            assert attrs.get("src", "") != "x", attrs


def _assert_safe_url(tag: str, attrs: dict[str, str], url: str) -> None:
    scheme = urlsplit(url.strip()).scheme.lower()
    if tag == "link" and attrs.get("rel") == "icon" and url == "data:,":
        return  # an empty favicon, so the browser asks no host for one
    assert scheme in SAFE_SCHEMES, (tag, attrs)


@pytest.mark.parametrize("name", ["demo/index.html", "demo/en/index.html"])
def test_external_links_carry_noopener(built: dict[str, str], name: str) -> None:
    for tag, attrs in _parse(built[name]).elements:
        if tag == "a" and urlsplit(attrs.get("href", "")).scheme in ("http", "https"):
            assert "noopener" in attrs.get("rel", "").split(), attrs


@pytest.mark.parametrize("name", ["demo/index.html", "demo/en/index.html"])
def test_data_blocks_cannot_close_their_script(built: dict[str, str], name: str) -> None:
    parsed = _parse(built[name])
    blocks = [text for text in parsed.scripts if text.strip()]
    assert blocks, "the page carries its data block"
    for text in blocks:
        assert "<" not in text, text[:200]


def test_markdown_raw_html_does_not_pass_through(built: dict[str, str]) -> None:
    page = built["demo/index.html"]
    assert "&lt;a href=" in page and "&lt;iframe" in page
    hrefs = [attrs.get("href", "") for tag, attrs in _parse(page).elements if tag == "a"]
    assert "https://example.org/ok" in hrefs
    assert not [h for h in hrefs if h.lower().startswith(("javascript", "data"))]


# -- templates cannot reach files or Python internals ------------------------------------------

ESCAPES = [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__.os }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ ''.format.__globals__ }}",
    "{{ (1).__class__.__base__.__subclasses__() }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../../../../../etc/passwd' %}",
    "{% import '/etc/passwd' as secrets %}{{ secrets }}",
    "{% from '../../../../etc/passwd' import root %}",
    "{% extends '/etc/passwd' %}",
    "{{ range(10**9)|list|length }}",
    "{{ 'x' * 10**9 }}",
    "{{ ('x' * 100000) * 100000 }}",
    "{{ 'x'|center(10**9) }}",
    "{{ 'x'.ljust(10**9) }}",
    "{{ '{:>1000000000}'.format('x') }}",
    "{{ '%1000000000s' % 'x' }}",
    "{{ 9 ** 999999 }}",
    "{{ lipsum(10**6) }}",
    "{% set ns = namespace(s='xx') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s }}",
    "{{ ('a' * 60000)|replace('', 'b' * 60000) }}",
    "{% set l = [1] %}{{ l.append(2) }}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
]

POST = "posts:\n  - id: main\n    layout: headline\n    text: {{headline: Hi}}\n"
EMAIL = "action:\n  email:\n    subject: {subject}\n    body: {body}\n    targets: targets.csv\n"
FIELDS = {
    "caption": POST + "    caption: {template}\n",
    "alt": POST + "    alt: {template}\n",
    "email": POST + EMAIL.format(subject="Hi", body="{template}"),
    "subject": POST + EMAIL.format(subject="{template}", body="Hi"),
}


@pytest.mark.parametrize("field", sorted(FIELDS))
@pytest.mark.parametrize("template", ESCAPES)
def test_templates_cannot_escape(workspace, runner: CliRunner, field: str, template: str) -> None:
    quoted = '"' + template.replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = ("title: Demo\nurl: https://example.org/demo\nformats: [x]\n"
            + FIELDS[field].format(template=quoted))
    workspace({"campaigns/demo/campaign.yaml": text})
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "root:" not in result.output
    assert "campaigns/demo/campaign.yaml:" in result.stderr
    assert any(kind in result.stderr for kind in ("unsafe template", "template error",
                                                  "template syntax error")), result.stderr


def _render(template: str, context: dict | None = None) -> str:
    renderer = TemplateRenderer(())
    return renderer.render(TemplateSource(template, Location("t.yaml", 1, 1)), context or {})


def test_ordinary_templates_still_work() -> None:
    template = ("{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + i %}"
                "{% endfor %}{{ ns.n }} {{ '{:,}'.format(3000000) }} {{ 'a b'|replace(' ', '-') }}"
                " {{ ['x', 'y']|join(', ') }} {{ 'Hi'|center(6) }}|{{ 'ab' * 2 }} {{ 2 ** 10 }}")
    assert _render(template) == "3 3,000,000 a-b x, y   Hi  |abab 1024"


def test_a_template_that_runs_too_long_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.2)
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    with pytest.raises(ProblemsError, match="ran for more than 0.2 seconds"):
        _render(loop)


def test_the_deadline_gives_back_the_previous_tracer() -> None:
    def tracer(frame, event, arg):  # type: ignore[no-untyped-def]
        return None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        _render("{{ 1 + 1 }}")
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(previous)


def test_output_is_capped_while_it_is_written() -> None:
    with pytest.raises(ProblemsError, match="longer than 100,000 characters"):
        _render("{% for i in range(100000) %}{{ 'xxxxxxxxxx' }}{% endfor %}")


# -- site templates come from campaign folders too: sandboxed, and links stay home --------------

SIMPLE = ("title: Demo\nurl: https://example.org/demo\nformats: [x]\n"
          "posts:\n  - id: main\n    layout: headline\n    text: {headline: Hi}\n")


def test_a_site_template_cannot_reach_python_internals(workspace, runner: CliRunner) -> None:
    root = workspace({"campaigns/demo/campaign.yaml": SIMPLE,
                      "campaigns/demo/templates/site/page.html":
                          "{{ cycler.__init__.__globals__.os.getcwd() }}"})
    result = runner.invoke(cli, ["build", "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert "unsafe site template" in result.stderr
    assert str(root) not in result.output
    assert not (root / "build").exists()


@pytest.mark.parametrize("name", ["site.css", "assets/secret.txt"])
def test_a_site_file_linked_from_outside_is_not_published(workspace, runner: CliRunner,
                                                         name: str) -> None:
    root = workspace({"campaigns/demo/campaign.yaml": SIMPLE})
    link = root / "campaigns/demo/templates/site" / name
    link.parent.mkdir(parents=True)
    link.symlink_to("/etc/passwd")
    result = runner.invoke(cli, ["build", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    published = [p for p in (root / "build").rglob("*") if p.is_file()]
    assert not [p for p in published if b"root:" in p.read_bytes()]
