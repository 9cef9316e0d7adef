"""Break words too wide for the box between graphemes, hyphenating where the script allows.

A long word of letters is broken rather than shrinking the whole text to its minimum (see
text.best_size); words glued together (a date, an amount with its unit) are split only at
their spaces, and only when nothing else fits at the smallest size; a number is never broken.
The block then says it did not fit whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import regex

from toolkit.graphics.text.fonts import FontChain, covers
from toolkit.graphics.text.setter import BoxSetter
from toolkit.graphics.text.wordbreak import Glyph, Word

MAX_PIECES = 3  # a word is cut in at most this many lines unless nothing else fits
_HYPHENATED_SCRIPTS = regex.compile(r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{Armenian}]")


def break_long_words(words: list[Word], layout: BoxSetter, size: int, last_resort: bool = False
                     ) -> list[Word] | None:
    """Cut words of letters wider than the box between graphemes; None if one grapheme, or a
    word that may not be broken, is too wide. As a `last_resort`, glued words are first split
    at their spaces."""
    result: list[Word] = []
    for word in words:
        if layout.width_of(word.glyphs, size) <= layout.box_width:
            result.append(word)
            continue
        if word.glued and last_resort:
            parts = break_long_words(_unglue(word, layout, size), layout, size, last_resort)
            if parts is None:
                return None
            result += parts
            continue
        chunks = _chunks(word, layout, size) if word.breakable else None
        if chunks is None or (len(chunks) > MAX_PIECES and not last_resort):
            return None
        result += chunks
    return result


def _unglue(word: Word, layout: BoxSetter, size: int) -> list[Word]:
    """A glued word ("1 de mayo de 2024") split at its spaces into the fewest pieces that fit
    the box, as even as possible ("1 de mayo" / "de 2024"); each piece stays glued."""
    parts: list[list[Glyph]] = [[]]
    spaces: list[Glyph] = []
    for glyph in word.glyphs:
        if glyph.text.isspace() and parts[-1]:
            spaces.append(glyph)
            parts.append([])
        elif not glyph.text.isspace():
            parts[-1].append(glyph)
    widths = [layout.width_of(part, size) for part in parts]
    gaps = [layout.width_of((space,), size) for space in spaces]

    def pieces(limit: float) -> list[range]:
        found, start, width = [], 0, widths[0]
        for index in range(1, len(parts)):
            if width + gaps[index - 1] + widths[index] > limit:
                found.append(range(start, index))
                start, width = index, widths[index]
            else:
                width += gaps[index - 1] + widths[index]
        return [*found, range(start, len(parts))]

    fewest = len(pieces(layout.box_width))
    low, high = 0.0, float(layout.box_width)
    for _ in range(10):
        middle = (low + high) / 2
        if len(pieces(middle)) <= fewest:
            high = middle
        else:
            low = middle
    result = []
    for piece in pieces(high):
        glyphs: list[Glyph] = []
        for index in piece:
            glyphs += [*parts[index], *((spaces[index],) if index != piece[-1] else ())]
        space = spaces[piece[-1]] if piece[-1] < len(spaces) else word.space
        result.append(Word(tuple(glyphs), space, glued=len(piece) > 1))
    result[-1] = replace(result[-1], hard_break=word.hard_break)
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
