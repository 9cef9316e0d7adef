"""The gallery's thumbnails in Chromium: the first row with the page, the rest as they come
near, every one without scripting, when its post opens and before printing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sitekit import CAMPAIGN, SLUG, build_site, site_files, write_files
from test_browser import PHONE, browser, served, visit, visits

__all__ = ["browser", "visit"]  # fixtures shared with test_browser
EXTRA = [f"more{number}" for number in range(1, 9)]
PAGE = f"{SLUG}/en/index.html"


def gallery_campaign() -> str:
    """The demo campaign with eight more headline posts: a phone's gallery of five rows."""
    posts = "".join(
        f"  - id: {post}\n    layout: headline\n"
        f"    text:\n      headline: {{en: \"Post {post}\", es: \"{post}\", ar: \"{post}\"}}\n"
        for post in EXTRA)
    return CAMPAIGN.replace("action:\n", posts + "action:\n", 1)


@pytest.fixture(scope="module")
def gallery_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    files = site_files() | {f"campaigns/{SLUG}/campaign.yaml": gallery_campaign()}
    root = write_files(tmp_path_factory.mktemp("gallery-ws"), files)
    with served(build_site(root, root / "build")) as address:
        yield address


def fetched_previews(page: Any) -> set[str]:
    return {url.rsplit("/", 1)[1].split("-instagram-square")[0]
            for url in visits(page).requests if "/previews/" in url}


def test_only_the_first_rows_load_with_the_page(visit: Any, gallery_server: str) -> None:
    page = visit(gallery_server + PAGE, PHONE)
    page.wait_for_timeout(300)
    fetched = fetched_previews(page)
    assert {"main", "steps"} <= fetched  # the first row is in the page itself
    assert "more8" not in fetched and page.locator("#post-more8 .thumb-wait").count() == 1
    # Each place is held at the picture's shape: nothing moves when the thumbnail comes.
    box = page.locator("#post-more8 .thumb-wait").bounding_box()
    assert box and box["height"] == pytest.approx(box["width"], abs=1)
    page.locator("#post-more8").scroll_into_view_if_needed()
    page.wait_for_function("() => !document.querySelector('#post-more8 .thumb-wait')")
    page.wait_for_function(
        "() => { const i = document.querySelector('#post-more8 img.thumb');"
        " return i.complete && i.naturalWidth > 0; }")
    assert page.locator("#post-more8 img.thumb").bounding_box()["height"] == pytest.approx(
        box["height"], abs=1)
    assert "more8" in fetched_previews(page)


def test_a_post_opened_by_its_link_shows_its_thumbnail(visit: Any, gallery_server: str) -> None:
    page = visit(gallery_server + PAGE + "#post-more7", PHONE)
    assert page.locator("#post-more7 details[open]").count() == 1
    page.wait_for_function(
        "() => { const i = document.querySelector('#post-more7 img.thumb');"
        " return !!i && i.complete && i.naturalWidth > 0; }")


def test_every_thumbnail_without_scripting(visit: Any, gallery_server: str) -> None:
    page = visit(gallery_server + PAGE, PHONE, java_script_enabled=False)
    assert page.locator(".gallery .thumb-wait").count() == len(EXTRA)
    assert all(not wait.is_visible() for wait in page.locator(".thumb-wait").all())
    page.locator("#post-more8").scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const i = document.querySelector('#post-more8 img.thumb');"
        " return i.complete && i.naturalWidth > 0; }")
    assert page.locator(".gallery img.thumb").count() == 2 + len(EXTRA)


def test_printing_shows_every_thumbnail(visit: Any, gallery_server: str) -> None:
    page = visit(gallery_server + PAGE, PHONE)
    assert page.locator(".thumb-wait").count() > 0
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".thumb-wait").count() == 0
    assert page.locator(".gallery img.thumb").count() == 2 + len(EXTRA)
