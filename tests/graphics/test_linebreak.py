"""Line-break preferences: names, marked phrases and numbers stay whole where the box allows."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.graphics import textlayout
from toolkit.graphics.breakrules import (
    EMPHASIS_SPLIT_PENALTY,
    NAME_SPLIT_PENALTY,
    NAME_STRAND_PENALTY,
    NUMBER_SPLIT_PENALTY,
    break_penalties,
)
from toolkit.graphics.fonts import FontChain, font_chain, resolve_font
from toolkit.graphics.text import TextBlock, TextFitError, TextStyle, fit_text
from toolkit.graphics.wordbreak import glue_numbers, prepare_glyphs, split_words

INK = (20, 33, 61)
ACCENT = (231, 111, 81)
SPLIT, STRAND = NAME_SPLIT_PENALTY, NAME_STRAND_PENALTY
EMPHASIS, NUMBER = EMPHASIS_SPLIT_PENALTY, NUMBER_SPLIT_PENALTY


@pytest.fixture(scope="module")
def chain() -> FontChain:
    return font_chain(resolve_font("Inter Bold", Path(".")))


@pytest.fixture(scope="module")
def fixed(chain: FontChain) -> TextStyle:
    """One size only, so the balancer alone decides the breaks."""
    return TextStyle(chain, max_size=60, min_size=60, color=INK, accent=ACCENT)


@pytest.fixture(scope="module")
def ranged(chain: FontChain) -> TextStyle:
    return TextStyle(chain, max_size=130, min_size=40, color=INK, accent=ACCENT)


def prices(text: str, style: TextStyle) -> dict[str, float]:
    """The priced breaks of a text, keyed "word|next word"."""
    words = glue_numbers(split_words(prepare_glyphs(text, style)))
    penalties = break_penalties(words, names=not style.uppercase)
    return {
        f"{word.text}|{after.text}": price
        for word, after, price in zip(words, words[1:], penalties, strict=False)
        if price
    }


def line_texts(block: TextBlock) -> list[str]:
    return [line.text for line in block.lines]


def is_orphaned(block: TextBlock) -> bool:
    return len(block.lines) > 1 and len(block.lines[-1].text.split()) == 1


# -- the price of each break ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names: a run of capitalised words; dearest where one word of it is left alone
        (
            "Rally at Los Angeles City Hall now",
            {"Los|Angeles": STRAND, "Angeles|City": SPLIT, "City|Hall": STRAND},
        ),
        ("Meet Maria Lopez today", {"Meet|Maria": SPLIT, "Maria|Lopez": STRAND}),
        # a sentence's first word is capitalised anyway: it may go alone at the mild price
        ("Tell City Hall to act", {"Tell|City": SPLIT, "City|Hall": STRAND}),
        ("Los Angeles votes today", {"Los|Angeles": SPLIT}),
        ("We voted. Los Angeles won", {"Los|Angeles": SPLIT}),
        # punctuation and forced breaks end a name
        ("We thank Maria, Lopez and Kim", {}),
        ("City\nHall", {}),
        ("Join us at city hall", {}),
        # a marked phrase: the space between the words is marked too
        ("Fund *unarmed crisis* response", {"unarmed|crisis": EMPHASIS}),
        ("Fund *unarmed* *crisis* response", {}),
        (
            "Fund *unarmed crisis response* now",
            {"unarmed|crisis": EMPHASIS, "crisis|response": EMPHASIS},
        ),
        ("Rally in *Los Angeles* now", {"Los|Angeles": STRAND + EMPHASIS}),
        # numbers go with the word they count; a date's year and a phrase-final number look back
        ("تجمع در ۱۵ مهر ۱۴۰۳", {"۱۵|مهر": NUMBER, "مهر|۱۴۰۳": NUMBER}),
        ("انضموا يوم ١ مايو ٢٠٢٤", {"١|مايو": NUMBER, "مايو|٢٠٢٤": NUMBER}),
        ("أكثر من ٥٠٠ متطوع", {"٥٠٠|متطوع": NUMBER}),
        ("ساعت ۱۰ صبح جلوی شهرداری", {"ساعت|۱۰": NUMBER, "۱۰|صبح": NUMBER}),
        ("الساعة ١٠ صباحا", {"الساعة|١٠": NUMBER, "١٠|صباحا": NUMBER}),
        ("ما رسیدیم در ۱۰.", {"در|۱۰.": NUMBER}),
        ("The 2024-25 budget adds nothing", {"2024-25|budget": NUMBER}),
        ("We won in 2024, and again", {"in|2024,": NUMBER}),
        # numbers with their unit are glued already, and dislike no break
        ("We raised $3M+ at 10:00 AM", {}),
    ],
)
def test_break_prices(fixed: TextStyle, text: str, expected: dict[str, float]) -> None:
    assert prices(text, fixed) == pytest.approx(expected)


def test_uppercase_styles_price_no_names(chain: FontChain) -> None:
    upper = TextStyle(chain, 60, 60, INK, ACCENT, uppercase=True)
    assert prices("Rally at Los Angeles City Hall", upper) == {}


# -- which words share a line -------------------------------------------------------------------

RALLY = "Rally at Los Angeles City Hall for unarmed crisis response"
MEET = "Meet Maria Lopez at the Boyle Heights Library this Saturday"
DEMAND = "We demand *unarmed crisis* response teams across the whole city"
FUND = "Fund *unarmed crisis response* in every neighbourhood"
CALL = "One call should bring the *right help* to every door"
JOIN = (
    "Join us at City Hall on May 1 at 10:00 AM to tell the council that care, not cops, "
    "keeps our neighbourhoods safe"
)
GATHER_FA = "تجمع در ۱۵ مهر ۱۴۰۳ ساعت ۱۰ صبح جلوی شهرداری"  # 15 Mehr 1403, 10 am
JOIN_AR = "انضموا إلينا يوم ١ مايو ٢٠٢٤ الساعة ١٠ صباحا أمام مبنى البلدية"  # 1 May 2024, 10 am
VOLUNTEERS_AR = "أكثر من ٥٠٠ متطوع في ٣ مدن"  # more than 500 volunteers in 3 cities

TOGETHER = [
    # (a) names and places
    (RALLY, None, 600, ["Los Angeles", "City Hall"]),
    (MEET, None, 480, ["Maria Lopez", "Heights Library"]),
    ("Tell City Hall to fund unarmed crisis response", None, 300, ["City Hall"]),
    # (b) marked phrases
    (DEMAND, None, 800, ["unarmed crisis"]),
    (FUND, None, 800, ["unarmed crisis response"]),
    (CALL, None, 600, ["right help"]),
    # (c) numbers with their words: dates, times, counts
    (GATHER_FA, "fa", 420, ["۱۵ مهر ۱۴۰۳", "ساعت ۱۰ صبح"]),
    (GATHER_FA, "fa", 700, ["۱۵ مهر ۱۴۰۳", "ساعت ۱۰ صبح"]),
    (GATHER_FA, "fa", 900, ["۱۵ مهر ۱۴۰۳", "ساعت ۱۰ صبح"]),
    (JOIN_AR, "ar", 700, ["١ مايو ٢٠٢٤", "الساعة ١٠ صباحا"]),
    # a number binds to what it counts, not to the word before it ("من / ٥٠٠ متطوع" is fine)
    (VOLUNTEERS_AR, "ar", 300, ["٥٠٠ متطوع", "٣ مدن"]),
]


@pytest.mark.parametrize(("text", "lang", "width", "phrases"), TOGETHER)
def test_phrases_share_a_line(
    fixed: TextStyle, text: str, lang: str | None, width: int, phrases: list[str]
) -> None:
    block = fit_text(text, width, 2000, fixed, lang)
    assert len(block.lines) > 1
    for phrase in phrases:
        assert any(phrase in line for line in line_texts(block)), (phrase, line_texts(block))


@pytest.mark.parametrize(
    ("text", "width", "height", "phrases"),
    [
        (JOIN, 600, 700, ["City Hall"]),
        (RALLY, 600, 700, ["Los Angeles", "City Hall"]),
        (CALL, 1000, 400, ["right help"]),
    ],
)
def test_a_slightly_smaller_size_keeps_phrases_whole(
    ranged: TextStyle, text: str, width: int, height: int, phrases: list[str]
) -> None:
    block = fit_text(text, width, height, ranged)
    for phrase in phrases:
        assert any(phrase in line for line in line_texts(block)), (phrase, line_texts(block))


# -- (d) a lone last word is still worse than any of these ----------------------------------------

ORPHAN_TEXTS = [
    ("Fund *unarmed* crisis response in *Los Angeles* now", None),
    (RALLY, None),
    (DEMAND, None),
    (GATHER_FA, "fa"),
    (JOIN_AR, "ar"),
]


def test_a_name_splits_before_a_word_is_left_alone(ranged: TextStyle) -> None:
    block = fit_text("Fund *unarmed* crisis response in *Los Angeles* now", 600, 700, ranged)
    assert line_texts(block)[-2:] == ["in Los", "Angeles now"]


@pytest.mark.parametrize(("text", "lang"), ORPHAN_TEXTS)
@pytest.mark.parametrize("width", range(400, 1201, 100))
def test_prices_never_leave_a_lone_last_word(
    ranged: TextStyle,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    lang: str | None,
    width: int,
) -> None:
    priced = fit_text(text, width, 900, ranged, lang)
    with monkeypatch.context() as patch:
        patch.setattr(textlayout, "break_penalties", lambda words, names: (0.0,) * len(words))
        unpriced = fit_text(text, width, 900, ranged, lang)
    assert not is_orphaned(priced) or is_orphaned(unpriced), line_texts(priced)


# -- prices never make a line overflow ----------------------------------------------------------

PHRASES = st.sampled_from(
    [
        "Los Angeles",
        "City Hall",
        "Boyle Heights Library",
        "*unarmed crisis*",
        "*right help for every block*",
        "۱۵ مهر ۱۴۰۳",
        "ساعت ۱۰ صبح",
        "١ مايو ٢٠٢٤",
        "٥٠٠ متطوع",
        "in 2024,",
        "Tell",
        "the",
        "fund",
        "Donaudampfschiff",
        "\n",
    ]
)


@settings(
    max_examples=80,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    phrases=st.lists(PHRASES, min_size=1, max_size=14),
    width=st.integers(150, 1400),
    height=st.integers(80, 1200),
    lang=st.sampled_from([None, "fa", "ar"]),
)
def test_priced_breaks_stay_inside_the_box(
    ranged: TextStyle, phrases: list[str], width: int, height: int, lang: str | None
) -> None:
    try:
        block = fit_text(" ".join(phrases), width, height, ranged, lang)
    except TextFitError:
        return
    assert block.height <= height and block.width <= width
    for line in block.lines:
        assert 0 <= line.x and line.x + line.width <= width
