"""Lay words out in one box at one size: measure them, break lines, place and align each line."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby

from toolkit.graphics.text.bidi import visual_pieces
from toolkit.graphics.text.block import Direction, Line, Span, TextBlock, TextStyle
from toolkit.graphics.text.breakrules import break_penalties
from toolkit.graphics.text.linebreak import Metrics, balanced_lines, flaws, greedy_lines
from toolkit.graphics.text.runs import (
    REFERENCE_SIZE,
    advance_of,
    cap_height,
    measure_run,
    predict_advance,
    predict_run,
    predicted_ink,
)
from toolkit.graphics.text.wordbreak import Glyph, Word

LINE_GAP = 0.04  # least space between one line's ink and the next, in em
MEASURE_RETRIES = 3  # times a size is broken again with a narrower limit when a line overflows


@dataclass(frozen=True)
class InkedLine:
    """A line with the reach of its ink above and below the baseline (top is negative)."""

    line: Line
    top: int
    bottom: int


@dataclass(frozen=True)
class BoxSetter:
    """Measures words and lines for one box and turns chosen lines into a TextBlock.

    Lines are always shaped at the size asked (their ink decides the height; each line once
    per size, memoized). Words are measured exactly too, or, by a predicting setter
    (`exact=False`), scaled from the word shaped once at a reference size: trying many sizes
    then shapes only the lines it sets. Its blocks guide the size search; the block of the size
    chosen is set again exactly.
    """

    style: TextStyle
    box_width: int
    box_height: int
    direction: Direction
    lang: str | None
    text: str
    _prices: dict[int, tuple[Sequence[Word], tuple[float, ...]]] = field(
        default_factory=dict, compare=False, repr=False)
    exact: bool = True  # lines shaped at the size asked, else predicted
    exact_words: bool = True  # words too (what breaking lines works from), else predicted
    # Per word list (by id, the list kept so its id is not reused): the words' and spaces'
    # advances at the reference size, None for a word with emoji (not linear in the size).
    _reference: dict[int, tuple[Sequence[Word], tuple[float | None, ...],
                                tuple[float | None, ...]]] = field(
        default_factory=dict, compare=False, repr=False)
    # Lines set at a size, by (id of the word list, first word, end, size; the size negated
    # for predicted lines, as a predicting setter made by replace() shares this): never twice.
    _lines: dict[tuple[int, int, int, int], tuple[Sequence[Word], InkedLine]] = field(
        default_factory=dict, compare=False, repr=False)

    def empty(self) -> TextBlock:
        return self._block(self.style.max_size, (), 0)

    def width_of(self, glyphs: Sequence[Glyph], size: int) -> float:
        """Advance of glyphs shaped per font run (spaces and kerning between runs ignored)."""
        total = 0.0
        for (font, emoji), group in groupby(glyphs, key=lambda g: (g.font, g.emoji)):
            text = "".join(g.text for g in group)
            if self.exact_words:
                total += advance_of(font, emoji, size, text, None, self.lang, self.style.chain)
            else:
                total += predict_advance(font, emoji, size, text, self.lang,
                                         self.style.chain)
        return total

    def fit(
        self, words: Sequence[Word], size: int, balance: bool
    ) -> tuple[TextBlock, float] | None:
        """The block at this size and the penalties its breaks pay, or None if it won't fit."""
        metrics = self._metrics(words, size)
        # Words are measured one by one; a shaped line can come out a few px wider (spaces
        # shaped in another script's font, kerning across words). Narrow the limit by that
        # error and break again, rather than give the size up.
        limit = float(self.box_width)
        for _ in range(MEASURE_RETRIES):
            lines = greedy_lines(metrics, limit)
            if lines is None or not self._may_fit(len(lines), size):
                return None
            inked = [self._set_line(words, indices, size) for indices in lines]
            error = _overflow(inked, lines, metrics, self.box_width)
            if error <= 0:
                break
            limit = min(limit - 1, self.box_width - error)
        else:
            return None
        block = self._place(inked, size)
        # Balanced lines may also fit where the greedy ones are a little too tall (their first
        # line's ink reaches higher): try them then too.
        if (balance or block is None) and len(lines) > 1:
            even = balanced_lines(metrics, len(lines), limit)
            better = self._build(words, even, size) if even and even != lines else None
            if even is not None and better is not None:
                block, lines = better, even
        if block is None:
            return None
        return block, flaws(lines, metrics, limit)

    def _metrics(self, words: Sequence[Word], size: int) -> Metrics:
        if self.exact_words:
            widths = tuple(self.width_of(w.glyphs, size) for w in words)
            spaces = tuple(self.width_of((w.space,), size) if w.space else 0.0 for w in words)
        else:
            scale = size / REFERENCE_SIZE
            reference, gaps = self._references(words)
            widths = tuple(self.width_of(word.glyphs, size) if ref is None else ref * scale
                           for word, ref in zip(words, reference, strict=True))
            spaces = tuple(gap * scale if gap is not None else self._space(word, size)
                           for word, gap in zip(words, gaps, strict=True))
        return Metrics(
            widths=widths,
            spaces=spaces,
            hard=tuple(w.hard_break for w in words),
            penalties=self._penalties(words),
            glued=tuple(w.glued for w in words),
        )

    def _space(self, word: Word, size: int) -> float:
        return self.width_of((word.space,), size) if word.space else 0.0

    def _references(self, words: Sequence[Word]
                    ) -> tuple[tuple[float | None, ...], tuple[float | None, ...]]:
        """The words' and their spaces' advances at the reference size, once per word list."""
        kept = self._reference.get(id(words))
        if kept is None or kept[0] is not words:
            size = REFERENCE_SIZE
            kept = (words,
                    tuple(None if any(g.emoji for g in w.glyphs) else self.width_of(w.glyphs, size)
                          for w in words),
                    tuple((None if w.space.emoji else self.width_of((w.space,), size))
                          if w.space else 0.0 for w in words))
            self._reference[id(words)] = kept
        return kept[1], kept[2]

    def _penalties(self, words: Sequence[Word]) -> tuple[float, ...]:
        """The break prices of words: the same at every size, so worked out once per list."""
        kept = self._prices.get(id(words))
        if kept is None or kept[0] is not words:  # the list is kept, so its id is not reused
            kept = (words, break_penalties(words, names=not self.style.uppercase,
                                           lang=self.lang))
            self._prices[id(words)] = kept
        return kept[1]

    def _may_fit(self, count: int, size: int) -> bool:
        if self.style.max_lines is not None and count > self.style.max_lines:
            return False
        cap = cap_height(self.style.chain.primary, size)
        return cap + (count - 1) * self._pitch(size) <= self.box_height

    def _pitch(self, size: int) -> int:
        return round(size * self.style.leading_at(size))

    def _build(self, words: Sequence[Word], lines: list[range], size: int) -> TextBlock | None:
        return self._place([self._set_line(words, indices, size) for indices in lines], size)

    def _set_line(self, words: Sequence[Word], indices: range, size: int) -> InkedLine:
        if not self.exact:
            return self._predicted_line(words, indices, size)
        key = (id(words), indices.start, indices.stop, size)
        kept = self._lines.get(key)
        if kept is None or kept[0] is not words:
            kept = (words, self._line(_line_glyphs(words, indices), size))
            self._lines[key] = kept
        return kept[1]

    def _predicted_line(self, words: Sequence[Word], indices: range, size: int) -> InkedLine:
        """The line as predict_run measures it, from its pieces measured once at the
        reference size (kept under the size 0); spans are left out, as only the width, ink
        and text of a predicted line are ever looked at."""
        key = (id(words), indices.start, indices.stop, 0)
        kept = self._lines.get(key)
        if kept is None or kept[0] is not words:
            kept = (words, self._line(_line_glyphs(words, indices), REFERENCE_SIZE))
            self._lines[key] = kept
        reference = kept[1]
        if any(span.emoji for span in reference.line.spans):  # emoji do not scale linearly
            return self._line(_line_glyphs(words, indices), size)
        scale = size / REFERENCE_SIZE
        x = 0.0
        for span in reference.line.spans:
            x += span.width * scale
        top = predicted_ink(reference.top, scale)
        bottom = -predicted_ink(-reference.bottom, scale)
        return InkedLine(Line(reference.line.text, (), 0, 0, math.ceil(x)), top, bottom)

    def _place(self, inked: list[InkedLine], size: int) -> TextBlock | None:
        """The block of shaped lines, or None if one is too wide or they are too tall."""
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
        measure = measure_run if self.exact else predict_run
        for piece in visual_pieces(glyphs, self.direction):
            width, ink_top, ink_bottom = measure(
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


def _overflow(inked: list[InkedLine], lines: list[range], metrics: Metrics, width: int
              ) -> float:
    """0 if every shaped line fits the width, else the most a line's shaped width exceeds its
    measured one by, among the lines that overflow (at least 1)."""
    error = 0.0
    for item, indices in zip(inked, lines, strict=True):
        if item.line.width > width:
            error = max(error, item.line.width - metrics.width(indices), 1.0)
    return error


def _line_glyphs(words: Sequence[Word], indices: range) -> list[Glyph]:
    glyphs: list[Glyph] = []
    for index in indices:
        word = words[index]
        glyphs += word.glyphs
        if index != indices[-1] and word.space:
            glyphs.append(word.space)
    return glyphs
