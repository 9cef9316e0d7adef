"""Graphic text read aloud: alt text and caption leads."""

from __future__ import annotations

import pytest

from toolkit.readable import join_sentences, plain_text, reading_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Fund *care* now", "Fund care now"), (r"5 \* 3", "5 * 3"), ("a\n  b", "a b"),
     ("*two words* here", "two words here")],
)
def test_plain_text(text: str, expected: str) -> None:
    assert plain_text(text) == expected


def test_stat_reads_on_into_a_lowercase_headline() -> None:
    assert join_sentences(["$3M+", "for *unarmed* crisis response"]) == \
        "$3M+ for unarmed crisis response"


def test_separate_sentences_get_a_period() -> None:
    assert join_sentences(["Public comment", "May 1", ""]) == "Public comment. May 1"
    assert join_sentences(["Speak up!", "Today"]) == "Speak up! Today"


def test_quote_reads_with_its_attribution() -> None:
    assert reading_text([("quote", "Care, not *cops*"), ("attribution", "LA Forward")]) == \
        "“Care, not cops” — LA Forward"
