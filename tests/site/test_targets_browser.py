"""Per-target posts, share links, letter and call action follow the volunteer's district in
Chromium: by ZIP code, by a mocked location, by the in-post picker and from an earlier visit."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from test_browser import (
    DESKTOP,
    FAKE_SHARE,
    PHONE,
    axe_violations,
    browser,
    served,
    settle,
    visit,
    visits,
)

sys.path.insert(0, str(Path(__file__).parents[1] / "targets"))
from targetkit import SLUG, campaign_files, write_files  # noqa: E402

from toolkit.build import build_workspace  # noqa: E402
from toolkit.load.workspace import load_workspace  # noqa: E402

__all__ = ["browser", "visit"]  # fixtures shared with test_browser
PAGE = f"{SLUG}/en/index.html"
X_PAGE = PAGE  # each platform is a page of its own; X, the first format, is the default one


@pytest.fixture(scope="module")
def council_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_files(tmp_path_factory.mktemp("council-site"), campaign_files())
    out = root / "build"
    build_workspace(load_workspace(root), (SLUG,), out, jobs=1)
    return out


@pytest.fixture(scope="module")
def council_server(council_site: Path) -> Iterator[str]:
    with served(council_site) as address:
        yield address


def visible_versions(page: Any, post: str) -> list[str]:
    return page.eval_on_selector_all(
        f"#post-{post} .target-version",
        "nodes => nodes.filter(n => !n.hidden).map(n => n.dataset.district)")


def visible_offices(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "[data-call] .call-office",
        "nodes => nodes.filter(n => !n.hidden).map(n => n.dataset.district)")


def share_text(page: Any, panel: str) -> str:
    href = page.get_attribute(f"#{panel} a[data-share]", "href")
    return unquote(href)


def test_without_a_district_the_post_asks_for_it(visit: Any, council_server: str) -> None:
    page = visit(council_server + PAGE)
    assert visible_versions(page, "ask") == [] and visible_offices(page) == []
    assert page.is_visible("#post-ask [data-follow-ask]")
    assert page.is_visible("#pick-ask") and page.is_visible("#pick-call")
    assert page.evaluate("localStorage.length") == 0


def test_zip_shows_the_volunteers_councilmember_everywhere(visit: Any,
                                                           council_server: str) -> None:
    page = visit(council_server + X_PAGE)
    page.fill("#zip", "90001")
    page.click("#zip-find")
    assert page.text_content("#letter-to") == "Ada Lovelace <ada@example.org>"
    # Her letter comes from the page's data (the mailto links are on the districts page).
    assert page.input_value("#letter-body").startswith("Dear Councilmember Ada Lovelace,")
    assert "mailto:ada@example.org" in page.get_attribute("#send-mailto", "href")
    assert visible_versions(page, "ask") == ["1"] and visible_versions(page, "stat") == ["1"]
    assert visible_offices(page) == ["1"]
    # The graphic, caption and share link of her version, tagging her handle on X and Bluesky.
    assert page.is_visible("#p-ask-t1-x img[src*='previews/en/ask/1-x-']")
    assert page.is_visible("#p-ask-t1-x a[href$='images/en/ask/1-x.png'][download]")
    assert page.input_value("#p-ask-t1-x-c1").startswith("@AdaCD1, please fund care")
    assert share_text(page, "p-ask-t1-x").startswith(
        "https://x.com/intent/tweet?text=@AdaCD1, please fund care")
    assert page.get_attribute("#post-ask-t1 .target-kit a", "href").endswith(
        f"kits/{SLUG}-en-target-1.zip")
    assert "Office hours: Mon-Thu 8 to 4" in page.locator("#call-1").text_content()
    page.goto(council_server + f"{SLUG}/en/bluesky.html")
    settle(page)
    assert "@ada.bsky.social" in share_text(page, "p-ask-t1-bluesky")
    assert page.get_attribute("#post-ask-t1 .target-kit a", "href").endswith(
        f"kits/{SLUG}-en-target-1.zip")
    # The call action: her number as a tel: link, her hours and her script.
    office = page.locator("#call-1")
    assert office.locator("a[href^='tel:']").get_attribute("href") == "tel:5550100001"
    assert "Office hours: Mon-Thu 8 to 4" in office.text_content()
    assert "Councilmember Ada Lovelace" in office.locator(".call-script").text_content()
    assert page.is_visible("#post-ask [data-follow-known]")
    assert "District 1" in page.text_content("#post-ask [data-follow-label]")


def test_mocked_location_picks_the_district(visit: Any, council_server: str) -> None:
    page = visit(council_server + X_PAGE, geolocation={"latitude": 34.05, "longitude": -118.25},
                 permissions=["geolocation"])
    page.click("#locate")
    page.wait_for_selector("#lookup-result:not([hidden])")
    assert page.input_value("#district") == "2"
    assert visible_versions(page, "ask") == ["2"] and visible_offices(page) == ["2"]
    # No handle on X: the caption and the share link name him, never an empty @.
    caption = page.input_value("#p-ask-t2-x-c1")
    assert caption.startswith("Council President Ben Okafor, please fund care")
    assert "@ " not in share_text(page, "p-ask-t2-x")
    assert page.get_attribute("#call-2 a[href^='tel:']", "href") == "tel:+15550100002;ext=12"
    assert "Weekdays 9 to 5" in page.text_content("#call-2")
    page.goto(council_server + f"{SLUG}/en/mastodon.html")
    settle(page)
    assert page.input_value("#p-ask-t2-mastodon-c1").startswith("@ben@mastodon.social,")


def test_picker_is_remembered_and_forgotten(visit: Any, council_server: str) -> None:
    page = visit(council_server + PAGE)
    page.select_option("#pick-ask", "3")
    assert visible_versions(page, "ask") == ["3"] and visible_versions(page, "stat") == ["3"]
    assert page.input_value("#district") == "3"
    assert page.text_content("#letter-to") == "Chen Wu <chen@example.org>"
    stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert stored == f'{{"toolkit-district:{SLUG}":"3"}}'
    page.reload()
    settle(page)
    assert visible_versions(page, "ask") == ["3"] and visible_offices(page) == ["3"]
    assert page.text_content("#letter-to") == "Chen Wu <chen@example.org>"
    page.locator("#post-ask [data-follow-forget]").click()
    assert visible_versions(page, "ask") == [] and page.is_visible("#post-ask [data-follow-ask]")
    assert page.evaluate("localStorage.length") == 0
    page.reload()
    settle(page)
    assert visible_versions(page, "ask") == []


def test_start_up_ends_after_the_stored_district_is_shown(visit: Any,
                                                         council_server: str) -> None:
    page = visit(council_server + PAGE)
    page.evaluate(f"localStorage.setItem('toolkit-district:{SLUG}', '2')")
    page.reload()
    settle(page)
    # <html data-ready> comes after targets.js's steps, not only site.js's.
    assert visible_versions(page, "ask") == ["2"] and page.input_value("#district") == "2"


def test_start_up_ends_when_targets_js_does_not_load(visit: Any, council_server: str) -> None:
    page = visit(council_server + PAGE)
    page.route("**/targets.js", lambda route: route.abort())
    page.reload()
    settle(page)
    # site.js's own steps ran: the letter tool and the copy buttons are shown.
    assert page.is_visible("#letter-tool")
    assert page.locator("button[data-copy]").first.get_attribute("hidden") is None
    assert visible_versions(page, "ask") == []
    visits(page).errors.clear()  # the aborted script's load error, which this test caused


def test_spanish_page_uses_translated_titles(visit: Any, council_server: str) -> None:
    page = visit(council_server + f"{SLUG}/es/index.html")
    page.select_option("#pick-call", "1")
    assert "Concejala Ada Lovelace" in page.text_content("#call-1 .call-script")
    assert "lun-jue de 8 a 4" in page.text_content("#call-1")
    assert page.input_value("#p-ask-t1-x-c1").startswith("@AdaCD1, financie")
    assert page.get_attribute("#p-ask-t1-x img", "alt").startswith(
        "Una tarjeta que pide a Concejala Ada Lovelace")


def test_no_version_is_drawn_or_fetched_before_the_district_is_known(
        visit: Any, council_server: str) -> None:
    page = visit(council_server + PAGE, PHONE)
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not [url for url in loaded if "/ask/" in url or "/stat/" in url]
    assert page.is_hidden("#post-ask-t1") and page.is_hidden("#call-1")


def test_version_messages_carry_its_caption_and_follow_edits(visit: Any,
                                                             council_server: str) -> None:
    page = visit(council_server + PAGE, PHONE)
    page.select_option("#pick-ask", "1")
    caption = page.input_value("#p-ask-t1-x-c1")
    whatsapp = page.locator("#post-ask-t1 a[data-message=whatsapp]")
    assert unquote(whatsapp.get_attribute("href")).startswith(
        "https://wa.me/?text=" + caption.split(" https://")[0])
    page.fill("#p-ask-t1-x-c1", "Edited for Ada")
    with page.context.expect_page() as opened:
        whatsapp.click()
    opened.value.close()
    assert unquote(whatsapp.get_attribute("href")).startswith("https://wa.me/?text=Edited for Ada")
    # Another district: the version is filled again, named by its own title, its messages
    # carrying its own caption.
    page.locator("#post-ask [data-follow-change]").click()
    page.select_option("#pick-ask", "2")
    assert page.get_attribute("#p-ask-t2-x", "aria-label").startswith("Council President Ben")
    caption = page.input_value("#p-ask-t2-x-c1")
    assert caption.startswith("Council President Ben Okafor")
    whatsapp = page.locator("#post-ask-t2 a[data-message=whatsapp]")
    assert unquote(whatsapp.get_attribute("href")).startswith(
        "https://wa.me/?text=" + caption.split(" https://")[0])


def test_version_image_is_ready_before_the_share_tap(visit: Any, council_server: str) -> None:
    page = visit(council_server + PAGE, PHONE, FAKE_SHARE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=council_server[:-1])
    page.select_option("#pick-ask", "2")
    page.wait_for_timeout(300)  # the image is fetched when the version is shown
    page.locator("#p-ask-t2-x button.device-share").click()
    page.wait_for_function("() => window.__shared.length === 1")
    shared = page.evaluate("window.__shared[0]")
    assert shared["files"] == [["2-x.png", "image/png"]] and shared["active"] is True
    assert shared["text"] == page.input_value("#p-ask-t2-x-c1")


def test_without_javascript_every_district_is_listed(visit: Any, council_server: str) -> None:
    page = visit(council_server + PAGE, java_script_enabled=False)
    # The page carries one version for the script to fill; without it, a link to the list.
    assert page.locator("#post-ask .target-version").count() == 1
    assert page.is_hidden("#post-ask .target-version") and page.is_hidden("#post-ask [data-follow]")
    assert page.is_hidden("#call .call-office") and page.is_hidden("#letter-tool")
    assert page.get_attribute("#all-targets-link a", "href").endswith(
        "en/districts/index.html#action")
    assert page.get_attribute("#call .every-district a", "href").endswith(
        "en/districts/index.html#call")
    page.click("#post-ask .every-district a")
    assert page.url.endswith(f"{SLUG}/en/districts/index.html#post-ask")
    assert page.locator("#post-ask .target-version").count() == 3
    assert all(page.is_visible(f"#post-ask-t{key}") for key in ("1", "2", "3"))
    assert all(page.is_visible(f"#call-{key}") for key in ("1", "2", "3"))
    assert page.is_visible("#call-1 a[href='tel:5550100001']")
    assert page.input_value("#p-ask-t2-x-c1").startswith("Council President Ben Okafor")
    assert page.is_visible("#all-targets a[href^='mailto:ben@example.org']")


def test_the_filled_version_is_the_listed_one(visit: Any, council_server: str) -> None:
    """What the script fills for a district is what the page listing every district shows."""
    listed = visit(council_server + f"{SLUG}/en/districts/bluesky.html")
    page = visit(council_server + f"{SLUG}/en/bluesky.html")
    page.select_option("#pick-ask", "3")
    page.locator("#post-ask [data-follow-change]").click()
    page.select_option("#pick-ask", "2")
    version = "#post-ask-t2"

    # The two pages differ only in their way to the campaign's folder (../ and ../../).
    def snapshot(on: Any) -> dict[str, Any]:
        return on.eval_on_selector(version, """node => ({
            text: node.innerText.replace(/\\s+/g, " "),
            attrs: Array.from(node.querySelectorAll("*")).map(n => Array.from(n.attributes)
                .filter(a => a.name !== "hidden" && a.name !== "rows" && a.name !== "href")
                .map(a => a.name + "=" + a.value.replace(/(\\.\\.\\/)+/g, "")).join(" ")),
            links: Array.from(node.querySelectorAll("a[download], a[data-share]"))
                .map(a => a.getAttribute("href").replace(/^(\\.\\.\\/)+/, "")),
            captions: Array.from(node.querySelectorAll("textarea")).map(a => a.value)})""")

    assert snapshot(page) == snapshot(listed)
    assert page.is_visible(f"{version} img[src*='previews/en/ask/2-bluesky-']")


def test_districts_page_in_each_language_and_platform(visit: Any, council_server: str) -> None:
    page = visit(council_server + f"{SLUG}/es/districts/index.html", PHONE)
    assert page.get_attribute("html", "lang") == "es"
    assert "Concejala Ada Lovelace" in page.text_content("#call-1 .call-script")
    assert page.is_visible(".district-nav a[href='#post-ask-t1']")
    page.click(".platforms a[data-platform=bluesky]")
    assert page.url.endswith(f"{SLUG}/es/districts/bluesky.html#posts")
    page.click(".languages a[hreflang=en]")
    assert f"{SLUG}/en/districts/bluesky.html" in page.url
    page.click("text=Back to the toolkit")
    assert page.url.endswith(f"{SLUG}/en/bluesky.html")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_with_and_without_a_district(visit: Any, council_server: str,
                                         viewport: dict[str, int]) -> None:
    page = visit(council_server + PAGE, viewport, bypass_csp=True)
    assert axe_violations(page) == []
    page.select_option("#pick-ask", "2")
    assert axe_violations(page) == []
    page.goto(council_server + f"{SLUG}/en/districts/index.html")
    settle(page)
    assert axe_violations(page) == []
