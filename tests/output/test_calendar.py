"""RFC 5545 details of the calendar writer: folding, escaping, all-day and timed events."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.output.calendar import _end, escape_text, fold


@given(st.text(min_size=0, max_size=400))
def test_folding_keeps_text_and_the_octet_limit(line: str) -> None:
    line = line.replace("\r", "").replace("\n", "")
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))


def test_folding_never_splits_a_character() -> None:
    line = "DESCRIPTION:" + "é日😷" * 40
    for part in fold(line).split("\r\n"):
        part.encode("utf-8").decode("utf-8")
    assert fold("X" * 75) == "X" * 75
    assert fold("X" * 76) == "X" * 75 + "\r\n X"


@pytest.mark.parametrize(("text", "escaped"), [
    ("a, b; c\\d", "a\\, b\\; c\\\\d"),
    ("one\ntwo\r\nthree\rfour", "one\\ntwo\\nthree\\nfour"),
    ("plain: colon", "plain: colon"),
])
def test_text_escaping(text: str, escaped: str) -> None:
    assert escape_text(text) == escaped


@pytest.mark.parametrize(("start", "end", "expected"), [
    (dt.date(2024, 5, 1), None, dt.date(2024, 5, 2)),
    (dt.date(2024, 5, 1), dt.date(2024, 5, 3), dt.date(2024, 5, 4)),
    (dt.datetime(2024, 5, 1, 10), None, dt.datetime(2024, 5, 1, 11)),
    (dt.datetime(2024, 5, 1, 10), dt.datetime(2024, 5, 1, 12), dt.datetime(2024, 5, 1, 12)),
])
def test_event_ends(start: dt.date, end: dt.date | None, expected: dt.date) -> None:
    assert _end(start, end) == expected
