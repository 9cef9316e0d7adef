"""Lay words out in one box at one size: measure them, break lines, place and align each line."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import groupby

from toolkit.graphics.text.bidi import visual_pieces
from toolkit.graphics.text.block import Direction, Line, Span, TextBlock, TextStyle
from toolkit.graphics.text.breakrules import break_penalties
from toolkit.graphics.text.draw import cap_height, measure_run
from toolkit.graphics.text.linebreak import Metrics, balanced_lines, flaws, greedy_lines
from toolkit.graphics.text.wordbreak import Glyph, Word

LINE_GAP = 0.04  # least space between one line's ink and the next, in em


@dataclass(frozen=True)
class InkedLine:
    """A line with the reach of its ink above and below the baseline (top is negative)."""

    line: Line
    top: int
    bottom: int


@dataclass(frozen=True)
class BoxSetter:
    """Measures words and lines for one box and turns chosen lines into a TextBlock."""

    style: TextStyle
    box_width: int
    box_height: int
    direction: Direction
    lang: str | None
    text: str

    def empty(self) -> TextBlock:
        return self._block(self.style.max_size, (), 0)

    def width_of(self, glyphs: Sequence[Glyph], size: int) -> float:
        """Advance of glyphs shaped per font run (spaces and kerning between runs ignored)."""
        total = 0.0
        for (font, emoji), group in groupby(glyphs, key=lambda g: (g.font, g.emoji)):
            text = "".join(g.text for g in group)
            total += measure_run(font, emoji, size, text, None, self.lang, self.style.chain)[0]
        return total

    def fit(
        self, words: Sequence[Word], size: int, balance: bool
    ) -> tuple[TextBlock, float] | None:
        """The block at this size and the penalties its breaks pay, or None if it won't fit."""
        metrics = self._metrics(words, size)
        lines = greedy_lines(metrics, self.box_width)
        if lines is None or not self._may_fit(len(lines), size):
            return None
        block = self._build(words, lines, size)
        if block is None:
            return None
        if balance and len(lines) > 1:
            even = balanced_lines(metrics, len(lines), self.box_width)
            better = self._build(words, even, size) if even and even != lines else None
            if even is not None and better is not None:
                block, lines = better, even
        return block, flaws(lines, metrics)

    def _metrics(self, words: Sequence[Word], size: int) -> Metrics:
        return Metrics(
            widths=tuple(self.width_of(w.glyphs, size) for w in words),
            spaces=tuple(self.width_of((w.space,), size) if w.space else 0.0 for w in words),
            hard=tuple(w.hard_break for w in words),
            penalties=break_penalties(words, names=not self.style.uppercase),
        )

    def _may_fit(self, count: int, size: int) -> bool:
        if self.style.max_lines is not None and count > self.style.max_lines:
            return False
        cap = cap_height(self.style.chain.primary, size)
        return cap + (count - 1) * self._pitch(size) <= self.box_height

    def _pitch(self, size: int) -> int:
        return round(size * self.style.line_height)

    def _build(self, words: Sequence[Word], lines: list[range], size: int) -> TextBlock | None:
        inked = [self._line(_line_glyphs(words, indices), size) for indices in lines]
        if any(item.line.width > self.box_width for item in inked):
            return None
        top = max(cap_height(self.style.chain.primary, size), -inked[0].top)
        # Tall scripts (Arabic, Devanagari, stacked accents) get more leading than the style's
        # so that one line's ink never runs into the next.
        clearance = max(
            (above.bottom - below.top for above, below in zip(inked, inked[1:], strict=False)),
            default=0,
        )
        pitch = max(self._pitch(size), clearance + math.ceil(size * LINE_GAP))
        # The deepest descender of any line, not just the last: so the height does not hang on
        # which words the last line happens to get.
        bottom = max(0, *(item.bottom for item in inked))
        height = top + (len(inked) - 1) * pitch + bottom
        if height > self.box_height:
            return None
        placed = tuple(
            replace(item.line, x=self._align(item.line.width), baseline=top + index * pitch)
            for index, item in enumerate(inked)
        )
        return self._block(size, placed, height)

    def _block(self, size: int, lines: tuple[Line, ...], height: int) -> TextBlock:
        return TextBlock(
            text=self.text,
            style=self.style,
            size=size,
            lines=lines,
            width=max((line.width for line in lines), default=0),
            height=height,
            box_width=self.box_width,
            box_height=self.box_height,
            direction=self.direction,
            lang=self.lang,
            fits=True,
        )

    def _line(self, glyphs: Sequence[Glyph], size: int) -> InkedLine:
        """A line, not yet placed, with its spans measured in visual order."""
        spans: list[Span] = []
        x, top, bottom = 0.0, 0, 0
        for piece in visual_pieces(glyphs, self.direction):
            width, ink_top, ink_bottom = measure_run(
                piece.font,
                piece.emoji,
                size,
                piece.text,
                piece.direction,
                self.lang,
                self.style.chain,
            )
            spans.append(
                Span(piece.text, piece.font, piece.emphasis, piece.emoji, piece.direction, x, width)
            )
            x, top, bottom = x + width, min(top, ink_top), max(bottom, ink_bottom)
        text = "".join(g.text for g in glyphs)
        return InkedLine(Line(text, tuple(spans), 0, 0, math.ceil(x)), top, bottom)

    def _align(self, width: int) -> int:
        free = self.box_width - width
        if self.style.align == "center":
            return free // 2
        flush_left = (self.style.align == "start") == (self.direction == "ltr")
        return 0 if flush_left else free


def _line_glyphs(words: Sequence[Word], indices: range) -> list[Glyph]:
    glyphs: list[Glyph] = []
    for index in indices:
        word = words[index]
        glyphs += word.glyphs
        if index != indices[-1] and word.space:
            glyphs.append(word.space)
    return glyphs
