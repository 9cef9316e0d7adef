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

import math
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache

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
from toolkit.graphics.text.fonts import FontChain
from toolkit.graphics.text.hyphenate import break_long_words
from toolkit.graphics.text.quotes import typographic
from toolkit.graphics.text.runs import draw_span
from toolkit.graphics.text.setter import BoxSetter
from toolkit.graphics.text.wordbreak import (
    Word,
    glue_words,
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
    "best_size",
    "fit_text",
    "paragraph_direction",
    "parse_emphasis",
]

SIZE_PRECISION = 0.01  # the size search stops within 1% of the largest size that fits
SIZE_STEP = 0.03  # after the largest size is found, try sizes ~3% apart below it
FLAW_SHRINK = 0.1  # give up to 10% of the size to avoid a lone last word or a priced break
_SAME_FLAWS = 1e-9  # penalty sums closer than this are a tie, which the larger size wins
# A long word (LONG_WORD graphemes or more) too wide for the box is broken (hyphenated between
# letters) rather than shrinking the whole text, when keeping it whole would cost more than
# this share of the size; shorter words are never broken while the text fits whole.
BREAK_BEFORE_SHRINK = 0.3
LONG_WORD = 12
# A short text set on more lines than it needs leaves the box half empty ("Slow / down." at the
# largest size): when its widest line fills less than FEW_LINES_FILL of the width, it is set on
# fewer lines at the largest size that allows, if that costs at most FEW_LINES_SHRINK of the size.
FEW_LINES_FILL = 0.75
FEW_LINES_SHRINK = 0.2


def fit_text(
    text: str, width: int, height: int, style: TextStyle, lang: str | None = None
) -> TextBlock:
    """Lay out text at the largest size that fits the box, with balanced lines.

    The size is chosen by `best_size`, the one place the size search lives. Raises TextFitError
    when the text does not fit even at `style.min_size`, and fonts.MissingGlyphError when no font
    of the chain covers one of its characters.
    """
    plain, words = _prepared(text, lang, style.chain, style.uppercase)
    direction = paragraph_direction(plain, lang)
    layout = BoxSetter(style, width, height, direction, lang, plain)
    if not words:
        return layout.empty()
    block = best_size(words, layout, style)
    if block is None:
        raise TextFitError(plain, style.min_size, width, height)
    return block


@lru_cache(maxsize=256)
def _prepared(text: str, lang: str | None, chain: FontChain, uppercase: bool
              ) -> tuple[str, list[Word]]:
    """The text's plain form and its unbreakable words (a stack fits one text several times)."""
    style = TextStyle(chain, 1, 1, (0, 0, 0), (0, 0, 0), uppercase=uppercase)
    glyphs = prepare_glyphs(typographic(text, lang), style)
    return "".join(g.text for g in glyphs), glue_words(split_words(glyphs))


def draw_text(image: Image.Image, block: TextBlock, x: int, y: int) -> None:
    """Draw a fitted block with its box's top-left corner at (x, y)."""
    draw = ImageDraw.Draw(image)
    for line in block.lines:
        for span in line.spans:
            draw_span(image, draw, block, span, (x + line.x + span.x, y + line.baseline))


def best_size(words: list[Word], layout: BoxSetter, style: TextStyle) -> TextBlock | None:
    """The block at the size that fills the box best, between the style's sizes; None if the
    words do not fit even at the minimum with long words broken.

    The size is chosen on measures predicted from runs shaped once (`_choose` with a
    predicting setter: trying a size shapes nothing new), then the block is set at that size
    only, its lines shaped exactly (the words' advances, which only decide where lines may
    break, stay predicted: within 1/64 px per glyph of the shaped ones). Predicted ink is within
    a pixel, so the block nearly always fits on the lines predicted; when it does not fit, or
    breaks elsewhere (a line's ink or width that close to the box's), the search runs again
    on exact measures throughout, as it does when the prediction finds no size at all: an
    error is only ever reported on exact measures, and every block drawn has its lines shaped
    at its size.
    """
    if layout.exact and layout.exact_words:
        chosen = _choose(words, replace(layout, exact=False, exact_words=False), style)
        if chosen is not None:
            choice, predicted = chosen
            block = _set(words, replace(layout, exact_words=False), choice)
            if block is not None and _same_lines(block, predicted):
                return block
    chosen = _choose(words, layout, style)
    return None if chosen is None else _set(words, layout, chosen[0])


# A size and how the words are set there: None whole (balanced lines), else broken between
# letters (True: as a last resort, glued words split at their spaces too).
Choice = tuple[int, bool | None]


def _choose(words: list[Word], layout: BoxSetter, style: TextStyle
            ) -> tuple[Choice, TextBlock] | None:
    """How the words fill the box best, measured by this setter, and the block it sets then:

    1. Bisection finds the largest size at which the words fit whole (a fit needs every line
       within the width and the lines within the height: smaller sizes always need no more room).
    2. A long word wider than the box at that size is hyphenated instead (in at most
       hyphenate.MAX_PIECES lines) when that lets the text be set more than BREAK_BEFORE_SHRINK
       larger; when the text does not fit whole at all, its words are broken as much as needed.
    3. A short text whose lines fill little of the width at that size is set on fewer lines
       instead, at most FEW_LINES_SHRINK smaller.
    4. Below the chosen size, up to FLAW_SHRINK smaller, a size whose balanced lines pay fewer
       penalties (a lone last word, a split name, an article ending a line) wins.
    """
    tried: dict[int, tuple[TextBlock, float] | None] = {}

    def setting(size: int) -> tuple[TextBlock, float] | None:
        """The balanced block at a size, set once per size."""
        if size not in tried:
            tried[size] = layout.fit(words, size, balance=True)
        return tried[size]

    whole = _largest(lambda size: setting(size) is not None, style, _guess(words, layout, style))
    if whole is None or _too_wide(words, layout, round(whole * (1 + BREAK_BEFORE_SHRINK))):
        broken = _broken_choice(words, layout, style, whole)
        if broken is not None:
            block = _set(words, layout, broken)
            assert block is not None
            return broken, block
    if whole is None:
        return None
    whole = _fewer_lines(words, layout, style, whole, setting(whole))
    best: tuple[TextBlock, float] | None = None
    for size in _below(whole, style.min_size):
        fitted = setting(size)
        if fitted is not None and (best is None or fitted[1] < best[1] - _SAME_FLAWS):
            best = fitted
        if best is not None and best[1] == 0:
            break
    assert best is not None
    return (best[0].size, None), best[0]


def _set(words: list[Word], layout: BoxSetter, choice: Choice) -> TextBlock | None:
    """The block of a choice, or None if it does not fit as this setter measures."""
    size, broken = choice
    if broken is None:
        fitted = layout.fit(words, size, balance=True)
        return fitted[0] if fitted is not None else None
    fitted = _broken_fit(words, layout, size, broken)
    return replace(fitted[0], fits=False) if fitted is not None else None


def _same_lines(block: TextBlock, other: TextBlock) -> bool:
    return [line.text for line in block.lines] == [line.text for line in other.lines]


def _fewer_lines(words: list[Word], layout: BoxSetter, style: TextStyle, size: int,
                 fitted: tuple[TextBlock, float] | None) -> int:
    """size, or a size at most FEW_LINES_SHRINK smaller that sets the words on fewer lines
    when their lines at size (`fitted`) fill less than FEW_LINES_FILL of the width."""
    if fitted is None:
        return size
    block = fitted[0]
    count = len(block.lines)
    if count < 2 or block.width >= FEW_LINES_FILL * layout.box_width:
        return size
    fewer = replace(layout, style=replace(style, max_lines=count - 1))
    floor = max(style.min_size, math.ceil(size * (1 - FEW_LINES_SHRINK)))
    smaller = _largest(lambda s: fewer.fit(words, s, balance=False) is not None,
                       replace(style, min_size=floor, max_size=size))
    return smaller if smaller is not None else size


def _broken_choice(words: list[Word], layout: BoxSetter, style: TextStyle, whole: int | None
                   ) -> Choice | None:
    """Long words hyphenated, if that beats the size `whole` the words fit at unbroken by
    more than BREAK_BEFORE_SHRINK; when they do not fit whole at all, broken as much as needed
    (glued words split at their spaces)."""
    for last_resort in (False, True) if whole is None else (False,):

        def fits(size: int, last: bool = last_resort) -> bool:
            return _broken_fit(words, layout, size, last) is not None

        size = _largest(fits, style)
        if size is not None and (whole is None or size > whole * (1 + BREAK_BEFORE_SHRINK)):
            return size, last_resort
    return None


def _largest(fits: Callable[[int], bool], style: TextStyle, guess: int | None = None
             ) -> int | None:
    """The largest size in the style's range that fits, within SIZE_PRECISION, by bisection
    (first around `guess`, when given); None if not even the smallest fits."""
    low, high = style.min_size, style.max_size
    if fits(high):
        return high
    low_fits = False
    if guess is not None and low < guess < high:
        if fits(guess):
            low, low_fits = guess, True
        else:
            high = guess
    while high - low > max(1, round(low * SIZE_PRECISION)):  # low may fit, high does not
        middle = (low + high) // 2
        if fits(middle):
            low, low_fits = middle, True
        else:
            high = middle
    return low if low_fits or fits(low) else None


def _guess(words: list[Word], layout: BoxSetter, style: TextStyle) -> int:
    """Where the largest fitting size probably is: the size at which the words, measured at
    the largest size and scaled, fill the box's area in lines of ~90% of its width."""
    size = style.max_size
    widths = [layout.width_of(word.glyphs, size) for word in words]
    total = sum(widths) + sum(layout.width_of((w.space,), size) for w in words if w.space)
    by_area = size * math.sqrt(0.9 * layout.box_width * layout.box_height
                               / (max(total, 1.0) * size * style.leading_at(size)))
    by_word = size * layout.box_width / max(max(widths), 1.0)
    return round(min(by_area, by_word))


def _below(size: int, smallest: int) -> Iterator[int]:
    """size, then sizes ~SIZE_STEP apart down to FLAW_SHRINK below it (not below smallest)."""
    floor = max(smallest, size * (1 - FLAW_SHRINK))
    while size >= floor:
        yield size
        size -= max(1, round(size * SIZE_STEP))


def _too_wide(words: list[Word], layout: BoxSetter, size: int) -> bool:
    """Whether a word that may be broken is wider than the box at this size."""
    return any(word.breakable and len(word.glyphs) >= LONG_WORD
               and layout.width_of(word.glyphs, size) > layout.box_width for word in words)


def _broken_fit(words: list[Word], layout: BoxSetter, size: int, last_resort: bool
                ) -> tuple[TextBlock, float] | None:
    broken = break_long_words(words, layout, size, last_resort)
    return layout.fit(broken, size, balance=False) if broken is not None else None
