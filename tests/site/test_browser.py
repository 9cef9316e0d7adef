"""The toolkit site in real Chromium: axe, the keyboard path, copy, share, email and privacy.

CI installs Chromium and axe-core with .ci/browser-deps.sh; when either is missing these tests
fail with the command to run, so a green run always means the browser checks ran.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sitekit import SLUG, page_data

from toolkit.captions import counting
from toolkit.captions.links import (
    SHARE_TARGETS,
    gmail_compose_url,
    mailto_url,
    outlook_compose_url,
    share_url,
)
from toolkit.load.strings import Strings
from toolkit.load.workspace import load_workspace
from toolkit.site.context import count_text
from toolkit.site.environment import SiteRenderer

CHROMIUM = Path(os.environ.get("TOOLKIT_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(__file__).parent / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SETUP = "run .ci/browser-deps.sh (Chromium from apt, axe-core from npm into tests/site/.axe)"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PAGES = ["index.html", f"{SLUG}/index.html", f"{SLUG}/en/index.html", f"{SLUG}/es/index.html",
         f"{SLUG}/ar/index.html"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
FAKE_SHARE = """
window.__shared = [];
navigator.canShare = () => true;
navigator.share = async (data) => {
  window.__shared.push({text: data.text, files: (data.files || []).map(f => [f.name, f.type])});
};
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright package is missing: pip install -e '.[test]'")
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: {SETUP}")
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: {SETUP}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        pass


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The built site over http on 127.0.0.1, as any static host would serve it."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@dataclass
class Visit:
    """A browser context and page that record every request and every console error."""

    context: Any
    page: Any
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    opened: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def route(self, route: Any) -> None:
        """Requests of the page under test: only this site's own files may load."""
        self.requests.append(route.request.url)
        if self._local(route.request.url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def route_popup(self, route: Any) -> None:
        """A share link the visitor presses opens a tab of its own: theirs to follow, stopped
        here only to keep the test offline."""
        if self._local(route.request.url):
            route.continue_()
        else:
            self.opened.append(route.request.url)
            route.abort()

    @staticmethod
    def _local(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("data", "blob", "file") or parts.hostname == "127.0.0.1"

    def close(self) -> None:
        self.context.close()
        assert not self.blocked, f"requests left for other hosts: {self.blocked}"
        assert not self.errors, f"console errors: {self.errors}"


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    opened: list[Visit] = []

    def open_page(url: str, viewport: dict[str, int] = DESKTOP, script: str = "",
                  **options: Any) -> Any:
        context = browser.new_context(viewport=viewport, **options)
        record = Visit(context, None)
        _OPEN.append(record)
        context.route("**/*", record.route_popup)
        if script:
            context.add_init_script(script)
        page = context.new_page()
        page.route("**/*", record.route)
        page.on("console", lambda m: record.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: record.errors.append(str(e)))
        record.page = page
        opened.append(record)
        page.goto(url)
        page.wait_for_load_state("load")
        return page

    yield open_page
    for record in opened:
        record.close()
    _OPEN.clear()


def visits(page: Any) -> Visit:
    return next(v for v in _OPEN if v.page is page)


_OPEN: list[Visit] = []


def axe_violations(page: Any) -> list[str]:
    """axe's findings; the page must come from a context with bypass_csp, as axe is inline."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           AXE_TAGS)
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(visit: Any, server: str, path: str,
                                 viewport: dict[str, int]) -> None:
    page = visit(server + path, viewport, bypass_csp=True)
    assert axe_violations(page) == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_with_the_letter_open_and_a_long_caption(visit: Any, server: str,
                                                     viewport: dict[str, int]) -> None:
    page = visit(server + f"{SLUG}/en/index.html", viewport, bypass_csp=True)
    page.fill("#zip", "90002")
    page.click("#zip-find")
    page.get_by_role("button", name="District 2: Ben Example").click()
    page.fill("#letter-body", "Long letter. " * 200)
    page.get_by_role("tab", name="X").first.click()
    page.fill("#p-main-x-c1", "Too long " * 60)
    assert page.is_visible("#mailto-warning")
    assert axe_violations(page) == []


def tab_to(page: Any, predicate: str, limit: int = 250) -> int:
    """Press Tab until `predicate(document.activeElement)` holds; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate})(document.activeElement)"):
            return presses
    raise AssertionError(f"keyboard never reached: {predicate}")


def test_keyboard_path_through_copy_share_and_email(visit: Any, server: str) -> None:
    url = server + f"{SLUG}/en/index.html"
    page = visit(url, PHONE, FAKE_SHARE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server[:-1])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    tab_to(page, "el.getAttribute('role') === 'tab'")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent") == "X"
    assert page.is_visible("#p-main-x") and not page.is_visible("#p-main-instagram-square")
    # Choosing a platform on one post shows it on the others too.
    assert page.is_visible("#p-steps-x")

    tab_to(page, "el.dataset.copy === 'p-main-x-c1'")
    page.keyboard.press("Enter")
    caption = page.input_value("#p-main-x-c1")
    page.wait_for_function("() => document.getElementById('status').textContent === 'Copied.'")
    assert page.evaluate("navigator.clipboard.readText()") == caption

    tab_to(page, "el.dataset.share === 'x'")
    share = page.evaluate("document.activeElement.href")
    with page.context.expect_page() as opened:
        page.keyboard.press("Enter")
    opened.value.wait_for_load_state()
    assert share.startswith("https://x.com/intent/tweet?")
    assert visits(page).opened == [share]
    opened.value.close()
    page.bring_to_front()
    tab_to(page, "el.classList.contains('device-share') && el.closest('#p-main-x')")
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.__shared.length === 1")
    shared = page.evaluate("window.__shared[0]")
    assert shared == {"text": caption, "files": [["main-x.png", "image/png"]]}

    tab_to(page, "el.id === 'zip'")
    page.keyboard.type("90001")
    page.keyboard.press("Enter")
    assert page.input_value("#district") == "1"
    tab_to(page, "el.id === 'letter-body'")
    page.keyboard.press("Control+End")
    page.keyboard.type(" PS: thank you!")
    body, subject = page.input_value("#letter-body"), page.input_value("#letter-subject")
    assert body.endswith("Thank you. PS: thank you!")
    tab_to(page, "el.id === 'send-mailto'")
    assert page.get_attribute("#send-mailto", "href") == mailto_url(
        ["ada@example.org"], subject, body)
    tab_to(page, "el.id === 'copy-letter'")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('status').textContent === 'Copied.'")
    assert page.evaluate("navigator.clipboard.readText()") == body


def test_focus_is_visible(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html")
    tab_to(page, "el.getAttribute('role') === 'tab'")
    style = page.evaluate("(s => [s.outlineStyle, s.outlineWidth])"
                          "(getComputedStyle(document.activeElement))")
    assert style[0] != "none" and float(style[1].rstrip("px")) >= 2


def test_rtl_arrow_keys_follow_reading_order(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/ar/index.html")
    tab_to(page, "el.getAttribute('role') === 'tab'")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "p-main-x"
    page.keyboard.press("End")
    assert page.is_visible("#p-main-facebook")


def test_tabs_follow_the_aria_pattern(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html")
    tabs = page.locator("#post-main [role=tab]")
    assert tabs.count() == 4
    assert tabs.nth(0).get_attribute("aria-selected") == "true"
    assert [tabs.nth(i).get_attribute("tabindex") for i in range(4)] == ["0", "-1", "-1", "-1"]
    panel = page.locator("#p-main-instagram-square")
    assert panel.get_attribute("role") == "tabpanel"
    assert panel.get_attribute("aria-labelledby") == tabs.nth(0).get_attribute("id")
    assert page.locator("#post-main [role=tablist]").get_attribute("aria-label")


def test_counter_and_share_link_follow_edits(visit: Any, server: str,
                                             site_workspace: Path) -> None:
    page = visit(server + f"{SLUG}/en/index.html")
    page.get_by_role("tab", name="Bluesky").first.click()
    text = "Fund care 👩‍👩‍👧 " * 30 + "https://example.org/" + " #tag" * 3
    page.fill("#p-main-bluesky-c1", text)
    t = Strings(SiteRenderer(load_workspace(site_workspace).search_dirs()).strings, "en")
    expected, over = count_text(t, "bluesky", 300, None, text)
    assert page.text_content("#p-main-bluesky-c1-count") == expected and over
    assert "over" in page.get_attribute("#p-main-bluesky-c1-count", "class")
    link = page.locator("#p-main-bluesky a[data-share=bluesky]")
    assert link.get_attribute("href") == share_url("bluesky", text,
                                                   link.get_attribute("data-url"))


def test_zip_lookup_picks_the_right_councilmember(visit: Any, server: str, site: Path) -> None:
    page = visit(server + f"{SLUG}/en/index.html")
    targets = page_data(site / f"{SLUG}/en/index.html")["action"]["targets"]
    page.fill("#zip", " 90003 ")
    page.click("#zip-find")
    assert page.input_value("#district") == "3"
    assert page.text_content("#letter-to") == "Cy Example <cy@example.org>"
    assert page.input_value("#letter-body") == targets[2]["body"]
    assert page.input_value("#letter-subject") == targets[2]["subject"]

    page.fill("#zip", "90002-1234")
    page.click("#zip-find")
    choices = page.locator("#lookup-choices button")
    assert choices.all_text_contents() == ["District 1: Ada Example", "District 2: Ben Example"]
    choices.nth(1).click()
    assert page.input_value("#district") == "2"
    assert page.input_value("#letter-body") == targets[1]["body"]

    page.fill("#zip", "12345")
    page.click("#zip-find")
    assert "No district found for 12345" in page.text_content("#lookup-result")


@pytest.mark.parametrize(("where", "district"), [
    ({"latitude": 34.05, "longitude": -118.15}, "2"),
    ({"latitude": 34.25, "longitude": -118.25}, "3"),
    ({"latitude": 34.35, "longitude": -118.15}, ""),  # in district 3's hole
])
def test_use_my_location_finds_the_district_in_the_browser(
        visit: Any, server: str, where: dict[str, float], district: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html", geolocation=where, permissions=["geolocation"])
    page.click("#locate")
    page.wait_for_selector("#lookup-result:not([hidden])")
    assert page.input_value("#district") == district


def test_mailto_follows_edits_and_warns_when_too_long(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html")
    page.select_option("#district", "1")
    page.fill("#letter-subject", "Fund care + safety & more?")
    page.fill("#letter-body", "Line one\nLine two: 100% #yes")
    subject, body = page.input_value("#letter-subject"), page.input_value("#letter-body")
    to = ["ada@example.org"]
    assert page.get_attribute("#send-mailto", "href") == mailto_url(to, subject, body)
    assert page.get_attribute("#send-gmail", "href") == gmail_compose_url(to, subject, body)
    assert page.get_attribute("#send-outlook", "href") == outlook_compose_url(to, subject, body)
    assert page.is_hidden("#mailto-warning")
    page.fill("#letter-body", "A long letter. " * 150)
    assert page.is_visible("#mailto-warning")
    assert "ada@example.org" in page.text_content("#mailto-warning")
    page.select_option("#district", "2")
    assert page.is_visible("#letter-kept")
    assert page.input_value("#letter-body").startswith("A long letter.")
    page.click("#letter-reset")
    assert page.input_value("#letter-body").startswith("Dear Council President Ben Example,")


CORPUS = [
    "", "plain text", "a\r\nb\rc\nd", "日本語 テキスト", "Ünïcödé café\u0301", "emoji 😷👩‍👩‍👧🇺🇦1️⃣❤️",
    "🐦‍🔥 🙂‍↔️ ❤️‍🔥", "https://example.org/path?q=1&r=(2)). next", "see example.org, and x.co",
    "mail me@example.org or @user@mastodon.social", "http://例え.テスト/パス end",
    "#one #two #three #four #five #six #7 #a_b ＃full", "a#nottag https://x.org/#frag #tag",
    "दुनिया नमस्ते क्षि สวัสดี", "“quotes” — dashes … ellipsis € euro ′prime‴",
    "file.txt and v1.2.3 and xn--bcher-kva.example", "trailing https://a.org/x). (https://b.org/y)",
    "ZWJ\u200d and ZWNJ\u200c and keycap #\ufe0f\u20e3", "@mention@sub.domain.org rest",
    "ＡＢＣ fullwidth https://example.com/ÄÖ/Ωmega/Жук/日本",
    "\ufeff\x1c edges \x85\u3000", "\t\n", "",
]


def test_page_counts_like_the_build(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html")
    texts = CORPUS + [" ".join(CORPUS[i:i + 3]) for i in range(len(CORPUS))]
    for rule in counting.COUNTERS:
        counted = page.evaluate("([rule, texts]) => texts.map(t => ToolkitCount.count(rule, t))",
                                [rule, texts])
        assert counted == [counting.count(rule, t) for t in texts], rule
    tags = page.evaluate("texts => texts.map(t => ToolkitCount.hashtags(t))", texts)
    assert tags == [counting.count_hashtags(t.replace("\r\n", "\n").replace("\r", "\n"))
                    for t in texts]


def test_page_builds_links_like_the_build(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html")
    url = "https://example.org/a?b=1&c=two words#f"
    for target in SHARE_TARGETS:
        for text in CORPUS:
            got = page.evaluate("([t, x, u]) => ToolkitLinks.shareUrl(t, x, u, 'Sub: j’accuse!')",
                                [target, text, url])
            assert got == share_url(target, text, url, subject="Sub: j’accuse!"), (target, text)
    to = ["a+b@example.org", "o'neil$x@example.org"]
    for text in CORPUS:
        got = page.evaluate("([to, t]) => [ToolkitLinks.mailtoUrl(to, t, t + '\\n' + t), "
                            "ToolkitLinks.gmailUrl(to, t, t), ToolkitLinks.outlookUrl(to, t, t)]",
                            [to, text])
        assert got == [mailto_url(to, text, text + "\n" + text),
                       gmail_compose_url(to, text, text), outlook_compose_url(to, text, text)]


def test_works_from_file_url(visit: Any, site: Path) -> None:
    page = visit((site / SLUG / "es" / "index.html").as_uri(), PHONE)
    assert page.locator("[role=tablist]").count() == 2
    background = page.evaluate("getComputedStyle(document.querySelector('.site-header'))"
                               ".backgroundColor")
    assert background == "rgb(29, 53, 87)"  # the default brand's primary, from theme.css
    assert page.evaluate("document.querySelector('img').complete")
    assert page.locator("time").first.text_content() != "2024-05-01"  # localized by the script


def test_usable_without_javascript(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html", java_script_enabled=False)
    assert page.is_visible("#p-main-x") and page.is_visible("#p-main-facebook")
    assert page.is_hidden("#letter-tool")
    assert page.is_visible("#all-targets a[href^='mailto:ben@example.org']")
    assert page.is_hidden("button[data-copy]")
    assert page.locator("nav.format-links a").count() == 2 * 4 - 2


def test_print_hides_the_controls(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html")
    page.emulate_media(media="print")
    assert page.is_hidden("#p-main-instagram-square textarea")
    assert page.is_hidden(".languages") and page.is_visible("#talking-points")


def test_no_request_leaves_the_site(visit: Any, server: str, browser: Any) -> None:
    page = visit(server + f"{SLUG}/en/index.html", script=FAKE_SHARE)
    for tab in page.locator("[role=tab]").all():
        tab.click()
    page.mouse.wheel(0, 20000)
    page.wait_for_timeout(200)
    hosts = {urlsplit(url).hostname for url in page.context.pages[0].evaluate(
        "performance.getEntriesByType('resource').map(e => e.name)")}
    assert hosts <= {"127.0.0.1"}


def test_script_marks_untranslated_messages(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/ar/index.html")
    page.fill("#p-main-instagram-square-c1", "نص قصير")
    count = page.locator("#p-main-instagram-square-c1-count")
    assert (count.get_attribute("lang"), count.get_attribute("dir")) == ("en", "auto")
    page.fill("#zip", "99999")
    page.click("#zip-find")
    assert page.get_attribute("#lookup-result", "lang") == "en"
