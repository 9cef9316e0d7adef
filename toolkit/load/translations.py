"""Merge a campaign's translation files into its raw data before validation, with located checks.

A translation from `locale/<lang>.po` (or `.csv`) fills a language the campaign file does not
give, and its location points into the translation file, so a later error about that text (it
does not fit, a template does not compile) names the translator's line. An entry whose English
changed since it was translated, or that is marked fuzzy, is not used: gettext's rule, because a
stale date or number is worse than the English one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import regex

from toolkit.errors import Location, Problems
from toolkit.load.catalogs import Catalog, Entry, read_catalogs
from toolkit.load.model import CampaignFile
from toolkit.load.textfields import TextField, text_fields
from toolkit.load.yamlsource import SourceMap

A_WORD = regex.compile(r"\p{L}{3,}")  # as the campaign's untranslated-text warning counts words
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_EMPHASIS = re.compile(r"(?<!\\)\*")


Reviewed = set[tuple[tuple[str | int, ...], str]]


def apply_translations(data: dict[str, Any], source: SourceMap, folder: Path,
                       languages: tuple[str, ...], problems: Problems,
                       roots: tuple[Path, ...]) -> Reviewed:
    """Fill data with the translations of the campaign's locale files, reporting every problem.

    Returns the texts (key path, language) whose translation is waiting for review: a warning
    was given for them already, so the campaign's "no translation" warning need not repeat it.
    """
    pending: Reviewed = set()
    catalogs = read_catalogs(folder, problems, roots)
    if not catalogs or not languages:
        return pending
    fields = {field.key: field for field in text_fields(CampaignFile, data, source)}
    for catalog in catalogs:
        if catalog.lang == languages[0]:
            problems.warn(Location(catalog.shown), f"{catalog.lang} is the campaign's default "
                                                   "language, which is not translated; the "
                                                   "file is not used")
        elif catalog.lang not in languages:
            problems.warn(Location(catalog.shown),
                          f"{catalog.lang} is not in the campaign's languages "
                          f"({', '.join(languages)}); add it to `languages:` in campaign.yaml "
                          "to build it")
        else:
            for entry in catalog.entries:
                if not _apply(entry, catalog, fields, data, source, languages, problems):
                    field = fields.get(entry.key)
                    if field is not None:
                        pending.add((field.key_path, catalog.lang))
    return pending


def _apply(entry: Entry, catalog: Catalog, fields: dict[str, TextField], data: dict[str, Any],
           source: SourceMap, languages: tuple[str, ...], problems: Problems) -> bool:
    """Use one entry; False when it is stale or fuzzy (and a warning says so)."""
    default = languages[0]
    field = fields.get(entry.key)
    if field is None:
        problems.warn(entry.location, f"campaign.yaml has no text '{entry.key}' any more; "
                                      "`toolkit translate update` moves it out of the way")
        return True
    english = field.source(default)
    if english is None or not entry.translation.strip():
        return True  # untranslated: the campaign's own warning names the text
    stale = _stale(entry, catalog, english, field, source, default)
    if stale:
        problems.warn(entry.location, stale)
        return False
    translation = same_edges(entry.translation, english)
    mismatch = placeholder_problems(english, translation, field.is_graphic)
    for message in mismatch:
        problems.error(entry.text_location, message)
    if mismatch:
        return True
    inline = field.translation(catalog.lang)
    if inline is not None:
        if inline.strip() != translation.strip():
            where = source.value((*field.key_path, catalog.lang))
            problems.error(entry.text_location,
                           f"'{entry.key}' is also translated in campaign.yaml ({where}), "
                           f"differently; keep one: remove the inline {catalog.lang}: text to "
                           "use this file")
        return True
    _fill(field, catalog.lang, translation, entry.text_location, data, source, languages, fields)
    return True


def _stale(entry: Entry, catalog: Catalog, english: str, field: TextField, source: SourceMap,
           default: str) -> str:
    """Why an entry must be reviewed before it is used, or ''."""
    line = source.value(_source_path(field, default)).line
    language = "English" if default == "en" else f"'{default}'"
    changed = f"stale translation: the {language} text changed on line {line} of campaign.yaml"
    if entry.source.strip() != english.strip():
        return (f"{changed}; run `toolkit translate update`, then review this translation "
                f"(the {language} text is used until then)")
    if entry.fuzzy:
        if entry.previous is not None and entry.previous.strip() != english.strip():
            mark = "its fuzzy mark" if catalog.format == "po" else "REVIEW from its note"
            return (f"{changed}; review this translation and remove {mark} "
                    f"(the {language} text is used until then)")
        return (f"translation marked for review (fuzzy); the {language} text is used until "
                "the mark is removed")
    return ""


def _source_path(field: TextField, default: str) -> tuple[str | int, ...]:
    return (*field.key_path, default) if isinstance(field.value, dict) else field.key_path


def same_edges(translation: str, english: str) -> str:
    """gettext wants a translation to start and end with a newline exactly when its source does."""
    text = translation.strip("\n")
    return ("\n" if english.startswith("\n") else "") + text + \
        ("\n" if english.endswith("\n") else "")


def placeholder_problems(english: str, translation: str, graphic: bool) -> list[str]:
    """Template variables and emphasis marks the translation must keep as the source has them."""
    problems = []
    wanted, given = _jinja_parts(english), _jinja_parts(translation)
    for part in sorted(wanted - given):
        problems.append(f"the translation lacks {part}, which the source text has; keep it as "
                        "it is (it is filled in when the text is used)")
    for part in sorted(given - wanted):
        problems.append(f"the translation has {part}, which the source text does not; "
                        "use only the source's placeholders, unchanged")
    if graphic:
        marks, found = len(_EMPHASIS.findall(english)), len(_EMPHASIS.findall(translation))
        if found % 2:
            problems.append("an *emphasis* mark is not closed: put * before and after the "
                            "emphasized words")
        elif marks != found:
            problems.append(f"the source text emphasizes {marks // 2} part(s) with *...*, the "
                            f"translation {found // 2}; emphasize the same number of parts")
    return problems


def _jinja_parts(text: str) -> set[str]:
    """`{{target.name}}` and `{{ target.name }}` alike, as `{{ target.name }}`."""
    parts = set()
    for part in _JINJA.findall(text):
        inner = re.sub(r"\s+", " ", part[2:-2]).strip()
        parts.add(f"{part[:2]} {inner} {part[-2:]}")
    return parts


def _fill(field: TextField, lang: str, translation: str, location: Location,
          data: dict[str, Any], source: SourceMap, languages: tuple[str, ...],
          fields: dict[str, TextField]) -> None:
    """Put the translation into the raw data, located in the translation file.

    A plain string becomes one text per language: the source for the default language, and,
    when it has no words to translate ("$3M"), for the other languages too, as before.
    """
    parent: Any = data
    for part in field.key_path[:-1]:
        parent = parent[part]
    value = parent[field.key_path[-1]]
    if not isinstance(value, dict):
        plain = field.value  # as written: `7:30`, not the 450 YAML 1.1 reads
        kept = languages if not A_WORD.search(str(plain)) else languages[:1]
        value = {code: plain for code in kept}
        for code in kept:
            source.values[(*field.key_path, code)] = source.value(field.key_path)
        parent[field.key_path[-1]] = value
    value[lang] = translation
    source.values[(*field.key_path, lang)] = location
    source.keys[(*field.key_path, lang)] = location
    fields[field.key] = TextField(field.key_path, field.key, value)
