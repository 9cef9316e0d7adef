"""The targets table's cells: handles per platform, phone numbers, translations."""

from __future__ import annotations

import pytest

from toolkit.load.model import Target
from toolkit.load.targets import parse_handle, parse_phone, target_context, target_keys


@pytest.mark.parametrize(("platform", "raw", "handle"), [
    ("x", "@LACityCouncil", "LACityCouncil"),
    ("x", "CD4Raman", "CD4Raman"),
    ("x", "sixteen_chars_xx", None),
    ("x", "no spaces", None),
    ("bluesky", "@nithya.bsky.social", "nithya.bsky.social"),
    ("bluesky", "lacity.gov", "lacity.gov"),
    ("bluesky", "nodot", None),
    ("bluesky", "https://bsky.app/profile/x.bsky.social", None),
    ("bluesky", "name.123", None),
    ("instagram", "cd4.raman", "cd4.raman"),
    ("instagram", "a..b", None),
    ("instagram", "trailing.", None),
    ("threads", "city_of_la", "city_of_la"),
    ("mastodon", "@user@mastodon.social", "user@mastodon.social"),
    ("mastodon", "user", None),
    ("mastodon", "user@host", None),
    ("facebook", "LACityCouncil", "LACityCouncil"),
    ("facebook", "abc", None),
    ("linkedin", "city-of-los-angeles", "city-of-los-angeles"),
    ("linkedin", "-x", None),
])
def test_handle_shapes(platform: str, raw: str, handle: str | None) -> None:
    assert parse_handle(platform, raw) == handle


@pytest.mark.parametrize(("raw", "tel"), [
    ("(213) 473-7004", "tel:2134737004"),
    ("+1 213 473 7004", "tel:+12134737004"),
    ("213.473.7004 ext. 5", "tel:2134737004;ext=5"),
    ("+44 20 7946 0958", "tel:+442079460958"),
    ("213-473-7004 x12", "tel:2134737004;ext=12"),
    ("473-70", None),
    ("call us", None),
    ("(213 473-7004", None),
    ("+1 +213 473 7004", None),
    ("1234567890123456", None),
])
def test_phone_numbers(raw: str, tel: str | None) -> None:
    phone = parse_phone(raw)
    assert (phone.tel if phone else None) == tel


def test_keys_are_districts_or_district_and_name_when_shared() -> None:
    assert target_keys([("1", "A"), ("2", "B")]) == ["1", "2"]
    assert target_keys([("CA 12", "Ana"), ("CA 12", "Bo"), ("3", "C")]) == [
        "ca-12-ana", "ca-12-bo", "3"]


def test_context_translates_and_never_leaves_an_empty_handle() -> None:
    target = Target("Ada", "Councilmember", "1", "ada@example.org",
                    {"name": "Ada", "title": "Councilmember", "district": "1"}, key="1",
                    handles={"x": "AdaCD1"}, translations={"es": {"title": "Concejala"}})
    es_bluesky = target_context(target, "es", "bluesky")
    assert es_bluesky["title"] == "Concejala"
    assert es_bluesky["handle"] == ""
    assert es_bluesky["mention"] == "Concejala Ada"
    en_x = target_context(target, "en", "x")
    assert en_x["handle"] == en_x["mention"] == "@AdaCD1"
    assert en_x["handles"] == {"x": "@AdaCD1"}
