"""How to find a date among a text's words: its day, its month's name and its year.

The names are data: each language's `months` (and `date_links`, `month_suffixes`,
`day_endings`) in data/languages/<lang>.yaml. wordbreak reads this to keep "1 de mayo de 2024",
"May 1, 2024" and "۱۵ مهر ۱۴۰۳" on one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import regex

from toolkit.graphics.text.langdata import facts
from toolkit.graphics.text.langdata import fold as fold_word

_EDGE_OPENING = "\"'([{‘“«‹¿¡"
_EDGE_CLOSING = "\"')]}’”»›.,;:!?،؛؟"


def month_names() -> dict[str, tuple[str, ...]]:
    """Each language's month names, as its file lists them."""
    return {code: lang.words["months"] for code, lang in facts().languages.items()
            if "months" in lang.words}


def fold(word: str) -> str:
    """A word as the month table is matched: no edge punctuation, case, accents or hamza."""
    return fold_word(word.lstrip(_EDGE_OPENING).rstrip(_EDGE_CLOSING))


@cache
def _tables() -> tuple[dict[int, frozenset[tuple[str, ...]]], frozenset[str], frozenset[str],
                       regex.Pattern[str], regex.Pattern[str]]:
    names = [tuple(fold(part) for part in name.split())
             for table in month_names().values() for name in table]
    months = {length: frozenset(name for name in names if len(name) == length)
              for length in {len(name) for name in names}}
    day = regex.compile(r"\p{Pi}?(\p{Nd}{1,2})" + _endings("day_endings")
                        + r"[\p{Po}\p{Pe}\p{Pf}]*", regex.IGNORECASE)
    year = regex.compile(r"\p{Pi}?\p{Nd}{4}" + _endings("year_endings")
                         + r"[\p{Po}\p{Pe}\p{Pf}]*", regex.IGNORECASE)
    return months, facts().words("month_suffixes"), facts().words("date_links"), day, year


def _endings(key: str) -> str:
    """An optional regex group of the endings every language lists under key ("1st", "5일")."""
    endings = sorted({ending for lang in facts().languages.values()
                      for ending in lang.words.get(key, ())}, key=len, reverse=True)
    return "(?:" + "|".join(regex.escape(ending) for ending in endings) + ")?" if endings else ""


def month_length(words: Sequence[str], start: int) -> int:
    """How many words from `start` name a month: 0 if none, 2 for "كانون الثاني" or "مهر ماه"."""
    months, suffixes, *_ = _tables()
    longest = max(months)
    length = next((n for n in range(longest, 0, -1)
                   if start + n <= len(words) and _names_month(words[start : start + n])), 0)
    if length and start + length < len(words) and fold(words[start + length]) in suffixes:
        length += 1
    return length


def _names_month(words: Sequence[str]) -> bool:
    months, suffixes, *_ = _tables()
    folded = tuple(fold(word) for word in words)
    if len(folded) > 1:
        return folded in months.get(len(folded), frozenset())
    first = (folded[0].split() or [""])[0]  # "may" of a glued "May 2024"
    stems = [first, *(first.removesuffix(suffix) for suffix in suffixes)]  # "مهرماه"
    return any(stem and (stem,) in months[1] for stem in stems)


def is_day(word: str) -> bool:
    """A day of the month (1 to 31), in any digits, maybe with an ordinal ending: "1st", "۱۵"."""
    found = _tables()[3].fullmatch(word)
    return found is not None and 1 <= int(found.group(1)) <= 31


def is_year(word: str) -> bool:
    """A year of four digits, maybe with an ending or punctuation: "2024,", "۱۴۰۳", "2024년"."""
    return _tables()[4].fullmatch(word) is not None


def is_link(word: str) -> bool:
    """A word that may stand between a day and its month or a month and its year: "de"."""
    return word.casefold() in _tables()[2]


def month_after_day(words: Sequence[str], index: int) -> int | None:
    """Where the month starts if words[index] is a day before one ("1 May", "1 de mayo")."""
    if not is_day(words[index]):
        return None
    month = index + 1
    if month < len(words) and is_link(words[month]):
        month += 1
    return month if month < len(words) and month_length(words, month) else None


def date_end(words: Sequence[str], start: int) -> int:
    """The index after a date that starts at `start` with a day or a month ("1 de mayo de 2024",
    "May 1, 2024", "mayo de 2024", "۱۵ مهر ۱۴۰۳") or a year before its month ("2024년 5월 1일"),
    or `start` if none does."""
    if is_year(words[start]) and start + 1 < len(words):
        after = date_end(words, start + 1)
        if after > start + 1 or month_length(words, start + 1):
            return max(after, start + 1 + month_length(words, start + 1))
    month = month_after_day(words, start)
    if month is None:
        month = start
    length = month_length(words, month)
    if not length:
        return start
    end = month + length
    if month == start and end < len(words) and is_day(words[end]) and not _closes(words[end - 1]):
        end += 1  # "May 1"
    following = end + 1 if end + 1 < len(words) and is_link(words[end]) else end
    if following < len(words) and is_year(words[following]) and not _ends_sentence(words[end - 1]):
        end = following + 1  # "mayo de 2024", "May 1, 2024"
    return end


def _closes(word: str) -> bool:
    """A month name that ends its phrase: "in May, 12 people" is no date."""
    return word[-1:] in ",;:،؛"


def _ends_sentence(word: str) -> bool:
    return word[-1:] in ".!?;:؟"
