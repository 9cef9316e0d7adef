"""Price each place a line may break: names, marked phrases, numbers and dates prefer to stay
whole, and a break after a comma or other clause punctuation is welcome.

These are dislikes (and one small liking), not rules: the balancer weighs them against uneven
lines and still breaks where it must, so a price can change which words share a line but never
makes a line wider. Prices are in box widths squared, the unit of the balancer's cost; a
negative price is a bonus, which `linebreak.flaws` does not count.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence

import regex

from toolkit.graphics.text.months import is_day, month_after_day, month_length
from toolkit.graphics.text.wordbreak import Word

NAME_SPLIT_PENALTY = 0.3  # "Los Angeles / City Hall": each side still reads as a name
NAME_STRAND_PENALTY = 0.8  # "Los Angeles City / Hall": one word of the name left alone
EMPHASIS_SPLIT_PENALTY = 0.5  # "*unarmed / crisis*": the accent colour reads as one phrase
NUMBER_SPLIT_PENALTY = 0.4  # "۵۰۰ / متطوع", "in / 2024,": a bare number means little alone
DATE_SPLIT_PENALTY = 0.6  # "May / 1", "1 de / mayo", "۱۵ / مهر": a day without its month
# "City Hall, / 200 N Spring St": a line that ends where a clause does reads as a pause. Small:
# it moves a break to the punctuation only when the lines stay nearly as even (a break may move
# by about sqrt(bonus / 2) of the box width), and never outweighs a lone last word or a dislike.
CLAUSE_BREAK_BONUS = 0.06

_BARE_NUMBER = regex.compile(r"\p{P}*\p{Nd}[\p{Nd}\p{P}]*")
# Words that name the number after them ("ساعت ۱۰", "الساعة ١٠", "سال ۱۴۰۳"). Latin-script
# labels need no list: a capitalised word before a number is glued to it ("District 13").
_NUMBER_LABELS = frozenset(
    "ساعت سال شماره منطقه ماده اتاق صفحه طبقه پلاک "
    "ساعة الساعة عام العام سنة رقم الرقم المنطقة الدائرة غرفة صفحة المادة الطابق".split()
)
_CLOSING = "\"')]}’”»›）」』"
# Punctuation that ends a clause inside a sentence, in Latin, Arabic-script and CJK text.
_CLAUSE_END = frozenset(",;:—–،؛，；：、")
_SENTENCE_END = frozenset(".!?…:;؟。！？")
_PHRASE_END_CATEGORIES = frozenset({"Po", "Pd", "Pe", "Pf"})


def break_penalties(words: Sequence[Word], names: bool = True) -> tuple[float, ...]:
    """What a line break after each word costs; forced breaks and the text's end cost nothing.

    `names` is off for uppercase styles, where every word looks like part of a name.
    """
    texts = [word.text for word in words]
    hard = [word.hard_break for word in words]
    name = _name_penalties(texts, hard) if names else [0.0] * len(words)
    number = _number_bonds(texts, hard)
    date = _date_bonds(texts, hard)
    emphasis = [_splits_emphasis(a, b) for a, b in zip(words, words[1:], strict=False)]
    prices: list[float] = []
    for index, text in enumerate(texts):
        if hard[index] or index == len(words) - 1:
            prices.append(0.0)
            continue
        dislike = (
            name[index]
            + EMPHASIS_SPLIT_PENALTY * emphasis[index]
            + max(NUMBER_SPLIT_PENALTY * number[index], DATE_SPLIT_PENALTY * date[index])
        )
        welcome = dislike == 0 and _ends_clause(text)
        prices.append(-CLAUSE_BREAK_BONUS if welcome else dislike)
    return tuple(prices)


def _name_penalties(texts: Sequence[str], hard: Sequence[bool]) -> list[float]:
    """Breaks inside runs of capitalised words, dearest where one word of the run is left alone.

    The first word of a sentence is capitalised anyway, so it may go alone at the mild price:
    "Tell / City Hall" is fine, "Tell City / Hall" is not.
    """
    penalties = [0.0] * len(texts)
    for run in _name_runs(texts, hard):
        opens_sentence = _opens_sentence(texts, hard, run.start)
        for index in run[:-1]:
            left, right = index + 1 - run.start, run.stop - 1 - index
            mild = min(left, right) >= 2 or (left == 1 and opens_sentence)
            penalties[index] = NAME_SPLIT_PENALTY if mild else NAME_STRAND_PENALTY
    return penalties


def _name_runs(texts: Sequence[str], hard: Sequence[bool]) -> Iterator[range]:
    """Runs of two or more capitalised words with no forced break or punctuation between."""
    start = 0
    for index, text in enumerate(texts):
        linked = (
            index + 1 < len(texts)
            and not hard[index]
            and _is_capitalised(text)
            and _is_capitalised(texts[index + 1])
            and not _ends_phrase(text)
        )
        if not linked:
            if index > start:
                yield range(start, index + 1)
            start = index + 1


def _is_capitalised(text: str) -> bool:
    letter = text.lstrip("\"'([{‘“«‹¿¡")[:1]
    return letter.isupper() and letter.isalpha()


def _opens_sentence(texts: Sequence[str], hard: Sequence[bool], index: int) -> bool:
    if index == 0 or hard[index - 1]:
        return True
    return texts[index - 1].rstrip(_CLOSING)[-1:] in _SENTENCE_END


def _ends_phrase(text: str) -> bool:
    """Ends in punctuation ("Angeles,", "۱۴۰۳،", "Hall."), where a break reads naturally."""
    return unicodedata.category(text[-1]) in _PHRASE_END_CATEGORIES


def _ends_clause(text: str) -> bool:
    """Ends in a comma, semicolon, colon or dash ("Hall,", "ask:", "care —", "أيار،")."""
    return text.rstrip(_CLOSING)[-1:] in _CLAUSE_END


def _splits_emphasis(word: Word, following: Word) -> bool:
    """A break inside one `*marked phrase*`: the space between the two words is marked too."""
    space_marked = word.space is None or word.space.emphasis
    return word.glyphs[-1].emphasis and following.glyphs[0].emphasis and space_marked


def _number_bonds(texts: Sequence[str], hard: Sequence[bool]) -> list[bool]:
    """Breaks that part a bare number ("۱۵", "1403", "10:30") from the word it belongs with.

    A number goes with the word it counts ("۵۰۰ / متطوع" is the split to avoid, "من / ۵۰۰
    متطوع" is fine); a number that ends a phrase goes with the word before it ("در / ۱۰." is
    the split to avoid), and so does a date's year ("۱۵ مهر ۱۴۰۳") and a labelled number
    ("ساعت ۱۰ صبح" holds on both sides).
    """
    bonds = [False] * len(texts)
    for index, text in enumerate(texts):
        if not _is_bare_number(text):
            continue
        before, after = _may_bond(texts, hard, index - 1), _may_bond(texts, hard, index)
        counts = after and _has_letters(texts[index + 1]) and not _is_year_of_date(texts, index)
        bonds[index] = counts
        if before and _has_letters(texts[index - 1]):
            bonds[index - 1] = texts[index - 1] in _NUMBER_LABELS or not counts
    return bonds


def _may_bond(texts: Sequence[str], hard: Sequence[bool], index: int) -> bool:
    """Whether the break after word `index` is one a bond could hold (not forced, no comma)."""
    return 0 <= index < len(texts) - 1 and not hard[index] and not _ends_phrase(texts[index])


def _is_year_of_date(texts: Sequence[str], index: int) -> bool:
    """Day, month, year: "۱۵ مهر ۱۴۰۳", "1 mayo 2024" (a day has 1-2 digits, a year 4)."""
    if index < 2 or not _has_letters(texts[index - 1]) or not _is_bare_number(texts[index - 2]):
        return False
    return _digits(texts[index - 2]) <= 2 and _digits(texts[index]) == 4


def _digits(text: str) -> int:
    return sum(char.isdigit() for char in text)


def _is_bare_number(text: str) -> bool:
    return _BARE_NUMBER.fullmatch(text) is not None


def _has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _date_bonds(texts: Sequence[str], hard: Sequence[bool]) -> list[bool]:
    """Breaks that part a day from its month, in either order, or split a month's name.

    "May / 1", "1 / May", "1 de / mayo", "1st of / May", "۱۵ / مهر", "١ / أيار" and
    "كانون / الثاني" are the splits to avoid; punctuation ends a date ("in May, / 12 people").
    """
    held: list[int] = []
    for index in range(len(texts)):
        month = month_after_day(texts, index)
        if month is not None:
            held += range(index, month)  # "1 May", "1 de mayo"
        length = month_length(texts, index)
        if length:
            held += range(index, index + length - 1)  # inside the name: "كانون الثاني"
            end = index + length
            if end < len(texts) and is_day(texts[end]):
                held.append(end - 1)  # "May 1", "May 1,"
    bonds = [False] * len(texts)
    for index in held:
        bonds[index] = _may_bond(texts, hard, index)
    return bonds
