"""How `*emphasized words*` are shown: in the accent, on an accent highlight, or underlined.

A light accent on a light page (or a dark one on a dark page) cannot color words legibly; darkening
it until it reads turns orange into copper and yellow into mustard, which no longer looks like the
brand. `auto` keeps the accent exact: it colors the words when that reads, and otherwise lays the
accent behind them as a highlight with the words in a color that reads on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from toolkit.colors import RGB
from toolkit.graphics import contrast
from toolkit.graphics.canvas import PixelRect
from toolkit.graphics.text.fit import Span, TextBlock
from toolkit.graphics.text.fonts import covers, load_font

# Highlight: how far it reaches past the words' sides, above the capitals and below the baseline
# (em); underline: its distance below the baseline and its thickness (em).
HIGHLIGHT_PAD_X = 0.07
HIGHLIGHT_ABOVE = 0.12
HIGHLIGHT_BELOW = 0.2
INK_PAD = 0.04
UNDERLINE_OFFSET = 0.1
UNDERLINE_THICKNESS = 0.075
# Accent words are colored only when the accent keeps 4.5:1 with the ground it is meant for.
GROUND_MARGIN = 4.5


@dataclass(frozen=True)
class Emphasis:
    """The chosen treatment: the color the words are drawn in, and the mark's color if any."""

    style: str  # color, highlight or underline
    words: RGB
    mark: RGB | None = None

    def contrast(self, samples: contrast.Samples) -> float:
        """Contrast of the emphasized words against what is behind them."""
        if self.style == "highlight" and self.mark is not None:
            return contrast.contrast(self.words, self.mark)
        return contrast.worst(samples, self.words)


def choose(style: str, base: RGB, text: RGB, ground: RGB, others: list[RGB],
           samples: contrast.Samples, target: float, shade: bool) -> Emphasis:
    """The treatment for emphasis in base color in text set in `text` over samples.

    `ground` is the brand color the text color is meant for (primary under on_primary, the
    background under text); `others` are further word colors a highlight may use; `shade`
    lets `color` darken or lighten base just enough to read (for the `auto` color).
    """
    if style == "highlight":
        return Emphasis("highlight", _on(base, text, others), base)
    if style == "underline":
        return Emphasis("underline", text, base)
    # Judged against the ground the text color is meant for, not the pixels: those differ a
    # little between the sizes of a post, and one post should not color its emphasis in one
    # format and highlight it in the next.
    # The ground is a brand color; over photos and scrims the pixels vary, so coloring the words
    # asks for the contrast of normal text against the ground even when the text is large.
    if style == "color" or contrast.contrast(base, ground) >= max(target, GROUND_MARGIN):
        return Emphasis("color", contrast.readable(base, samples, target) if shade else base)
    words = _on(base, text, others)
    if contrast.contrast(words, base) >= target:
        return Emphasis("highlight", words, base)
    # Neither the accent's words nor a highlight reads: the words keep the text color.
    return Emphasis("color", contrast.readable(base, samples, target) if shade else text)


def _on(mark: RGB, text: RGB, others: list[RGB]) -> RGB:
    """The text color if it reads on the mark, else the candidate that contrasts most."""
    if contrast.contrast(text, mark) >= contrast.required(False):
        return text
    return max([text, *others], key=lambda rgb: contrast.contrast(rgb, mark))


def mark_rects(block: TextBlock, x: int, y: int, style: str) -> list[PixelRect]:
    """The highlight or underline rectangles of a block drawn with its top-left at (x, y)."""
    if style not in ("highlight", "underline"):
        return []
    size = block.size
    top, bottom = _extent(block)
    rects = []
    for line in block.lines:
        for left, right in _runs(line.spans):
            baseline = y + line.baseline
            x0, x1 = x + line.x + left, x + line.x + right
            if style == "highlight":
                pad = round(HIGHLIGHT_PAD_X * size)
                rects.append((round(x0) - pad, baseline + top, round(x1) + pad, baseline + bottom))
            else:
                offset = round(UNDERLINE_OFFSET * size)
                thick = max(2, round(UNDERLINE_THICKNESS * size))
                rects.append((round(x0), baseline + offset, round(x1), baseline + offset + thick))
    return rects


def draw_marks(image: Image.Image, rects: list[PixelRect], color: RGB) -> None:
    draw = ImageDraw.Draw(image)
    for left, top, right, bottom in rects:
        draw.rectangle((left, top, right - 1, bottom - 1), fill=color)


def _runs(spans: tuple[Span, ...]) -> list[tuple[float, float]]:
    """Left and right ends of each run of adjacent emphasized spans, in visual order; spaces
    at a run's ends are left out."""
    groups: list[list[Span]] = []
    for span in spans:
        if not span.emphasis:
            continue
        if groups and abs(groups[-1][-1].x + groups[-1][-1].width - span.x) < 1:
            groups[-1].append(span)
        else:
            groups.append([span])
    runs = []
    for group in groups:
        inked = [span for span in group if span.text.strip()]
        if inked:
            runs.append((inked[0].x, inked[-1].x + inked[-1].width))
    return runs


def _extent(block: TextBlock) -> tuple[int, int]:
    """Top and bottom of the highlight relative to each baseline: at least the capitals plus
    a margin and the descender zone, more where the emphasized ink reaches further."""
    size = block.size
    top = -_cap(block.style.chain.primary, size) - round(HIGHLIGHT_ABOVE * size)
    bottom = round(HIGHLIGHT_BELOW * size)
    pad = round(INK_PAD * size)
    for line in block.lines:
        for span in line.spans:
            if span.emphasis and not span.emoji and span.text.strip():
                ink_top, ink_bottom = span_ink(span, size, block.lang)
                top, bottom = min(top, ink_top - pad), max(bottom, ink_bottom + pad)
    return top, bottom


def span_ink(span: Span, size: int, lang: str | None) -> tuple[int, int]:
    """Top and bottom of a span's ink relative to its baseline (negative is above)."""
    return _ink(span.font, size, span.text, span.direction, lang)


@lru_cache(maxsize=512)
def _ink(font: Path, size: int, text: str, direction: str, lang: str | None
         ) -> tuple[int, int]:
    # getbbox reaches down to the baseline whatever the glyphs; the rendered mask does not.
    mask, (_, offset) = load_font(font, size).getmask2(text, anchor="ls", direction=direction,
                                                        language=lang)
    box = mask.getbbox()
    return (offset + box[1], offset + box[3]) if box else (0, 0)


@lru_cache(maxsize=256)
def _cap(font: Path, size: int) -> int:
    if not covers(font, "H"):
        return round(0.7 * size)
    return -int(load_font(font, size).getbbox("H", anchor="ls")[1])
