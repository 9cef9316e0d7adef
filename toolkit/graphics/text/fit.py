"""Fit text into a box (wrap, balance, shrink) and draw it with per-character font fallback.

The steps read top to bottom, one module each: `*emphasis*` is parsed and the text is cut into
graphemes that know their font and grouped into unbreakable words (wordbreak); `fit_text` tries
sizes from the largest down, wrapping greedily and then balancing the lines (linebreak, with
breakrules pricing breaks inside names, marked phrases, numbers and dates, whose month names
live in months, and welcoming breaks after a comma) as a BoxSetter measures and places them
(textlayout, bidi, textdraw), and cuts overlong words only as a last resort
(hyphenate); `draw_text` renders the resulting TextBlock through Pillow's raqm layout (shaping
and bidi within each span). The values returned live in textblock; they and the helpers other
modules use are re-exported here, so callers import from this module only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from PIL import Image, ImageDraw

from toolkit.colors import RGB
from toolkit.graphics.text.bidi import paragraph_direction
from toolkit.graphics.text.block import (
    Align,
    Direction,
    Line,
    Span,
    TextBlock,
    TextFitError,
    TextStyle,
)
from toolkit.graphics.text.draw import draw_span
from toolkit.graphics.text.hyphenate import break_long_words
from toolkit.graphics.text.setter import BoxSetter
from toolkit.graphics.text.wordbreak import (
    Word,
    glue_numbers,
    parse_emphasis,
    prepare_glyphs,
    split_words,
)
from toolkit.languages import RTL_LANGUAGES

__all__ = [
    "RGB",
    "RTL_LANGUAGES",
    "Align",
    "Direction",
    "Line",
    "Span",
    "TextBlock",
    "TextFitError",
    "TextStyle",
    "draw_text",
    "fit_text",
    "paragraph_direction",
    "parse_emphasis",
]

SIZE_STEP = 0.03  # shrink by ~3% per try: fine enough that the chosen size fills the box
FLAW_SHRINK = 0.1  # give up to 10% of the size to avoid a lone last word or a priced break
_SAME_FLAWS = 1e-9  # penalty sums closer than this are a tie, which the larger size wins


def fit_text(
    text: str, width: int, height: int, style: TextStyle, lang: str | None = None
) -> TextBlock:
    """Lay out text at the largest size that fits the box, with balanced lines.

    Raises TextFitError when it does not fit even at `style.min_size`, and
    fonts.MissingGlyphError when no font of the chain covers one of its characters.
    """
    glyphs = prepare_glyphs(text, style)
    plain = "".join(g.text for g in glyphs)
    direction = paragraph_direction(plain, lang)
    words = glue_numbers(split_words(glyphs))
    layout = BoxSetter(style, width, height, direction, lang, plain)
    if not words:
        return layout.empty()
    block = _largest_fit(words, layout, style)
    if block is not None:
        return block
    broken = break_long_words(words, layout, style.min_size)
    fitted = layout.fit(broken, style.min_size, balance=False) if broken else None
    if fitted is None:
        raise TextFitError(plain, style.min_size, width, height)
    return replace(fitted[0], fits=False)


def draw_text(image: Image.Image, block: TextBlock, x: int, y: int) -> None:
    """Draw a fitted block with its box's top-left corner at (x, y)."""
    draw = ImageDraw.Draw(image)
    for line in block.lines:
        for span in line.spans:
            draw_span(image, draw, block, span, (x + line.x + span.x, y + line.baseline))


def _largest_fit(words: list[Word], layout: BoxSetter, style: TextStyle) -> TextBlock | None:
    """The largest size that fits, or one a little smaller whose breaks pay fewer penalties."""
    best: tuple[TextBlock, float] | None = None
    largest = 0
    for size in _sizes(style):
        if best is not None and (best[1] == 0 or size < largest * (1 - FLAW_SHRINK)):
            break
        fitted = layout.fit(words, size, balance=True)
        if fitted is None:
            continue
        largest = largest or size
        if best is None or fitted[1] < best[1] - _SAME_FLAWS:
            best = fitted
    return best[0] if best else None


def _sizes(style: TextStyle) -> Iterator[int]:
    size = style.max_size
    while size > style.min_size:
        yield size
        size -= max(1, round(size * SIZE_STEP))
    yield style.min_size
