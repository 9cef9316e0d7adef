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
from toolkit.load.catalogs import CSV_COLUMNS, REVIEW_MARK
from toolkit.load.translations import same_edges


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
    entries = [e for e in old if e.msgctxt is not None]
    matches = match_texts(texts, [(e.msgctxt or "", e.msgid, bool(e.msgstr) and not e.fuzzy,
                                   e.obsolete) for e in entries])
    po = _new_po(slug, lang)
    po.header = old.header or po.header
    po.metadata.update(old.metadata)
    po.metadata["Language"] = lang
    counts = MergeCounts()
    used = set()
    for text, (index, how) in zip(texts, matches, strict=True):
        entry = _po_entry(text, text.translation)
        if index is None:
            counts.new += 1
        else:
            used.add(index)
            before = entries[index]
            entry.msgstr = _edges(before.msgstr, text.source) or text.translation
            entry.tcomment = before.tcomment
            entry.flags = list(before.flags)
            entry.previous_msgid = before.previous_msgid if before.fuzzy else None
            if how == "changed" and before.msgstr:
                counts.changed += 1
                if not before.fuzzy:
                    entry.flags.append("fuzzy")
                entry.previous_msgid = entry.previous_msgid or before.msgid
            else:
                counts.unchanged += 1
        po.append(entry)
    for index, gone in enumerate(entries):
        if index not in used and gone.msgstr:
            counts.obsolete += 0 if gone.obsolete else 1
            gone.obsolete = True
            gone.occurrences = []
            po.append(gone)
    return _serialize(po), counts


def match_texts(texts: list[SourceText], old: list[tuple[str, str, bool, bool]]
                ) -> list[tuple[int | None, str]]:
    """For each text, the old entry to take its translation from and how it relates.

    old holds (key, source, translated, obsolete) per entry. First the same key with the same
    source ("same"); else a translated entry with the same source under another key, as a list
    item that moved ("same"); else the same key with another source ("changed": review it),
    unless that source moved elsewhere; else nothing ("new").
    """
    by_key: dict[str, int] = {}
    by_source: dict[str, int] = {}
    for index, (key, source, translated, obsolete) in enumerate(old):
        if not obsolete or key not in by_key:
            by_key[key] = index
        if translated and (not obsolete or source.strip() not in by_source):
            by_source.setdefault(source.strip(), index)
    current = {text.source.strip() for text in texts}
    result: list[tuple[int | None, str]] = []
    for text in texts:
        same_key = by_key.get(text.key)
        if same_key is not None and old[same_key][1].strip() == text.source.strip():
            result.append((same_key, "same"))
        elif text.source.strip() in by_source:
            result.append((by_source[text.source.strip()], "same"))
        elif same_key is not None and old[same_key][1].strip() not in current:
            result.append((same_key, "changed"))
        else:
            result.append((None, "new"))
    return result


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
    def flagged(row: dict[str, str]) -> bool:
        return row.get("note", "").upper().startswith(REVIEW_MARK)

    matches = match_texts(texts, [(r.get("key", ""), r.get("source", ""),
                                   bool(r.get("translation")) and not flagged(r), False)
                                  for r in rows])
    counts = MergeCounts()
    out = []
    used = set()
    for text, (index, how) in zip(texts, matches, strict=True):
        if index is None:
            counts.new += 1
            out.append((text.key, text.source, text.translation, text.note))
            continue
        used.add(index)
        row = rows[index]
        # A spreadsheet cell is read trimmed: give back the source's leading and trailing
        # newlines (a Markdown body ends with one), as the build reads the translation.
        translation = _edges(row.get("translation", ""), text.source) or text.translation
        note = row.get("note", "") if flagged(row) else text.note
        if how == "changed" and translation:
            counts.changed += 1
            if not flagged(row):
                note = f"{REVIEW_MARK}: the source text changed; it was: {row.get('source', '')}"
        else:
            counts.unchanged += 1
        out.append((text.key, text.source, translation, note))
    counts.obsolete = sum(1 for index, row in enumerate(rows)
                          if index not in used and row.get("translation"))
    return _csv(out), counts


def _edges(translation: str, source: str) -> str:
    return same_edges(translation, source) if translation.strip() else translation


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
