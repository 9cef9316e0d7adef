"""The toolkit site in real Chromium: axe, the keyboard path, copy, share, email and privacy.

CI installs Chromium and axe-core with .ci/browser-deps.sh; when either is missing these tests
fail with the command to run, so a green run always means the browser checks ran.
"""

from __future__ import annotations

import contextlib
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
from sitekit import SLUG

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
SMALL = {"width": 320, "height": 568}
DESKTOP = {"width": 1280, "height": 900}
# 200 % zoom of a 1280x800 window: half the CSS pixels, each drawn twice as large.
ZOOM = {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}
PAGES = ["index.html", f"{SLUG}/index.html", f"{SLUG}/en/index.html", f"{SLUG}/es/x.html",
         f"{SLUG}/ar/index.html"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
FAKE_SHARE = """
window.__shared = [];
window.__shareError = null;
window.__canShare = true;
navigator.canShare = () => window.__canShare;
navigator.share = (data) => {
  window.__shared.push({text: data.text, files: (data.files || []).map(f => [f.name, f.type]),
                        active: navigator.userActivation.isActive});
  if (window.__shareError === "TypeError") { throw new TypeError("bad data"); }
  return window.__shareError ? Promise.reject(new DOMException("no", window.__shareError))
                             : Promise.resolve();
};
"""


# site.js starts in steps, a task each (targets.js adds its own): it marks <html data-ready>
# when every step has run. Pages without the script are ready once loaded.
READY = ("() => !document.querySelector('script[src$=\"site.js\"]')"
         " || document.documentElement.dataset.ready === '1'")


def settle(page: Any, scripting: bool = True) -> None:
    """Wait until the page has loaded and its script has finished starting up."""
    page.wait_for_load_state("load")
    if scripting:
        page.wait_for_function(READY)


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


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """A folder over http on 127.0.0.1, as any static host would serve it; its address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The built site over http."""
    with served(site) as address:
        yield address


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
        settle(page, options.get("java_script_enabled", True))
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


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(visit: Any, server: str, path: str,
                                 viewport: dict[str, int], scheme: str) -> None:
    page = visit(server + path, viewport, bypass_csp=True, color_scheme=scheme)
    assert axe_violations(page) == []


def open_post(page: Any, post: str) -> None:
    page.locator(f"#post-{post} > details > summary").click()
    page.wait_for_selector(f"#post-{post} .panel", state="visible")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_with_the_letter_open_and_a_long_caption(visit: Any, server: str,
                                                     viewport: dict[str, int],
                                                     scheme: str) -> None:
    page = visit(server + f"{SLUG}/en/x.html", viewport, bypass_csp=True, color_scheme=scheme)
    page.fill("#zip", "90002")
    page.click("#zip-find")
    page.get_by_role("button", name="District 2: Ben Example").click()
    page.fill("#sign-name", "Dana Volunteer")
    page.fill("#letter-body", "Long letter. " * 200)
    open_post(page, "main")
    page.fill("#p-main-x-c1", "Too long " * 60)
    assert page.is_visible("#mailto-warning")
    assert axe_violations(page) == []


def overflow(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - innerWidth"))


@pytest.mark.parametrize("view", [{"viewport": SMALL}, {"viewport": PHONE},
                                  {"viewport": DESKTOP}, ZOOM],
                         ids=["320", "390", "1280", "zoom200"])
@pytest.mark.parametrize("path", [f"{SLUG}/en/index.html", f"{SLUG}/ar/x.html"])
def test_no_horizontal_scroll_with_everything_open(visit: Any, server: str, path: str,
                                                  view: dict[str, Any]) -> None:
    page = visit(server + path, **view)
    assert overflow(page) == 0
    for post in ("main", "steps"):
        open_post(page, post)
    page.select_option("#district", "2")
    page.fill("#sign-address", "1234 Very Long Street Name Avenue, Apartment 5678, Los Angeles")
    assert page.is_visible("#letter")
    assert overflow(page) == 0
    page.evaluate("document.getElementById('all-targets').open = true")
    assert overflow(page) == 0


@pytest.mark.parametrize("view", [{"viewport": SMALL}, {"viewport": PHONE},
                                  {"viewport": DESKTOP}, ZOOM],
                         ids=["320", "390", "1280", "zoom200"])
def test_first_screen_shows_both_actions(visit: Any, server: str, view: dict[str, Any]) -> None:
    page = visit(server + f"{SLUG}/en/index.html", **view)
    height = view["viewport"]["height"]
    share = page.get_by_role("link", name="Share a post").first
    act = page.locator(".first-actions").get_by_role("link", name="Email your representative")
    for link in (share, act):
        box = link.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, box
    act.click()
    page.wait_for_function("() => location.hash === '#action' && document.getElementById("
                           "'action-heading').getBoundingClientRect().top < innerHeight")
    # Way back: the bar at the bottom of a phone screen, once the first actions scrolled away.
    if view["viewport"]["width"] < 640 and height >= 480:
        page.wait_for_function("() => !document.querySelector('.dock').classList.contains('away')")
        assert page.locator(".dock").get_by_role("link", name="Share a post").is_visible()


def test_platform_choice_persists_across_reloads_and_languages(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html", PHONE)
    assert page.locator(".chip[aria-current=page]").text_content() == "Instagram"
    page.get_by_role("link", name="Bluesky", exact=True).click()
    page.wait_for_url("**/en/bluesky.html#posts")
    assert page.locator(".panel").first.get_attribute("id") == "p-main-bluesky"
    page.reload()
    settle(page)
    assert page.url.endswith("/en/bluesky.html#posts")
    # The default page goes to the remembered platform, in any language.
    page.goto(server + f"{SLUG}/es/index.html")
    page.wait_for_url("**/es/bluesky.html")
    settle(page)
    assert page.locator(".chip[aria-current=page]").text_content() == "Bluesky"
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url("**/ar/bluesky.html*")
    page.goto(server + f"{SLUG}/index.html")
    page.wait_for_url("**/en/bluesky.html")
    settle(page)
    # Choosing the default platform again sticks too.
    page.get_by_role("link", name="Instagram", exact=True).click()
    page.wait_for_url(f"**/{SLUG}/index.html#posts")
    page.goto(server + f"{SLUG}/es/index.html")
    page.wait_for_timeout(300)
    assert page.url.endswith("/es/index.html")
    # An address naming a platform wins over the remembered one.
    page.goto(server + f"{SLUG}/en/index.html?platform=x")
    page.wait_for_url("**/en/x.html")


def tab_to(page: Any, predicate: str, limit: int = 250) -> int:
    """Press Tab until `predicate(document.activeElement)` holds; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate})(document.activeElement)"):
            return presses
    raise AssertionError(f"keyboard never reached: {predicate}")


def status(page: Any, text: str) -> None:
    page.wait_for_function("t => document.getElementById('status').textContent === t", arg=text)


def test_keyboard_path_through_copy_share_and_email(visit: Any, server: str) -> None:
    url = server + f"{SLUG}/en/x.html"
    page = visit(url, PHONE, FAKE_SHARE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server[:-1])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    tab_to(page, "el.tagName === 'SUMMARY' && el.closest('#post-main')")
    page.keyboard.press("Enter")
    assert page.is_visible("#p-main-x")
    # The steps in the order the volunteer takes them: save, copy, open the app.
    order = page.evaluate("""() => Array.from(document.querySelectorAll(
        '#p-main-x a[download], #p-main-x [data-copy], #p-main-x [data-share]'))
        .map(el => el.matches('[download]') ? 'save' : el.matches('[data-copy]') ? 'copy'
             : 'open')""")
    assert order[:3] == ["save", "copy", "open"]

    tab_to(page, "el.dataset.copy === 'p-main-x-c1'")
    page.keyboard.press("Enter")
    caption = page.input_value("#p-main-x-c1")
    status(page, "Copied.")
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
    page.wait_for_timeout(300)  # the image was fetched when the post opened
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.__shared.length === 1")
    shared = page.evaluate("window.__shared[0]")
    assert shared == {"text": caption, "files": [["main-x.png", "image/png"]], "active": True}
    status(page, "Shared.")

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
    status(page, "Letter copied, with the recipient and subject.")
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"To: Ada Example <ada@example.org>\nSubject: {subject}\n\n{body}")


def test_apps_that_take_only_a_link_get_the_caption_copied_first(visit: Any,
                                                                 server: str) -> None:
    page = visit(server + f"{SLUG}/en/facebook.html", PHONE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server[:-1])
    open_post(page, "main")
    panel = page.locator("#p-main-facebook")
    assert "opens without the caption and the image" in panel.text_content()
    page.fill("#p-main-facebook-c1", "My own words")
    with page.context.expect_page() as opened:
        panel.locator("a[data-share=facebook]").click()
    opened.value.close()
    status(page, "Caption copied: paste it into your post, then attach the image.")
    assert page.evaluate("navigator.clipboard.readText()") == "My own words"
    x = visit(server + f"{SLUG}/en/x.html", PHONE)
    open_post(x, "main")
    assert "opens with the caption but without the image" in x.locator("#p-main-x").text_content()


@pytest.mark.parametrize(("error", "message"), [
    ("AbortError", "Sharing cancelled. Nothing was shared."),
    ("NotAllowedError", "This browser refused to share here."),
    ("TypeError", "Sharing did not work (TypeError)."),
    ("NoFiles", "This browser cannot share images, so the image was downloaded"),
    ("FetchFailed", "The image could not be loaded, so nothing was shared."),
])
def test_web_share_names_each_failure(visit: Any, server: str, error: str, message: str) -> None:
    page = visit(server + f"{SLUG}/en/x.html", PHONE, FAKE_SHARE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server[:-1])
    if error == "FetchFailed":
        page.route("**/images/en/main-x.png", lambda route: route.fulfill(status=404))
    elif error == "NoFiles":
        page.evaluate("window.__canShare = false")
    else:
        page.evaluate("e => { window.__shareError = e; }", error)
    open_post(page, "main")
    page.wait_for_timeout(300)
    if error == "NoFiles":
        with page.expect_download() as download:
            page.locator("#p-main-x button.device-share").click()
        assert download.value.suggested_filename == "main-x.png"
    else:
        page.locator("#p-main-x button.device-share").click()
    page.wait_for_function("m => document.getElementById('status').textContent.startsWith(m)",
                           arg=message)
    # The caption is on the clipboard whatever happened, ready to paste.
    assert page.evaluate("navigator.clipboard.readText()") == page.input_value("#p-main-x-c1")
    called = page.evaluate("window.__shared")
    if error == "FetchFailed":
        visits(page).errors.clear()  # the 404 this test made
    if error in ("NoFiles", "FetchFailed"):
        assert called == []
    else:
        assert called[0]["active"] is True  # shared within the tap: the image was ready


def test_focus_is_visible(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html")
    for predicate in ("el.classList.contains('chip')", "el.tagName === 'SUMMARY'"):
        tab_to(page, predicate)
        style = page.evaluate("(s => [s.outlineStyle, s.outlineWidth])"
                              "(getComputedStyle(document.activeElement))")
        assert style[0] != "none" and float(style[1].rstrip("px")) >= 2


def test_counter_and_share_link_follow_edits(visit: Any, server: str,
                                             site_workspace: Path) -> None:
    page = visit(server + f"{SLUG}/en/bluesky.html")
    open_post(page, "main")
    text = "Fund care 👩‍👩‍👧 " * 30 + "https://example.org/" + " #tag" * 3
    page.fill("#p-main-bluesky-c1", text)
    t = Strings(SiteRenderer(load_workspace(site_workspace).search_dirs()).strings, "en")
    expected, over = count_text(t, "bluesky", 300, None, text)
    assert page.text_content("#p-main-bluesky-c1-count") == expected and over
    assert "over" in page.get_attribute("#p-main-bluesky-c1-count", "class")
    link = page.locator("#p-main-bluesky a[data-share=bluesky]")
    assert link.get_attribute("href") == share_url("bluesky", text,
                                                   link.get_attribute("data-url"))
    # Messages carry the edited caption too.
    whatsapp = page.locator("#post-main a[data-message=whatsapp]")
    with page.context.expect_page() as opened:
        whatsapp.click()
    opened.value.close()
    assert whatsapp.get_attribute("href") == share_url(
        "whatsapp", text, whatsapp.get_attribute("data-url"))
    # The box grows with its text: no scrolling inside it.
    assert page.evaluate("(a => a.scrollHeight <= a.clientHeight + 2)"
                         "(document.getElementById('p-main-bluesky-c1'))")


def letters(site: Path) -> dict[str, tuple[str, str]]:
    """Subject and body of each district's letter, from the page's mailto links."""
    from urllib.parse import unquote

    from sitekit import parse
    found = {}
    for a in parse(site / f"{SLUG}/en/index.html").find("a"):
        if a.get("data-district"):
            query = dict(p.split("=", 1) for p in a["href"].split("?", 1)[1].split("&"))
            found[a["data-district"]] = (unquote(query["subject"]),
                                         unquote(query["body"]).replace("\r\n", "\n"))
    return found


def test_zip_lookup_picks_the_right_councilmember(visit: Any, server: str, site: Path) -> None:
    page = visit(server + f"{SLUG}/en/index.html")
    written = letters(site)
    page.fill("#zip", " 90003 ")
    page.click("#zip-find")
    assert page.input_value("#district") == "3"
    assert page.text_content("#letter-to") == "Cy Example <cy@example.org>"
    assert (page.input_value("#letter-subject"), page.input_value("#letter-body")) == written["3"]

    page.fill("#zip", "90002-1234")
    page.click("#zip-find")
    choices = page.locator("#lookup-choices button")
    assert choices.all_text_contents() == ["District 1: Ada Example", "District 2: Ben Example"]
    assert page.is_hidden("#letter")  # not district 3's letter any more: the person picks
    choices.nth(1).click()
    assert page.input_value("#district") == "2"
    assert page.input_value("#letter-body") == written["2"][1]


def test_failed_lookup_clears_the_letter(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html")
    page.fill("#zip", "90001")
    page.click("#zip-find")
    assert page.is_visible("#letter") and page.input_value("#district") == "1"
    page.fill("#zip", "12345")
    page.click("#zip-find")
    assert "No district found for 12345" in page.text_content("#lookup-result")
    assert page.is_hidden("#letter")
    assert page.input_value("#district") == "" and page.input_value("#letter-body") == ""
    assert page.get_attribute("#send-mailto", "href") == "#" or page.is_hidden("#send-mailto")


@pytest.mark.parametrize(("where", "districts"), [
    ({"latitude": 34.05, "longitude": -118.15}, ["2"]),
    ({"latitude": 34.25, "longitude": -118.25}, ["3"]),
    ({"latitude": 34.35, "longitude": -118.15}, []),  # in district 3's hole
    # Within the simplification's tolerance of the border of 1 and 2: both offered.
    ({"latitude": 34.05, "longitude": -118.2003}, ["1", "2"]),
])
def test_use_my_location_finds_the_district_in_the_browser(
        visit: Any, server: str, where: dict[str, float], districts: list[str]) -> None:
    page = visit(server + f"{SLUG}/en/index.html", geolocation=where, permissions=["geolocation"])
    loaded = lambda: page.evaluate(  # noqa: E731
        "performance.getEntriesByType('resource').some(e => e.name.endsWith('districts.js'))")
    assert not loaded()  # the boundaries load only when asked for
    page.click("#locate")
    page.wait_for_selector("#lookup-result:not([hidden])")
    assert loaded()
    if len(districts) == 1:
        assert page.input_value("#district") == districts[0]
        assert page.is_visible("#letter")
    else:
        assert page.input_value("#district") == ""
        assert page.is_hidden("#letter")
        names = page.locator("#lookup-choices button").all_text_contents()
        assert [n.split(":")[0].split()[-1] for n in names] == districts


def test_location_refused_says_so(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html")  # no geolocation permission
    page.evaluate("""() => { navigator.geolocation.getCurrentPosition = (ok, fail) =>
        fail({code: 1, message: 'denied'}); }""")
    page.click("#locate")
    page.wait_for_selector("#lookup-result:not([hidden])")
    assert page.text_content("#lookup-result").startswith("Could not get your location.")


def test_signature_is_added_and_replaced(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html")
    page.select_option("#district", "1")
    base = page.input_value("#letter-body")
    page.fill("#sign-name", "Dana Volunteer")
    page.fill("#sign-address", "90001")
    end = "" if base.endswith("\n") else "\n"
    assert page.input_value("#letter-body") == base + end + "Dana Volunteer\n90001\n"
    page.fill("#sign-name", "Dana V.")
    assert page.input_value("#letter-body") == base + end + "Dana V.\n90001\n"
    assert "Dana%20V." in page.get_attribute("#send-mailto", "href")
    page.fill("#sign-name", "")
    page.fill("#sign-address", "")
    assert page.input_value("#letter-body") == base
    # Said on the page: kept in the browser only.
    assert "this page sends them nowhere" in page.text_content(".sign")


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
    page = visit((site / SLUG / "es" / "index.html").as_uri(), PHONE,
                 geolocation={"latitude": 34.05, "longitude": -118.15},
                 permissions=["geolocation"])
    open_post(page, "main")
    page.click("#locate")  # the district map is a script, so file:// loads it too
    page.wait_for_function("() => document.getElementById('district').value === '2'")
    background = page.evaluate("getComputedStyle(document.querySelector('.site-header'))"
                               ".backgroundColor")
    assert background == "rgb(29, 53, 87)"  # the default brand's primary, from theme.css
    assert page.evaluate("document.querySelector('img').complete")
    # Localized by the script once the dates come near the screen (Intl is slow to start).
    page.locator("time").first.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('time').textContent !== '2024-05-01'")


def test_usable_without_javascript(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html", PHONE, java_script_enabled=False)
    assert page.get_by_role("link", name="Share a post").first.is_visible()
    page.get_by_role("link", name="X", exact=True).click()
    page.wait_for_url("**/en/x.html#posts")
    open_post(page, "main")
    assert page.is_visible("#p-main-x a[data-share=x]")
    assert page.is_visible("#p-main-x a[download]")
    # The caption box is in the page as it is (the script builds it from its <noscript>).
    assert page.is_visible("#p-main-x-c1") and page.input_value("#p-main-x-c1")
    assert page.is_hidden("#letter-tool")
    assert page.is_visible("#all-targets a[href^='mailto:ben@example.org']")
    assert page.is_hidden("button[data-copy]")
    assert page.is_hidden("button.device-share")


def test_caption_boxes_are_built_when_a_post_opens(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/x.html")
    assert page.locator("#post-main textarea").count() == 0
    open_post(page, "main")
    assert page.input_value("#p-main-x-c1").strip()
    assert page.is_visible("#p-main-x-c1-count")
    # Opened from a link to the post: built too.
    linked = visit(server + f"{SLUG}/en/x.html#post-main")
    assert linked.is_visible("#p-main-x-c1")


def test_print_hides_the_controls(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html")
    open_post(page, "main")
    page.emulate_media(media="print")
    assert page.is_hidden("#p-main-instagram-square textarea")
    assert page.is_hidden(".dock") and page.is_hidden(".first-actions")
    assert page.is_hidden(".languages") and page.is_visible("#talking-points")


def test_no_request_leaves_the_site(visit: Any, server: str, browser: Any) -> None:
    page = visit(server + f"{SLUG}/en/index.html", script=FAKE_SHARE)
    for summary in page.locator(".post > details > summary").all():
        summary.click()
    page.mouse.wheel(0, 20000)
    page.wait_for_timeout(200)
    hosts = {urlsplit(url).hostname for url in page.context.pages[0].evaluate(
        "performance.getEntriesByType('resource').map(e => e.name)")}
    assert hosts <= {"127.0.0.1"}


def test_script_marks_untranslated_messages(visit: Any, server: str) -> None:
    page = visit(server + f"{SLUG}/en/index.html")
    page.evaluate("""() => {
        const data = JSON.parse(document.getElementById('toolkit-data').textContent);
        return data.stringsLang; }""")
    page.fill("#zip", "99999")
    page.click("#zip-find")
    assert page.get_attribute("#lookup-result", "lang") is None
