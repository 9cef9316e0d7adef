"""Break words too wide for the box between graphemes, hyphenating where the script allows.

The last resort of fitting: used only at the minimum size, and the block then says it does
not fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import regex

from toolkit.graphics.text.fonts import FontChain, covers
from toolkit.graphics.text.setter import BoxSetter
from toolkit.graphics.text.wordbreak import Glyph, Word

_HYPHENATED_SCRIPTS = regex.compile(r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{Armenian}]")


def break_long_words(words: list[Word], layout: BoxSetter, size: int) -> list[Word] | None:
    """Cut words wider than the box between graphemes; None if one grapheme is too wide."""
    result: list[Word] = []
    for word in words:
        if layout.width_of(word.glyphs, size) <= layout.box_width:
            result.append(word)
            continue
        chunks = _chunks(word, layout, size)
        if chunks is None:
            return None
        result += chunks
    return result


def _chunks(word: Word, layout: BoxSetter, size: int) -> list[Word] | None:
    """Cut a word into as few pieces as fit the box, as even as possible."""
    pieces = _cut(word.glyphs, layout, size, layout.box_width)
    if pieces is None:
        return None
    low, high = layout.box_width / len(pieces), float(layout.box_width)
    for _ in range(10):
        middle = (low + high) / 2
        trial = _cut(word.glyphs, layout, size, middle)
        if trial is not None and len(trial) <= len(pieces):
            high = middle
        else:
            low = middle
    pieces = _cut(word.glyphs, layout, size, high) or pieces
    chunks = [Word(tuple(piece), hard_break=True) for piece in pieces]
    chunks[-1] = replace(chunks[-1], space=word.space, hard_break=word.hard_break)
    return chunks


def _cut(
    glyphs: Sequence[Glyph], layout: BoxSetter, size: int, limit: float
) -> list[list[Glyph]] | None:
    """Greedy pieces no wider than limit, hyphenated between letters; None if one can't fit."""
    pieces: list[list[Glyph]] = []
    rest = list(glyphs)
    while rest:
        count = _longest_prefix(rest, layout, size, limit)
        if count == 0:
            return None
        head, rest = rest[:count], rest[count:]
        if rest and _hyphenates(head[-1], rest[0]):
            head.append(_hyphen(head[-1], layout.style.chain))
        pieces.append(head)
    return pieces


def _longest_prefix(glyphs: list[Glyph], layout: BoxSetter, size: int, limit: float) -> int:
    for count in range(len(glyphs), 0, -1):
        head = glyphs[:count]
        if count < len(glyphs) and _hyphenates(head[-1], glyphs[count]):
            head = [*head, _hyphen(head[-1], layout.style.chain)]
        if layout.width_of(head, size) <= limit:
            return count
    return 0


def _hyphenates(before: Glyph, after: Glyph) -> bool:
    return bool(_HYPHENATED_SCRIPTS.match(before.text) and _HYPHENATED_SCRIPTS.match(after.text))


def _hyphen(glyph: Glyph, chain: FontChain) -> Glyph:
    font = glyph.font if covers(glyph.font, "-") else chain.primary
    return Glyph("-", font, False, glyph.emphasis)
