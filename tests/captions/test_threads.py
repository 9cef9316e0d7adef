"""Tests for splitting long captions into numbered threads."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.captions.counting import count, find_urls, fits, graphemes
from toolkit.captions.threads import split_thread

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
URL = "https://example.com/a/rather/long/path?with=query&and=more#fragment"


def _bodies(parts: list[str]) -> list[str]:
    """Parts without their ` i/n` number, checking the numbering on the way."""
    bodies = []
    for index, part in enumerate(parts, 1):
        body, number = part.rsplit(" ", 1)
        assert number == f"{index}/{len(parts)}"
        bodies.append(body)
    return bodies


def _without_space(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(
    ("text", "rule", "limit"),
    [
        ("short caption", "twitter", 280),
        ("あ" * 140, "twitter", 280),
        ("a" * 300, "bluesky", 300),
        (FAMILY * 120, "bluesky", 300),
    ],
)
def test_text_that_fits_comes_back_unnumbered(text: str, rule: str, limit: int) -> None:
    assert split_thread(f"  {text}\n", rule, limit) == [text]


def test_breaks_at_paragraphs_first() -> None:
    first = "First paragraph. It has two sentences."
    second = "Second paragraph. Also two sentences."
    parts = split_thread(f"{first}\n\n{second}", "characters", 60)
    assert _bodies(parts) == [first, second]


def test_breaks_at_sentences_before_words() -> None:
    sentences = ["One short sentence here.", "Another one follows it!", "Does a third fit?"]
    parts = split_thread(" ".join(sentences), "characters", 30)
    assert _bodies(parts) == sentences


def test_packs_several_sentences_into_one_part() -> None:
    parts = split_thread("A b. C d. E f. G h. I j.", "characters", 18)
    assert _bodies(parts) == ["A b. C d. E f.", "G h. I j."]


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("日本語の文章です。" * 4, 22, ["日本語の文章です。" * 2] * 2),
        ("本当ですか？「はい！」そうです。" * 2, 14, ["本当ですか？", "「はい！」そうです。"] * 2),
        ("هل أنت بخير؟ نعم أنا بخير۔ " * 2, 20, ["هل أنت بخير؟", "نعم أنا بخير۔"] * 2),
    ],
)
def test_breaks_after_cjk_and_arabic_sentence_ends(
    text: str, limit: int, expected: list[str]
) -> None:
    assert _bodies(split_thread(text, "characters", limit)) == expected


def test_breaks_between_words_when_a_sentence_is_too_long() -> None:
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    parts = split_thread(" ".join(words), "characters", 20)
    assert all(fits("characters", part, 20) for part in parts)
    assert [word for body in _bodies(parts) for word in body.split()] == words


def test_breaks_a_very_long_word_between_graphemes() -> None:
    parts = split_thread(FAMILY * 100, "twitter", 50)
    assert all(count("twitter", part) <= 50 for part in parts)
    assert all(set(graphemes(body)) == {FAMILY} for body in _bodies(parts))
    assert "".join(_bodies(parts)) == FAMILY * 100


@pytest.mark.parametrize("rule", ["twitter", "bluesky", "mastodon", "characters"])
def test_never_breaks_inside_a_link(rule: str) -> None:
    glued = "a" * 60 + f",{URL})"  # longer than a part, so it is cut between graphemes
    text = " ".join(["word"] * 30 + [URL] + ["word"] * 30 + [glued])
    parts = split_thread(text, rule, 90)
    assert all(fits(rule, part, 90) for part in parts)
    assert sum(body.count(URL) for body in _bodies(parts)) == 2


def test_a_link_longer_than_the_limit_is_an_error() -> None:
    with pytest.raises(ValueError, match="cannot fit"):
        split_thread(f"see {URL} now", "bluesky", 40)


def test_a_limit_too_small_for_the_number_is_an_error() -> None:
    with pytest.raises(ValueError, match="'a' cannot fit"):
        split_thread("a b c", "characters", 4)


def test_thread_of_nine_keeps_one_digit() -> None:
    words = ["abcdefghijklmno"] * 9
    parts = split_thread(" ".join(words), "characters", 20)
    assert _bodies(parts) == words


def test_growing_to_ten_parts_makes_room_for_two_digits() -> None:
    # 15 letters plus " 9/9" fit in 20, plus " 10/10" do not: the words must be re-cut.
    parts = split_thread(" ".join(["abcdefghijklmno"] * 10), "characters", 20)
    assert all(len(part) <= 20 for part in parts)
    assert len(parts) == 12
    assert parts[:2] == ["abcdefghijklmn 1/12", "o abcdefghijkl 2/12"]
    assert _without_space("".join(_bodies(parts))) == "abcdefghijklmno" * 10


def test_bluesky_parts_also_keep_within_the_byte_limit() -> None:
    parts = split_thread(FAMILY * 400, "bluesky", 300)
    assert all(len(part.encode()) <= 3000 for part in parts)
    assert len(parts) == 4


WORDS = st.sampled_from(
    [
        "word",
        "longerword",
        "日本語",
        "한국어",
        "مرحبا",
        "می\u200cخواهم",
        "नमस्ते",
        "😷",
        FAMILY,
        "\U0001f1fa\U0001f1e6",
        "1\ufe0f\u20e3",
        "example.org",
        f"{URL} ",  # two links glued together read as one link too long for some limits
        "@alice@example.social",
        "end.",
        "what?",
        "。",
        "x" * 70,
    ]
)
SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "\n\n", ""])
TEXTS = st.lists(st.tuples(WORDS, SEPARATORS), max_size=80).map(
    lambda pairs: "".join(word + separator for word, separator in pairs)
)
RULES = st.sampled_from(["twitter", "bluesky", "mastodon", "threads", "instagram", "characters"])


@settings(max_examples=150, deadline=None)
@given(TEXTS, RULES, st.integers(min_value=100, max_value=400))
def test_every_part_fits_and_nothing_is_lost(text: str, rule: str, limit: int) -> None:
    parts = split_thread(text, rule, limit)
    assert all(fits(rule, part, limit) for part in parts)
    bodies = parts if len(parts) == 1 else _bodies(parts)
    assert _without_space("".join(bodies)) == _without_space(text)
    for start, end in find_urls(text):
        assert any(text[start:end] in body for body in bodies)
