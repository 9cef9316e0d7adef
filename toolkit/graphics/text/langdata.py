"""Language facts the text engine works from, read from data/languages/*.yaml.

One file per language (month names, units, articles, street words, quotation marks, digits)
and common.yaml for what holds in every language (unit symbols, punctuation classes). Words
that mark a line break to keep or avoid are matched in any language's text (an untranslated
Spanish date is still a date); quotes and digits follow the text's own language.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANGUAGES_DIR = Path(__file__).resolve().parents[2] / "data" / "languages"

_WORD_LISTS = ("months", "date_links", "month_suffixes", "day_endings", "year_endings", "units",
               "number_labels", "articles", "street_types", "street_types_before",
               "street_words", "western_digits")
_LANGUAGE_KEYS = (*_WORD_LISTS, "quotes", "apostrophe", "ornament", "digits")
_COMMON_KEYS = ("units", "number_prefixes", "street_directions", "no_break_before",
                "no_break_after", "attached_punctuation", "opening_punctuation", "clause_end",
                "sentence_end", "closing")
ASCII_DIGITS = "0123456789"


@dataclass(frozen=True)
class Quotes:
    """A language's quotation marks: primary and secondary pairs, the space set inside them,
    the apostrophe, and the opening mark drawn alone as an ornament."""

    primary: tuple[str, str] = ("\u201c", "\u201d")
    secondary: tuple[str, str] = ("\u2018", "\u2019")
    inside: str = ""
    apostrophe: str = "\u2019"
    ornament: str = "\u201c"


@dataclass(frozen=True)
class Language:
    """The facts of one language file (every list lowercase, as written in the file)."""

    code: str
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    quotes: Quotes = Quotes()
    digits: str = ASCII_DIGITS


@dataclass(frozen=True)
class Facts:
    """Every language's facts, and the word sets matched in any language's text."""

    languages: dict[str, Language]
    common: dict[str, Any]

    def words(self, key: str) -> frozenset[str]:
        """A word list of every language (and common.yaml's, if it has one), folded."""
        return _words(key)

    def phrases(self, key: str) -> frozenset[tuple[str, ...]]:
        """Like words, but each entry split into its words: "por ciento" is two."""
        return _phrases(key)

    def chars(self, key: str) -> frozenset[str]:
        """A punctuation class of common.yaml as a set of characters."""
        return _chars(key)

    def of(self, lang: str | None) -> Language:
        """The language of a tag ("pt-BR" is "pt"), or an empty one."""
        base = base_language(lang or "")
        return self.languages.get(base) or Language(base)


@cache
def _words(key: str) -> frozenset[str]:
    every = facts()
    found = {fold(word) for lang in every.languages.values() for word in lang.words.get(key, ())}
    return frozenset(found | {fold(word) for word in every.common.get(key, ())})


@cache
def _phrases(key: str) -> frozenset[tuple[str, ...]]:
    every = facts()
    entries = [*(w for lang in every.languages.values() for w in lang.words.get(key, ())),
               *every.common.get(key, ())]
    return frozenset(tuple(fold(part) for part in phrase.split()) for phrase in entries)


@cache
def _chars(key: str) -> frozenset[str]:
    return frozenset(facts().common[key])


def base_language(lang: str) -> str:
    """`pt-BR` or `pt_br` as `pt`."""
    return lang.replace("_", "-").split("-")[0].lower()


_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ي": "ی", "ى": "ی", "ك": "ک", "ـ": None, "\u200c": None}
)


def fold(word: str) -> str:
    """A word as the tables match it: case, accents, hamza and the forms of yeh and kaf folded,
    so "MAYO", "fevrier", "ابريل" and "دي" match "mayo", "février", "أبريل" and "دی"."""
    decomposed = unicodedata.normalize("NFD", word.casefold().translate(_FOLD))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def facts() -> Facts:
    """All language files, read once and checked; a bad file is a bug in the package."""
    common = _read(LANGUAGES_DIR / "common.yaml", _COMMON_KEYS)
    languages = {}
    for path in sorted(LANGUAGES_DIR.glob("*.yaml")):
        if path.stem != "common":
            languages[path.stem] = _language(path.stem, _read(path, _LANGUAGE_KEYS))
    return Facts(languages, common)


def _read(path: Path, keys: tuple[str, ...]) -> dict[str, Any]:
    # The toolkit's own data files: libyaml reads them when present (a tenth of the time).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}  # noqa: S506
    if not isinstance(data, dict):
        raise RuntimeError(f"{path}: expected a mapping of language facts")
    for key, value in data.items():
        if key not in keys:
            raise RuntimeError(f"{path}: unknown key '{key}' (keys: {', '.join(keys)})")
        if key in _WORD_LISTS and not (isinstance(value, list)
                                       and all(isinstance(item, str) for item in value)):
            raise RuntimeError(f"{path}: '{key}' must be a list of words")
    return data


def _language(code: str, data: dict[str, Any]) -> Language:
    marks = data.get("quotes") or {}
    defaults = Quotes()
    try:
        quotes = Quotes(
            primary=_pair(marks.get("primary", defaults.primary)),
            secondary=_pair(marks.get("secondary", defaults.secondary)),
            inside=str(marks.get("inside", "")),
            apostrophe=str(data.get("apostrophe", defaults.apostrophe)),
            ornament=str(data.get("ornament", _pair(marks.get("primary",
                                                               defaults.primary))[0])),
        )
    except (TypeError, ValueError) as exc:
        raise RuntimeError(f"{LANGUAGES_DIR / code}.yaml: quotes: {exc}") from None
    digits = str(data.get("digits", ASCII_DIGITS))
    if len(digits) != 10:
        raise RuntimeError(f"{LANGUAGES_DIR / code}.yaml: digits must be ten characters, 0 to 9")
    words = {key: tuple(str(word).lower() for word in data[key])
             for key in _WORD_LISTS if key in data}
    return Language(code, words, quotes, digits)


def _pair(value: Any) -> tuple[str, str]:
    if not (isinstance(value, list | tuple) and len(value) == 2):
        raise ValueError("a pair [opening, closing] is needed")
    return (str(value[0]), str(value[1]))


def local_digits(text: str, lang: str) -> str:
    """text with its ASCII digits in lang's own: "2/4" is "\u06f2/\u06f4" in Persian,
    "\u0662/\u0664" in Arabic, and stays "2/4" in English or Moroccan Arabic (a region listed in
    the language's `western_digits`)."""
    parts = lang.replace("_", "-").lower().split("-")
    language = facts().of(parts[0])
    if any(part in language.words.get("western_digits", ()) for part in parts[1:]):
        return text
    return text.translate(str.maketrans(ASCII_DIGITS, language.digits))


def open_quote(lang: str) -> str:
    """The opening quotation mark of lang as drawn alone: \u201c in English or Korean, \u00ab in
    French, \u00bb in Persian."""
    return facts().of(lang).quotes.ornament


def close_quote(lang: str) -> str:
    """The closing quotation mark of lang, with the space some set inside it (”,  »)."""
    quotes = facts().of(lang).quotes
    return quotes.inside + quotes.primary[1]
