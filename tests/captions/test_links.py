"""Tests for share links, e-mail compose links and UTM tagging."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.captions.links import (
    MAILTO_SAFE_LENGTH,
    SHARE_TARGETS,
    add_utm,
    gmail_compose_url,
    mailto_too_long,
    mailto_url,
    outlook_compose_url,
    share_url,
)

TEXT = "Tax 50% & more = #fair? 1+1 \u00e9t\u00e9 \u65e5\u672c \U0001f637\nnew line"
URL = "https://example.org/path?a=1&b=two words#frag"


def _params(link: str) -> dict[str, str]:
    """Query parameters decoded with unquote, which, unlike parse_qs, keeps `+` a plus."""
    pairs = [pair.split("=", 1) for pair in urlsplit(link).query.split("&") if pair]
    return {unquote(name): unquote(value) for name, value in pairs}


@pytest.mark.parametrize(
    ("target", "base", "expected"),
    [
        ("x", "https://x.com/intent/tweet", {"text": TEXT, "url": URL}),
        ("facebook", "https://www.facebook.com/sharer/sharer.php", {"u": URL}),
        ("linkedin", "https://www.linkedin.com/sharing/share-offsite/", {"url": URL}),
        ("bluesky", "https://bsky.app/intent/compose", {"text": f"{TEXT} {URL}"}),
        ("threads", "https://www.threads.com/intent/post", {"text": TEXT, "url": URL}),
        ("mastodon", "https://share.joinmastodon.org/", {"text": f"{TEXT} {URL}"}),
        ("whatsapp", "https://wa.me/", {"text": f"{TEXT} {URL}"}),
        ("telegram", "https://t.me/share/url", {"url": URL, "text": TEXT}),
    ],
)
def test_share_url_round_trips(target: str, base: str, expected: dict[str, str]) -> None:
    link = share_url(target, TEXT, URL)
    assert link.startswith(f"{base}?")
    assert _params(link) == expected
    assert " " not in link and "+" not in link and "\n" not in link


def test_every_share_target_is_tested() -> None:
    assert set(SHARE_TARGETS) == {
        "x", "facebook", "linkedin", "bluesky", "threads", "mastodon", "whatsapp", "telegram",
        "email",
    }  # fmt: skip


def test_email_share_puts_the_link_under_the_text() -> None:
    link = share_url("email", "Hello there", "https://example.org", subject="Spring sale")
    assert link == (
        "mailto:?subject=Spring%20sale&body=Hello%20there%0D%0A%0D%0Ahttps%3A%2F%2Fexample.org"
    )


def test_share_url_leaves_out_empty_values() -> None:
    assert share_url("x", "", "https://example.org") == (
        "https://x.com/intent/tweet?url=https%3A%2F%2Fexample.org"
    )
    assert share_url("bluesky", "", "https://example.org") == (
        "https://bsky.app/intent/compose?text=https%3A%2F%2Fexample.org"
    )


def test_unknown_share_target_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="unknown share target 'myspace'.*bluesky"):
        share_url("myspace", "text", "https://example.org")


@pytest.mark.parametrize("body", ["one\ntwo", "one\r\ntwo", "one\rtwo"])
def test_mailto_body_line_breaks_are_crlf(body: str) -> None:
    assert mailto_url(["a@example.org"], "", body) == ("mailto:a@example.org?body=one%0D%0Atwo")


def test_mailto_encodes_reserved_characters_and_spaces_as_percent_20() -> None:
    link = mailto_url(["a@example.org"], "a & b = c # d % e ? f + g", "")
    assert link == (
        "mailto:a@example.org?subject=a%20%26%20b%20%3D%20c%20%23%20d%20%25%20e%20%3F%20f%20%2B%20g"
    )


def test_mailto_addresses_keep_at_sign_and_are_joined_with_commas() -> None:
    link = mailto_url(
        ["bill+ietf@example.org", "jo@example.org"],
        "Hi",
        "",
        cc=["cc@example.org"],
        bcc=["b1@example.org", "b2@example.org"],
    )
    assert link == (
        "mailto:bill%2Bietf@example.org,jo@example.org"
        "?cc=cc@example.org&bcc=b1@example.org,b2@example.org&subject=Hi"
    )


def test_mailto_without_fields_has_no_query() -> None:
    assert mailto_url(["a@example.org"], "", "") == "mailto:a@example.org"


@given(st.text(), st.text())
def test_mailto_round_trips(subject: str, body: str) -> None:
    params = _params(mailto_url(["a@example.org"], subject, body))
    crlf_body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    assert params.get("subject", "") == subject
    assert params.get("body", "") == crlf_body


@given(st.text().filter(str.strip), st.text(min_size=1).filter(str.strip))
def test_x_share_round_trips_any_text(text: str, url: str) -> None:
    link = share_url("x", text, url)
    expected = {"text": text.strip()} | ({} if url in text else {"url": url.strip()})
    assert _params(link) == expected
    assert " " not in link


def test_mailto_length_threshold() -> None:
    assert not mailto_too_long("m" * MAILTO_SAFE_LENGTH)
    assert mailto_too_long("m" * (MAILTO_SAFE_LENGTH + 1))
    assert mailto_too_long(mailto_url(["a@example.org"], "", "\u65e5" * 300))


def test_gmail_compose_url() -> None:
    link = gmail_compose_url(["a@example.org", "b@example.org"], "Hi there", TEXT)
    assert link.startswith("https://mail.google.com/mail/?view=cm&fs=1&to=")
    assert _params(link) == {
        "view": "cm",
        "fs": "1",
        "to": "a@example.org,b@example.org",
        "su": "Hi there",
        "body": TEXT,
    }
    assert " " not in link and "+" not in link


def test_outlook_compose_url() -> None:
    link = outlook_compose_url(["a@example.org", "b@example.org"], "Hi there", TEXT)
    assert link.startswith("https://outlook.office.com/mail/deeplink/compose?to=")
    assert _params(link) == {
        "to": "a@example.org;b@example.org",
        "subject": "Hi there",
        "body": TEXT,
    }
    assert " " not in link and "+" not in link


@pytest.mark.parametrize(
    ("url", "kwargs", "expected"),
    [
        (
            "https://example.org/p",
            {"source": "x"},
            "https://example.org/p?utm_source=x&utm_medium=social",
        ),
        (
            "https://example.org/p?a=1&b=x+y#top",
            {"source": "x", "campaign": "spring sale"},
            "https://example.org/p?a=1&b=x+y"
            "&utm_source=x&utm_medium=social&utm_campaign=spring%20sale#top",
        ),
        (
            "https://example.org/?utm_source=old&a=1&utm_medium=email&utm_content=hero",
            {"source": "bluesky"},
            "https://example.org/?a=1&utm_content=hero&utm_source=bluesky&utm_medium=social",
        ),
        (
            "https://example.org/?utm_campaign=keep",
            {"source": "x", "medium": ""},
            "https://example.org/?utm_campaign=keep&utm_source=x",
        ),
        (
            "https://example.org/?utm%5Fsource=old",
            {"source": "x"},
            "https://example.org/?utm_source=x&utm_medium=social",
        ),
        (
            "https://example.org/?q=%E6%97%A5#a?b",
            {"source": "a&b=c"},
            "https://example.org/?q=%E6%97%A5&utm_source=a%26b%3Dc&utm_medium=social#a?b",
        ),
    ],
)
def test_add_utm(url: str, kwargs: dict[str, str], expected: str) -> None:
    assert add_utm(url, **kwargs) == expected


def test_add_utm_is_idempotent() -> None:
    once = add_utm("https://example.org/?a=1#f", "x", campaign="c")
    assert add_utm(once, "x", campaign="c") == once


def test_share_link_does_not_repeat_a_url_the_text_carries() -> None:
    url = "https://example.org/a?utm_source=x"
    link = share_url("x", f"Fund care {url}", url)
    assert "url=" not in link
    assert link.count("example.org") == 1
    assert "u=" in share_url("facebook", f"Fund care {url}", url)
    assert "url=" in share_url("x", "Fund care", url)
