"""Line-break preferences: names, marked phrases, numbers and dates stay whole where the box
allows, and lines would rather end after a comma."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.graphics.text import breakrules, setter
from toolkit.graphics.text.breakrules import (
    CLAUSE_BREAK_BONUS,
    EMPHASIS_SPLIT_PENALTY,
    NAME_SPLIT_PENALTY,
    NAME_STRAND_PENALTY,
    NUMBER_SPLIT_PENALTY,
    break_penalties,
)
from toolkit.graphics.text.fit import TextBlock, TextFitError, TextStyle, fit_text
from toolkit.graphics.text.fonts import FontChain, font_chain, resolve_font
from toolkit.graphics.text.linebreak import LONE_WORD_PENALTY, ORPHAN_PENALTY, Metrics, flaws
from toolkit.graphics.text.months import month_after_day, month_length, month_names
from toolkit.graphics.text.wordbreak import glue_words, prepare_glyphs, split_words

INK = (20, 33, 61)
ACCENT = (231, 111, 81)
SPLIT, STRAND = NAME_SPLIT_PENALTY, NAME_STRAND_PENALTY
EMPHASIS, NUMBER = EMPHASIS_SPLIT_PENALTY, NUMBER_SPLIT_PENALTY
CLAUSE = -CLAUSE_BREAK_BONUS


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
    words = glue_words(split_words(prepare_glyphs(text, style)))
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
        # punctuation and forced breaks end a name (and a break after a comma is welcome)
        ("We thank Maria, Lopez and Kim", {"Maria,|Lopez": CLAUSE}),
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
        # numbers go with the word they count; a phrase-final number looks back
        ("أكثر من ٥٠٠ متطوع", {"٥٠٠|متطوع": NUMBER}),
        ("ما رسیدیم در ۱۰.", {"در|۱۰.": NUMBER}),
        ("The 2024-25 budget adds nothing", {"2024-25|budget": NUMBER}),
        ("We won in 2024, and again", {"in|2024,": NUMBER, "2024,|and": CLAUSE}),
        # numbers with their unit, dates and labelled numbers are glued, and dislike no break
        ("We raised $3M+ at 10:00 AM", {}),
        ("تجمع در ۱۵ مهر ۱۴۰۳", {}),
        ("ساعت ۱۰ صبح جلوی شهرداری", {}),
        ("Miércoles 1 de mayo de 2024", {}),
        # a capitalised word is glued to a day only where no month follows: "Sept. 5" is one word
        ("Rally Sept. 5 at noon", {"Rally|Sept. 5": SPLIT}),
        # not dates: a comma ends one, and a 45th day is no day
        ("in May, 12 people came", {"May,|12": CLAUSE, "12|people": NUMBER}),
        ("rally on 45 May", {"45|May": NUMBER}),
        # a break after clause punctuation is welcome, in Latin and Arabic script ...
        ("Our ask: care; not cops — now", {"ask:|care;": CLAUSE, "care;|not": CLAUSE,
                                           "cops —|now": CLAUSE}),
        ("موعدنا في ١ أيار، أمام البلدية", {"١ أيار،|أمام": CLAUSE}),
        # ... and a capitalised word is no longer glued to a number across it ("Hall, 200")
        ("City Hall, 200 N Spring St", {"City|Hall,": SPLIT, "Hall,|200 N Spring St": CLAUSE}),
        # ... unless something dislikes the break: no bonus inside a marked phrase
        ("Fund *care, not cops* now", {"care,|not": EMPHASIS, "not|cops": EMPHASIS}),
    ],
)
def test_break_prices(fixed: TextStyle, text: str, expected: dict[str, float]) -> None:
    assert prices(text, fixed) == pytest.approx(expected)


# -- what never breaks: glued into one word ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # dates: day with month, month with year (en, es, pt, fr, fa, ar, ko)
        ("Miércoles 1 de mayo de 2024", ["Miércoles", "1 de mayo de 2024"]),
        ("nos vemos el 1 de mayo", ["nos", "vemos", "el", "1 de mayo"]),
        ("Wednesday, May 1, 2024, 10:00 AM", ["Wednesday,", "May 1, 2024,", "10:00 AM"]),
        ("Speak up by the 1st of May", ["Speak", "up", "by", "the", "1st of May"]),
        ("Wednesday 1 May 2024", ["Wednesday", "1 May 2024"]),
        ("rendez-vous le 1er mai 2024", ["rendez-vous", "le", "1er mai 2024"]),
        ("audiência em 1º de maio de 2024", ["audiência", "em", "1º de maio de 2024"]),
        ("até maio de 2024", ["até", "maio de 2024"]),
        ("on may 1 we rally", ["on", "may 1", "we", "rally"]),
        ("تجمع در ۱۵ مهر ۱۴۰۳", ["تجمع", "در", "۱۵ مهر ۱۴۰۳"]),
        ("تجمع ۱۵ مهر ماه", ["تجمع", "۱۵ مهر ماه"]),
        ("تجمع ۱۵ مهرماه", ["تجمع", "۱۵ مهرماه"]),
        ("الخميس 1 مايو", ["الخميس", "1 مايو"]),
        ("انضموا يوم ١ مايو ٢٠٢٤", ["انضموا", "يوم", "١ مايو ٢٠٢٤"]),
        ("موعدنا ١٥ كانون الثاني", ["موعدنا", "١٥ كانون الثاني"]),
        ("حتى ١٥ ابريل", ["حتى", "١٥ ابريل"]),  # written without hamza: folded before matching
        ("2024년 5월 1일 시청", ["2024년 5월 1일", "시청"]),
        # not dates: a comma ends one, and a 45th day is no day
        ("in May, 12 people came", ["in", "May,", "12", "people", "came"]),
        ("rally on 45 May", ["rally", "on", "45", "May"]),
        # numbers: grouped, with their unit or currency, percentages and times
        ("1 250 000 personnes", ["1 250 000", "personnes"]),
        ("We raised $ 3 million", ["We", "raised", "$ 3 million,"[:-1]]),
        ("el 50 por ciento a las 10:00 a. m.", ["el", "50 por ciento", "a", "las", "10:00 a. m."]),
        ("R$ 50 mil por mês", ["R$ 50 mil", "por", "mês"]),
        ("ساعت ۱۰ صبح جلوی شهرداری", ["ساعت ۱۰ صبح", "جلوی", "شهرداری"]),
        ("الساعة ١٠ صباحا", ["الساعة ١٠ صباحا"]),
        # street addresses keep their number
        ("City Hall, 200 North Spring Street", ["City", "Hall,", "200 North Spring Street"]),
        ("City Hall, 200 N Spring St.", ["City", "Hall,", "200 N Spring St."]),
        ("en la Calle Mayor 5, Madrid", ["en", "la", "Calle Mayor 5,", "Madrid"]),
        ("na Rua Augusta, 200", ["na", "Rua Augusta, 200"]),
        ("au 5 rue de la Paix", ["au", "5 rue de la Paix"]),
        # punctuation set off by a space
        ("« Oui » !", ["« Oui » !"]),
    ],
)
def test_glued_words(fixed: TextStyle, text: str, words: list[str]) -> None:
    found = [word.text for word in glue_words(split_words(prepare_glyphs(text, fixed)))]
    assert found == words


@pytest.mark.parametrize("lang", sorted(month_names()))
def test_every_month_in_the_table_is_found(lang: str) -> None:
    for name in month_names()[lang]:
        words = ["۱", *name.split()] if lang in ("fa", "ar") else ["1", *name.upper().split()]
        assert month_length(words, 1) == len(words) - 1, name
        assert month_after_day(words, 0) == 1, name


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
CITY_HALL = "Los Angeles City Hall, 200 N Spring St"
COMMENT = "Public comment at Los Angeles City Hall, 200 N Spring St"
CARE = "Tell the council that care, not cops, keeps our neighbourhoods safe"
COMMENT_ES = "Comentario público el 1 de mayo en el Ayuntamiento"
WHEN_ES = "Miércoles 1 de mayo de 2024"  # Wednesday 1 May 2024
MAY_FR = "Rendez-vous le 1er mai devant la mairie"
MAY_PT = "Participe da audiência pública em 1º de maio na Câmara Municipal"
MAY_FA = "با ما در تجمع روز ۱ مه جلوی شهرداری همراه شوید"  # join our rally on 1 May
MAY_AR = "انضموا إلينا يوم ١ أيار أمام مبنى البلدية"  # join us on 1 May (Levantine name)
JANUARY_AR = "موعدنا يوم ١٥ كانون الثاني أمام مبنى البلدية"  # 15 January, a two-word name

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
    # (d) a day with its month: "1 de / mayo", "1er / mai", "۱ / مه" are avoided
    (COMMENT_ES, "es", 450, ["1 de mayo"]),
    (COMMENT_ES, "es", 1000, ["1 de mayo"]),
    (WHEN_ES, "es", 350, ["1 de mayo"]),  # "Miércoles 1" is no longer glued before a month
    (WHEN_ES, "es", 700, ["1 de mayo de 2024"]),
    (MAY_FR, "fr", 900, ["1er mai"]),
    (MAY_PT, "pt", 400, ["1º de maio"]),
    (MAY_PT, "pt", 1100, ["1º de maio"]),
    (MAY_FA, "fa", 400, ["۱ مه"]),
    (MAY_FA, "fa", 600, ["۱ مه"]),
    (MAY_AR, "ar", 300, ["١ أيار"]),
    (MAY_AR, "ar", 600, ["١ أيار"]),
    (JANUARY_AR, "ar", 500, ["١٥ كانون الثاني"]),
    (JANUARY_AR, "ar", 900, ["١٥ كانون الثاني"]),
]

# (e) lines would rather end after a comma, when they stay about as even
CLAUSE_LINES = [
    (CITY_HALL, 700, ["Los Angeles City Hall,", "200 N Spring St"]),
    (CITY_HALL, 1000, ["Los Angeles City Hall,", "200 N Spring St"]),
    (CITY_HALL, 550, ["Los Angeles", "City Hall,", "200 N Spring St"]),
    (COMMENT, 800, ["Public comment at", "Los Angeles City Hall,", "200 N Spring St"]),
    (CARE, 850, ["Tell the council that care,", "not cops, keeps our", "neighbourhoods safe"]),
    ("Care, not cops, keeps us safe", 350, ["Care,", "not cops,", "keeps", "us safe"]),
    ("Our ask: a budget for care", 650, ["Our ask:", "a budget for care"]),
    # "a budget for care" is wider than the box: the bonus never forces a break that won't fit
    ("Our ask: a budget for care", 500, ["Our ask: a", "budget for care"]),
    ("موعدنا في ١ أيار، أمام مبنى البلدية", 600, ["موعدنا في ١ أيار،", "أمام مبنى البلدية"]),
]


@pytest.mark.parametrize(("text", "lang", "width", "phrases"), TOGETHER)
def test_phrases_share_a_line(
    fixed: TextStyle, text: str, lang: str | None, width: int, phrases: list[str]
) -> None:
    block = fit_text(text, width, 2000, fixed, lang)
    assert len(block.lines) > 1
    for phrase in phrases:
        assert any(phrase in line for line in line_texts(block)), (phrase, line_texts(block))


@pytest.mark.parametrize(("text", "width", "lines"), CLAUSE_LINES)
def test_lines_end_after_clause_punctuation(
    fixed: TextStyle, text: str, width: int, lines: list[str]
) -> None:
    assert line_texts(fit_text(text, width, 2000, fixed)) == lines


@pytest.mark.parametrize(
    ("text", "width", "height", "phrases"),
    [
        (WHEN_ES, 500, 400, ["1 de mayo"]),
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
    (COMMENT, None),
    (CARE, None),
    ("Care, not cops, keeps us safe", None),
    (COMMENT_ES, "es"),
    (WHEN_ES, "es"),
    (MAY_FA, "fa"),
    (JANUARY_AR, "ar"),
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
        patch.setattr(setter, "break_penalties", lambda words, **_: (0.0,) * len(words))
        unpriced = fit_text(text, width, 900, ranged, lang)
    assert not is_orphaned(priced) or is_orphaned(unpriced), line_texts(priced)


@pytest.mark.parametrize("text", [CITY_HALL, COMMENT, CARE, "Care, not cops, keeps us safe"])
@pytest.mark.parametrize("width", range(400, 1201, 100))
def test_a_comma_bonus_never_costs_size(
    ranged: TextStyle, monkeypatch: pytest.MonkeyPatch, text: str, width: int
) -> None:
    """The bonus only moves breaks: fit_text never shrinks the text to end a line at a comma."""
    bonused = fit_text(text, width, 500, ranged)
    monkeypatch.setattr(breakrules, "CLAUSE_BREAK_BONUS", 0.0)
    plain = fit_text(text, width, 500, ranged)
    assert bonused.size == plain.size
    assert len(bonused.lines) == len(plain.lines)


def test_bonuses_are_not_flaws() -> None:
    metrics = Metrics(widths=(1.0, 1.0, 1.0), spaces=(0.2, 0.2, 0.0),
                      hard=(False, False, False), penalties=(-0.06, 0.4, 0.0))
    assert flaws([range(0, 1), range(1, 3)], metrics, 3.0) == 0.0
    assert flaws([range(0, 2), range(2, 3)], metrics, 3.0) == pytest.approx(0.4 + ORPHAN_PENALTY)


def test_a_short_word_alone_inside_the_text_is_a_flaw_a_long_one_is_not() -> None:
    metrics = Metrics(widths=(3.0, 0.6, 3.0, 3.0), spaces=(0.2, 0.2, 0.2, 0.0),
                      hard=(False,) * 4, penalties=(0.0,) * 4)
    assert flaws([range(0, 1), range(1, 2), range(2, 4)], metrics, 6.5) == LONE_WORD_PENALTY
    assert flaws([range(0, 1), range(1, 4)], Metrics(  # a short first word may stand alone
        widths=(0.6, 3.0, 1.0, 1.0), spaces=metrics.spaces, hard=metrics.hard,
        penalties=metrics.penalties), 6.5) == 0.0
    assert flaws([range(0, 2), range(2, 4)], metrics, 6.5) == 0.0
    long_word = Metrics(widths=(3.0, 3.0, 3.0, 3.0), spaces=metrics.spaces, hard=metrics.hard,
                        penalties=metrics.penalties)
    assert flaws([range(0, 1), range(1, 2), range(2, 4)], long_word, 6.5) == 0.0


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
        "Hall, 200 N Spring St",
        "Care, not cops —",
        "1 de mayo",
        "Miércoles 1 de mayo de 2024",
        "May 1,",
        "۱ مه",
        "١٥ كانون الثاني،",
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
