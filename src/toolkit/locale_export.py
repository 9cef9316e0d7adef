"""Write and merge translation files: the campaign's source texts as PO or CSV, msgmerge-style.

A changed source keeps its translation but marks it for review (PO: `fuzzy` with the previous
msgid kept as `#| msgid`; CSV: a note starting with REVIEW); a text gone from the campaign
becomes an obsolete PO entry (`#~`) or leaves the CSV.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import polib

from toolkit import __version__
from toolkit.catalogs import CSV_COLUMNS, REVIEW_MARK


@dataclass(frozen=True)
class SourceText:
    """One text to translate: its field key, the source, an inline translation, where, a note."""

    key: str
    source: str
    translation: str
    reference: tuple[str, int]  # (file, line) of the source text
    note: str


@dataclass
class MergeCounts:
    new: int = 0
    changed: int = 0
    obsolete: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return (f"{self.new} new, {self.changed} changed (marked for review), "
                f"{self.obsolete} no longer used, {self.unchanged} unchanged")


HEADER = (
    "Translations of the campaign {slug} into {lang}.\n"
    "Each entry's msgctxt names the field of campaign.yaml it translates.\n"
    "Keep {{{{ placeholders }}}} exactly as they are, and mark as many words with *emphasis*\n"
    "as the source does. See docs/translating.md of Campaign Toolkit."
)


def po_text(slug: str, lang: str, texts: list[SourceText]) -> str:
    """A new PO file holding every source text (and its inline translation, if any)."""
    po = _new_po(slug, lang)
    for text in texts:
        po.append(_po_entry(text, text.translation))
    return _serialize(po)


def merge_po(existing: str, slug: str, lang: str, texts: list[SourceText]
             ) -> tuple[str, MergeCounts]:
    """existing PO text updated to texts, the way msgmerge updates a PO file to a new POT."""
    old = polib.pofile(existing, wrapwidth=0)
    by_key = {e.msgctxt: e for e in old if e.msgctxt is not None and not e.obsolete}
    retired = {e.msgctxt: e for e in old if e.msgctxt is not None and e.obsolete}
    po = _new_po(slug, lang)
    po.header = old.header or po.header
    po.metadata.update(old.metadata)
    po.metadata["Language"] = lang
    counts = MergeCounts()
    for text in texts:
        before = by_key.pop(text.key, None) or retired.pop(text.key, None)
        entry = _po_entry(text, text.translation)
        if before is None:
            counts.new += 1
        else:
            entry.msgstr = before.msgstr or text.translation
            entry.tcomment = before.tcomment
            entry.flags = [f for f in before.flags if f != "fuzzy"]
            previous = before.previous_msgid if before.fuzzy else None
            if before.fuzzy:
                entry.flags.append("fuzzy")
            if before.msgid != text.source and before.msgstr:
                counts.changed += 1
                previous = previous or before.msgid
                if "fuzzy" not in entry.flags:
                    entry.flags.append("fuzzy")
            elif before.msgid != text.source:
                counts.changed += 1
            else:
                counts.unchanged += 1
            entry.previous_msgid = previous if "fuzzy" in entry.flags else None
        po.append(entry)
    for gone in [*by_key.values(), *retired.values()]:
        gone.obsolete = True
        gone.occurrences = []
        counts.obsolete += 0 if gone.msgctxt in retired else 1
        po.append(gone)
    return _serialize(po), counts


def _new_po(slug: str, lang: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.header = HEADER.format(slug=slug, lang=lang)
    po.metadata = {
        "Project-Id-Version": slug,
        "PO-Revision-Date": "",
        "Last-Translator": "",
        "Language-Team": "",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"Campaign Toolkit {__version__}",
    }
    return po


def _po_entry(text: SourceText, translation: str) -> polib.POEntry:
    return polib.POEntry(msgctxt=text.key, msgid=text.source, msgstr=translation,
                         comment=text.note, occurrences=[(text.reference[0],
                                                          str(text.reference[1]))])


def _serialize(po: polib.POFile) -> str:
    return str(po).rstrip("\n") + "\n"


def csv_text(texts: list[SourceText]) -> str:
    """A spreadsheet of every source text: key, source, translation, note."""
    return _csv([(t.key, t.source, t.translation, t.note) for t in texts])


def merge_csv(rows: list[dict[str, str]], texts: list[SourceText]
              ) -> tuple[str, MergeCounts]:
    """A CSV export updated to texts: changed sources keep their translation, marked REVIEW."""
    by_key = {row.get("key", ""): row for row in rows}
    counts = MergeCounts()
    out = []
    for text in texts:
        row = by_key.pop(text.key, None)
        if row is None:
            counts.new += 1
            out.append((text.key, text.source, text.translation, text.note))
            continue
        translation = row.get("translation", "") or text.translation
        note = row.get("note", "")
        flagged = note.upper().startswith(REVIEW_MARK)
        if row.get("source", "").strip() != text.source.strip():
            counts.changed += 1
            if translation and not flagged:
                previous = row.get("source", "")
                note = f"{REVIEW_MARK}: the source text changed; it was: {previous}"
                flagged = True
        else:
            counts.unchanged += 1
        if not flagged:
            note = text.note
        out.append((text.key, text.source, translation, note))
    counts.obsolete = len(by_key)
    return _csv(out), counts


def _csv(rows: list[tuple[str, str, str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


def write_text(path: Path, text: str, bom: bool = False) -> None:
    """Write a translation file whole: a temporary file first, renamed over the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(("\ufeff" if bom else "") + text, encoding="utf-8", newline="")
    partial.replace(path)
