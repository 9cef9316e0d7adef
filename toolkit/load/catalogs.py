"""Read a campaign's translation files (locale/<lang>.po, locale/<lang>.csv) into located entries.

A PO file is read with polib; a CSV file has the columns key, source, translation and note,
and a note starting with `REVIEW` marks a row for review as the PO `fuzzy` flag does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import Location, Problems, ProblemsError, display_path
from toolkit.load.fields import LANGUAGE_CODE
from toolkit.load.tables import _read_csv
from toolkit.load.textfile import read_utf8
from toolkit.load.workspace import is_contained

if TYPE_CHECKING:
    import polib

LOCALE_DIR = "locale"
FORMATS = ("po", "csv")
CSV_COLUMNS = ("key", "source", "translation", "note")
REVIEW_MARK = "REVIEW"
MAX_BYTES = 20_000_000
_POLIB_LINE = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")


@dataclass(frozen=True)
class Entry:
    """One translated text: its field key, the English it was made from, and where it stands."""

    key: str
    source: str
    translation: str
    fuzzy: bool
    previous: str | None  # the source before it changed (PO `#| msgid`), if known
    location: Location  # the entry (its msgctxt line, or its CSV row)
    text_location: Location  # the translation itself (its msgstr line, or its CSV cell)


@dataclass(frozen=True)
class Catalog:
    """One translation file of a campaign, for one language."""

    path: Path
    lang: str
    format: str
    entries: tuple[Entry, ...]

    @property
    def shown(self) -> str:
        return display_path(self.path)


def catalog_paths(folder: Path) -> list[Path]:
    """The translation files beside a campaign file, sorted by name."""
    locale = folder / LOCALE_DIR
    if not locale.is_dir():
        return []
    return sorted(p for p in locale.iterdir() if p.suffix[1:] in FORMATS
)  # a folder, a link to a device: refused on reading


def read_catalogs(folder: Path, problems: Problems, roots: tuple[Path, ...]) -> list[Catalog]:
    """Every readable translation file of a campaign; unreadable ones, and files (or a locale
    folder) reached through a link that leads out of roots, are problems."""
    catalogs: list[Catalog] = []
    seen: dict[str, Path] = {}
    for path in catalog_paths(folder):
        lang = path.stem
        shown = display_path(path)
        if not is_contained(path, roots):
            problems.error(Location(shown, 1, 1), "leads outside the workspace through a link")
            continue
        if not LANGUAGE_CODE.match(lang):
            problems.error(Location(shown), f"'{lang}' is not a language code; name the file "
                                            f"after its language, such as ko{path.suffix}")
            continue
        if lang in seen:
            problems.error(Location(shown), f"{display_path(seen[lang])} also translates into "
                                            f"{lang}; keep one of the two files")
            continue
        seen[lang] = path
        reader = read_po if path.suffix == ".po" else read_csv
        catalog = reader(path, lang, problems)
        if catalog is not None:
            catalogs.append(catalog)
    return catalogs


def read_po(path: Path, lang: str, problems: Problems) -> Catalog | None:
    """A gettext PO file; a syntax error is reported at its line."""
    shown = display_path(path)
    try:
        text = read_utf8(path, shown, MAX_BYTES)
    except ProblemsError as exc:
        problems.extend(exc.problems)
        return None
    try:
        import polib  # only campaigns with a PO file need it loaded

        po = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        problems.error(*_syntax_problem(shown, str(exc)))
        return None
    lines = text.splitlines()
    entries = []
    seen: dict[str, int] = {}
    for item in po:
        if item.obsolete:
            continue
        start = _entry_start(item, lines)
        where = Location(shown, start, 1)
        if item.msgctxt is None:
            problems.error(where, "this entry has no msgctxt, so it names no campaign text; "
                                  "entries come from `toolkit translate export`")
            continue
        if item.msgid_plural:
            problems.error(where, "plural forms are not used by campaigns; translate one text")
            continue
        if item.msgctxt in seen:
            problems.error(where, f"'{item.msgctxt}' is translated twice "
                                  f"(first on line {seen[item.msgctxt]})")
            continue
        seen[item.msgctxt] = start
        text_line = _line_from(lines, start, "msgstr")
        entries.append(Entry(item.msgctxt, item.msgid, item.msgstr, item.fuzzy,
                             item.previous_msgid, where, Location(shown, text_line, 1)))
    return Catalog(path, lang, "po", tuple(entries))


def _syntax_problem(shown: str, message: str) -> tuple[Location, str]:
    """polib's 'Syntax error in po file (line 12): unescaped double quote found', located."""
    match = _POLIB_LINE.search(message)
    line = int(match.group(1)) if match else 1
    detail = match.group(2) if match and match.group(2) else ""
    if "double quote" in detail:
        reason = 'a " inside a text must be written \\"'
    elif detail:
        reason = detail
    else:
        reason = ('each line is a comment (#), a keyword (msgctxt, msgid, msgstr) followed by '
                  'a "quoted" text, or a "quoted" text continuing the one above')
    return Location(shown, line, 1), f"invalid PO file: {reason}"


def _entry_start(item: polib.POEntry, lines: list[str]) -> int:
    """The line of the entry's msgctxt (where a translator sees the field), else its first line."""
    start = max(1, int(item.linenum or 1))
    found = _line_from(lines, start, "msgctxt")
    msgid = _line_from(lines, start, "msgid ")
    return found if found <= msgid else start


def _line_from(lines: list[str], start: int, keyword: str) -> int:
    for number in range(start, len(lines) + 1):
        if lines[number - 1].startswith(keyword):
            return number
    return start


def read_csv(path: Path, lang: str, problems: Problems) -> Catalog | None:
    """A spreadsheet export: one row per text with key, source, translation and note."""
    shown = display_path(path)
    table = _read_csv(path, problems)
    if table is None:
        return None
    header, rows = table
    missing = [c for c in CSV_COLUMNS[:3] if c not in header]
    if missing:
        problems.error(Location(shown, 1, 1), f"missing column(s): {', '.join(missing)} "
                                              f"(columns: {', '.join(CSV_COLUMNS)})")
        return None
    column = header.index("translation") + 1
    entries = []
    seen: dict[str, int] = {}
    for line, row in rows:
        key = row["key"]
        where = Location(shown, line, 1)
        if not key:
            problems.error(where, "this row has no key, so it names no campaign text")
            continue
        if key in seen:
            problems.error(where, f"'{key}' is translated twice (first on line {seen[key]})")
            continue
        seen[key] = line
        fuzzy = row.get("note", "").upper().startswith(REVIEW_MARK)
        # A REVIEW row was marked by `translate update` because its source changed.
        previous = "" if fuzzy else None
        entries.append(Entry(key, row["source"], row["translation"], fuzzy, previous, where,
                             Location(shown, line, column)))
    return Catalog(path, lang, "csv", tuple(entries))
