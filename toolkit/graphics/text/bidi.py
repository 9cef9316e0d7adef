"""Find a paragraph's direction and cut a line into pieces in visual (left-to-right) order.

Only the order of pieces is decided here; raqm shapes and orders the text inside each piece.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from toolkit.graphics.text.block import Direction
from toolkit.graphics.text.wordbreak import Glyph
from toolkit.languages import language_direction


@dataclass(frozen=True)
class Piece:
    """Text of a line drawn in one call, before it gets its x position."""

    text: str
    font: Path
    emphasis: bool
    emoji: bool
    direction: Direction


def paragraph_direction(text: str, lang: str | None = None) -> Direction:
    """The direction of the first strong character; RTL for an RTL language's own script.

    An Arabic sentence that opens with a Latin name is still right-to-left when `lang` says
    Arabic; English text shown for an Arabic post (untranslated) stays left-to-right.
    """
    kinds = [unicodedata.bidirectional(char) for char in text]
    rtl_language = lang is not None and language_direction(lang) == "rtl"
    if rtl_language and ("R" in kinds or "AL" in kinds):
        return "rtl"
    first = next((kind for kind in kinds if kind in ("L", "R", "AL")), "L")
    return "ltr" if first == "L" else "rtl"


def visual_pieces(glyphs: Sequence[Glyph], paragraph: Direction) -> list[Piece]:
    """The pieces of one line, ordered left to right."""
    return _visual_order(_pieces(glyphs, paragraph), paragraph)


def _pieces(glyphs: Sequence[Glyph], direction: Direction) -> list[Piece]:
    """Cut a line where font or emphasis change; a one-piece line is left to raqm's bidi."""
    runs = [
        (list(group), key)
        for key, group in groupby(glyphs, key=lambda g: (g.font, g.emphasis, g.emoji))
    ]
    if len(runs) == 1:
        font, emphasis, emoji = runs[0][1]
        return [Piece("".join(g.text for g in glyphs), font, emphasis, emoji, direction)]
    # Several fonts: split at spaces too, so each space can sit on the side bidi puts it.
    parts: list[tuple[str, Path, bool, bool]] = []
    for group, (font, emphasis, emoji) in runs:
        for _, chunk in groupby(group, key=lambda g: g.text.isspace()):
            parts.append(("".join(g.text for g in chunk), font, emphasis, emoji))
    strong = [_strong_direction(text) for text, *_ in parts]
    return [Piece(*part, _resolve(strong, index, direction)) for index, part in enumerate(parts)]


def _strong_direction(text: str) -> Direction | None:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind in ("L", "EN", "AN"):
            return "ltr"
    return None


def _resolve(strong: Sequence[Direction | None], index: int, paragraph: Direction) -> Direction:
    """A neutral piece takes its neighbours' direction when they agree, else the paragraph's."""
    own = strong[index]
    if own is not None:
        return own
    before = next((d for d in reversed(strong[:index]) if d is not None), None)
    after = next((d for d in strong[index + 1 :] if d is not None), None)
    return before if before is not None and before == after else paragraph


def _visual_order(pieces: list[Piece], paragraph: Direction) -> list[Piece]:
    """Reorder pieces left to right: runs against the paragraph direction are reversed."""
    runs = [list(group) for _, group in groupby(pieces, key=lambda p: p.direction)]
    if paragraph == "rtl":
        runs.reverse()
    ordered: list[Piece] = []
    for run in runs:
        ordered += run if run[0].direction == "ltr" else reversed(run)
    return ordered
