"""Month names per language, and how to find a date's day and month among a text's words.

Data first: a language is added by adding its names to MONTH_NAMES (and any word that may stand
between a day and its month to DATE_LINKS). wordbreak and breakrules read it to keep "1 de mayo",
"May 1" and "۱۵ مهر" on one line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import regex

# Month names as dates write them, per language, in lowercase; a name of several words (the
# Levantine "كانون الثاني") is matched word by word. Case, accents, hamza and the forms of yeh
# and kaf are folded before matching (see fold), so "MAYO", "fevrier", "ابريل" and "دي" match.
MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ),
    "es": (
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
        "setiembre", "octubre", "noviembre", "diciembre",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre",
    ),
    "pt": (
        "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
        "setembro", "outubro", "novembro", "dezembro",
    ),
    "fa": (
        # the solar Hijri months, then the Gregorian ones as Persian writes them
        "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
        "بهمن", "اسفند",
        "ژانویه", "فوریه", "مارس", "آوریل", "مه", "می", "ژوئن", "ژوئیه", "جولای", "اوت",
        "آگوست", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
    ),
    "ar": (
        # Egypt and the Gulf, then the Levant and Iraq
        "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يونيه", "يوليو", "يوليه",
        "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
        "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
        "تشرين الأول", "تشرين الثاني", "كانون الأول",
    ),
}
# Words that may stand between a day and its month: "1 de mayo", "1º de maio", "1st of May".
DATE_LINKS = frozenset({"de", "of"})
# Persian may write the word for month after the name: "مهرماه", "مهر‌ماه" or "مهر ماه".
MONTH_SUFFIXES = ("ماه",)

# A day of the month, with an ordinal ending or closing punctuation: "1", "۱۵", "1st", "1er",
# "1º", "1,".
_DAY = regex.compile(
    r"\p{Pi}?(\p{Nd}{1,2})(?:st|nd|rd|th|er|º|ª|\.º|\.ª)?[\p{Po}\p{Pe}\p{Pf}]*", regex.IGNORECASE
)
_EDGE_OPENING = "\"'([{‘“«‹¿¡"
_EDGE_CLOSING = "\"')]}’”»›.,;:!?،؛؟"
_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ي": "ی", "ى": "ی", "ك": "ک", "ـ": None, "\u200c": None}
)


def fold(word: str) -> str:
    """A word as the month table is matched: no edge punctuation, case, accents or hamza."""
    core = word.lstrip(_EDGE_OPENING).rstrip(_EDGE_CLOSING)
    decomposed = unicodedata.normalize("NFD", core.casefold().translate(_FOLD))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _index() -> dict[int, frozenset[tuple[str, ...]]]:
    names = [tuple(fold(part) for part in name.split())
             for table in MONTH_NAMES.values() for name in table]
    return {length: frozenset(name for name in names if len(name) == length)
            for length in {len(name) for name in names}}


_MONTHS = _index()
_LONGEST = max(_MONTHS)
_SUFFIXES = frozenset(fold(suffix) for suffix in MONTH_SUFFIXES)


def month_length(words: Sequence[str], start: int) -> int:
    """How many words from `start` name a month: 0 if none, 2 for "كانون الثاني" or "مهر ماه".

    A word glued to the number after it ("May 2024", see wordbreak) counts as its first part.
    """
    length = next((n for n in range(_LONGEST, 0, -1)
                   if start + n <= len(words) and _names_month(words[start : start + n])), 0)
    if length and start + length < len(words) and fold(words[start + length]) in _SUFFIXES:
        length += 1
    return length


def _names_month(words: Sequence[str]) -> bool:
    folded = tuple(fold(word) for word in words)
    if len(folded) > 1:
        return folded in _MONTHS.get(len(folded), frozenset())
    first = (folded[0].split() or [""])[0]  # "may" of a glued "May 2024"
    stems = [first, *(first.removesuffix(suffix) for suffix in _SUFFIXES)]  # "مهرماه"
    return any(stem and (stem,) in _MONTHS[1] for stem in stems)


def is_day(word: str) -> bool:
    """A day of the month (1 to 31), in any digits, maybe with an ordinal ending: "1st", "۱۵"."""
    found = _DAY.fullmatch(word)
    return found is not None and 1 <= int(found.group(1)) <= 31


def month_after_day(words: Sequence[str], index: int) -> int | None:
    """Where the month starts if words[index] is a day before one ("1 May", "1 de mayo")."""
    if not is_day(words[index]):
        return None
    month = index + 1
    if month < len(words) and words[month].casefold() in DATE_LINKS:
        month += 1
    return month if month_length(words, month) else None
