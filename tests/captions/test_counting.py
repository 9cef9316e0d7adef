"""Tests for platform caption counting rules and limit reports."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.captions.counting import (
    COUNTERS,
    UNITS,
    code_points,
    count,
    count_hashtags,
    find_urls,
    fits,
    limit_problems,
    utf8_bytes,
    utf16_units,
)

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
FLAG_UA = "\U0001f1fa\U0001f1e6"
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
KEYCAP_1 = "1\ufe0f\u20e3"
THUMBS_MEDIUM = "\U0001f44d\U0001f3fd"
HEART_ON_FIRE = "\u2764\ufe0f\u200d\U0001f525"
PHOENIX = "\U0001f426\u200d\U0001f525"
HEAD_SHAKE = "\U0001f642\u200d\u2194\ufe0f"
PERSIAN_ZWNJ = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
NAMASTE = "\u0928\u092e\u0938\u094d\u0924\u0947"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("english text 日本語 😷 https://example.com", 46),
        ("日本語", 6),
        ("한국어", 6),
        ("\u1100\u1161\u11a8", 2),  # conjoining jamo compose under NFC into one syllable
        (FAMILY, 2),
        (FLAG_UA, 2),
        (ENGLAND, 2),
        ("\U0001fae8", 2),
        (HEART_ON_FIRE, 2),
        (PHOENIX, 2),
        (HEAD_SHAKE, 2),
        (THUMBS_MEDIUM, 2),
        ("\u261d\U0001f3fb", 2),
        (KEYCAP_1, 2),
        ("1\u20e3", 2),
        ("#\ufe0f\u20e3", 2),
        ("1", 1),
        ("#", 1),
        ("\u00a9", 1),
        ("\u00a9\ufe0f", 2),
        ("…", 2),
        ("€", 2),
        ("“hi”", 4),
        ("—", 1),
        ("\u10ff", 1),
        ("\u1100", 2),
        ("\u200d", 1),
        ("\u200e", 2),
        ("\u2037", 1),
        ("\u2038", 2),
        ("cafe\u0301", 4),
        ("a\r\nb", 3),
        ("a\rb", 3),
        (NAMASTE, 6),
        (PERSIAN_ZWNJ, 8),
        ("example.org", 23),
        ("www.example.org/path?q=1", 23),
        ("see example.org.", 28),
        ("(https://en.wikipedia.org/wiki/Foo_(bar))", 25),
        ("日本語example.com", 29),
        ("https://example.com日本語", 29),
        ("Hi http://test.co", 26),
        ("http://a.co", 23),
        ("me@example.org", 14),
        ("user.name@example.org", 21),
        ("e.g. 3.14 v1.2.3", 16),
        ("file.txt", 23),  # any alphabetic TLD counts as a link: over-counting is the safe side
        ("randomurlrandomurlrandomurlrandomurlrandomurlrandomurlrandomurls.com", 68),
        ("https://www.twitter.com/aloha " * 10, 240),
        ("あ" * 140, 280),
        ("a" * 280, 280),
    ],
)
def test_twitter_weighted_length(text: str, expected: int) -> None:
    assert count("twitter", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (NAMASTE, 3),
        ("\u0915\u094d\u0937\u093f", 1),
        ("\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35", 4),
        (FAMILY, 1),
        (FLAG_UA, 1),
        (KEYCAP_1, 1),
        (ENGLAND, 1),
        ("cafe\u0301", 4),
        ("한국어", 3),
        ("\u1100\u1161\u11a8", 1),
        (PERSIAN_ZWNJ, 7),
        ("https://example.com/a/very/long/path", 36),
        ("a\r\nb", 3),
    ],
)
def test_bluesky_counts_graphemes(text: str, expected: int) -> None:
    assert count("bluesky", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@alice@example.social", 6),
        ("hi @alice@mastodon.example.org!", 10),
        ("@bob", 4),
        ("https://example.com/a/very/long/path/that/goes/on", 23),
        ("http://a.co", 23),
        ("see https://example.com. ok", 31),
        ("example.com/a/very/long/path", 28),
        ("www.example.com", 15),
        (f"hi {FAMILY}", 4),
        (NAMASTE, 3),
        ("me@example.org", 14),
    ],
)
def test_mastodon_counts(text: str, expected: int) -> None:
    assert count("mastodon", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("😷", 4),
        (FAMILY, 25),
        ("\u2764\ufe0f", 6),
        (FLAG_UA, 8),
        (KEYCAP_1, 7),
        ("\u00a9", 1),
        ("日本語", 3),
        ("hi", 2),
        (NAMASTE, 6),
        (f"ok {THUMBS_MEDIUM}", 11),
    ],
)
def test_threads_counts_emoji_as_utf8_bytes(text: str, expected: int) -> None:
    assert count("threads", text) == expected


@pytest.mark.parametrize("rule", ["instagram", "linkedin", "facebook"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [("😷", 2), (FAMILY, 11), ("日本語", 3), ("cafe\u0301", 5), (FLAG_UA, 4), ("abc", 3)],
)
def test_meta_and_linkedin_count_utf16_units(rule: str, text: str, expected: int) -> None:
    assert count(rule, text) == expected


@pytest.mark.parametrize(("text", "expected"), [("😷", 1), (FAMILY, 7), ("cafe\u0301", 5)])
def test_characters_counts_code_points(text: str, expected: int) -> None:
    assert count("characters", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#one #two #three", 3),
        ("#1st #12345", 1),
        ("#ашок #트위터 #नमस्ते", 3),
        (f"#{PERSIAN_ZWNJ}", 1),
        ("https://example.com/#section and www.example.org/#x", 0),
        ("a#b C# &#39; ##", 0),
        ("＃全角", 1),
        ("#a,#b.#c", 3),
    ],
)
def test_count_hashtags(text: str, expected: int) -> None:
    assert count_hashtags(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("go to example.org, now", ["example.org"]),
        ("http://a.b.c.de/x!", ["http://a.b.c.de/x"]),
        ("https://例え.jp/path", ["https://例え.jp/path"]),
        ("example.com:8080/a?b=c#d)", ["example.com:8080/a?b=c#d"]),
        ("$example.com #tag.com @user.name xhttps://example.com", []),
        ("https://localhost/x", []),
    ],
)
def test_find_urls(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in find_urls(text)] == expected


@pytest.mark.parametrize(
    ("rule", "text", "limit", "expected"),
    [
        ("bluesky", "a" * 312, 300, ["caption is 312 of 300 graphemes"]),
        ("bluesky", FAMILY * 200, 300, ["caption is 5000 of 3000 UTF-8 bytes"]),
        (
            "bluesky",
            FAMILY * 301,
            300,
            ["caption is 301 of 300 graphemes", "caption is 7525 of 3000 UTF-8 bytes"],
        ),
        ("bluesky", "a" * 300, 300, []),
        ("twitter", "あ" * 141, 280, ["caption is 282 of 280 weighted characters"]),
        ("twitter", "あ" * 140, 280, []),
        ("mastodon", "x" * 501, 500, ["caption is 501 of 500 characters"]),
    ],
)
def test_limit_problems(rule: str, text: str, limit: int, expected: list[str]) -> None:
    assert limit_problems(rule, text, limit) == expected
    assert fits(rule, text, limit) is (expected == [])


def test_limit_problems_reports_hashtags_over_the_maximum() -> None:
    text = "#a #b #c #d #e #f"
    assert limit_problems("instagram", text, 2200, max_hashtags=5) == [
        "caption has 6 hashtags; at most 5 allowed"
    ]
    assert limit_problems("instagram", text, 2200, max_hashtags=6) == []
    assert limit_problems("instagram", text, 2200) == []


def test_unknown_rule_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="unknown counting rule 'tiktok'.*bluesky"):
        count("tiktok", "x")


@pytest.mark.parametrize("rule", sorted(COUNTERS))
def test_every_rule_reports_in_its_unit(rule: str) -> None:
    assert limit_problems(rule, "abc", 2) == [f"caption is 3 of 2 {UNITS[rule]}"]


ASCII_WITHOUT_DOTS = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E, exclude_characters=".")
    | st.just("\n")
)


@given(ASCII_WITHOUT_DOTS)
def test_twitter_counts_ascii_without_links_as_its_length(text: str) -> None:
    assert count("twitter", text) == len(text)


@given(st.text())
def test_unit_counts_are_ordered(text: str) -> None:
    assert count("bluesky", text) <= code_points(text) <= utf16_units(text) <= utf8_bytes(text)


@given(st.text())
def test_threads_never_counts_less_than_code_points(text: str) -> None:
    assert count("threads", text.replace("\r", "")) >= len(text.replace("\r", ""))


@given(st.text(), st.sampled_from(sorted(COUNTERS)))
def test_an_ascii_suffix_adds_at_most_its_length(text: str, rule: str) -> None:
    # split_thread relies on this to reserve room for the part number.
    assert count(rule, text + " 12/34") <= count(rule, text) + len(" 12/34")
