"""Measure and draw runs of text: shaped by raqm, colour emoji as bitmaps scaled to the caps."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from toolkit.graphics.text.block import Direction, Span, TextBlock
from toolkit.graphics.text.fonts import EMOJI_SIZE, FontChain, covers, load_font

EMOJI_HEIGHT = 1.25  # emoji box height per cap height; its ink is then ~1.15x the caps
_EMOJI_BOX = 128  # height of Noto Color Emoji's bitmaps at EMOJI_SIZE (ascent 101 + descent 27)
# Words are shaped once at this size to predict their advance at every other size: advances
# are unhinted (26.6 fixed point), so they scale linearly to within 1/64 px per glyph. (Ink
# extents are hinted whole pixels, a quarter of them 1 px off when scaled: never predicted.)
REFERENCE_SIZE = 1000


@lru_cache(maxsize=65536)
def measure_run(
    font: Path,
    emoji: bool,
    size: int,
    text: str,
    direction: Direction | None,
    lang: str | None,
    chain: FontChain,
) -> tuple[float, int, int]:
    """Advance width, ink top and ink bottom (relative to the baseline) of a run."""
    if emoji:
        scale = _emoji_scale(chain.primary, size)
        advance = load_font(font, EMOJI_SIZE).getlength(text) * scale
        top = -round((cap_height(chain.primary, size) + _EMOJI_BOX * scale) / 2)
        return advance, top, top + round(_EMOJI_BOX * scale)
    pil_font = load_font(font, size)
    advance = pil_font.getlength(text, direction=direction, language=lang)
    _, ink_top, _, ink_bottom = pil_font.getbbox(
        text, anchor="ls", direction=direction, language=lang
    )
    return advance, int(ink_top), int(ink_bottom)


@lru_cache(maxsize=65536)
def advance_of(
    font: Path,
    emoji: bool,
    size: int,
    text: str,
    direction: Direction | None,
    lang: str | None,
    chain: FontChain,
) -> float:
    """Advance width of a run (what measure_run gives first, without shaping for the ink)."""
    if emoji:
        return measure_run(font, emoji, size, text, direction, lang, chain)[0]
    return load_font(font, size).getlength(text, direction=direction, language=lang)


def predict_advance(font: Path, emoji: bool, size: int, text: str, lang: str | None,
                    chain: FontChain) -> float:
    """advance_of a run scaled from the run shaped once at REFERENCE_SIZE, to within 1/64 px
    per glyph (emoji, scaled to the caps, are measured)."""
    if emoji:
        return advance_of(font, emoji, size, text, None, lang, chain)
    return _reference_advance(font, text, lang) * size / REFERENCE_SIZE


def predict_run(
    font: Path,
    emoji: bool,
    size: int,
    text: str,
    direction: Direction | None,
    lang: str | None,
    chain: FontChain,
) -> tuple[float, int, int]:
    """measure_run's answer scaled from the run shaped once at REFERENCE_SIZE: the advance to
    within 1/64 px per glyph, the ink (hinted, whole pixels) mostly exact, at times 1 px off
    (emoji are measured, not predicted)."""
    if emoji:
        return measure_run(font, emoji, size, text, direction, lang, chain)
    width, top, bottom = _reference_run(font, text, direction, lang)
    scale = size / REFERENCE_SIZE
    return width * scale, predicted_ink(top, scale), -predicted_ink(-bottom, scale)


def predicted_ink(top: int, scale: float) -> int:
    """An ink top measured at the reference size (whole pixels), scaled: the middle of its
    pixel, scaled, rounded up (bottoms are predicted as the negated top of the negated)."""
    return math.floor((top + 0.5) * scale)


@lru_cache(maxsize=65536)
def _reference_run(font: Path, text: str, direction: Direction | None, lang: str | None
                   ) -> tuple[float, int, int]:
    pil_font = load_font(font, REFERENCE_SIZE)
    width = pil_font.getlength(text, direction=direction, language=lang)
    _, top, _, bottom = pil_font.getbbox(text, anchor="ls", direction=direction, language=lang)
    return width, int(top), int(bottom)


@lru_cache(maxsize=65536)
def _reference_advance(font: Path, text: str, lang: str | None) -> float:
    return load_font(font, REFERENCE_SIZE).getlength(text, language=lang)


@lru_cache(maxsize=1024)
def cap_height(font: Path, size: int) -> int:
    """Height of a capital H above the baseline, or 0.7 em for fonts without Latin."""
    if not covers(font, "H"):
        return round(size * 0.7)
    return -int(load_font(font, size).getbbox("H", anchor="ls")[1])


def draw_span(
    image: Image.Image,
    draw: ImageDraw.ImageDraw,
    block: TextBlock,
    span: Span,
    origin: tuple[float, int],
) -> None:
    """Draw one span with its left end on the baseline at origin."""
    left, baseline = origin
    if span.emoji:
        _paste_emoji(image, span, left, baseline, block)
        return
    fill = block.style.accent if span.emphasis else block.style.color
    draw.text(
        (left, baseline),
        span.text,
        font=load_font(span.font, block.size),
        fill=fill,
        anchor="ls",
        direction=span.direction,
        language=block.lang,
    )


def _emoji_scale(primary: Path, size: int) -> float:
    return cap_height(primary, size) * EMOJI_HEIGHT / _EMOJI_BOX


def _paste_emoji(
    image: Image.Image, span: Span, left: float, baseline: int, block: TextBlock
) -> None:
    chain = block.style.chain
    scale = _emoji_scale(chain.primary, block.size)
    tile = _emoji_tile(span.font, span.text, round(span.width), round(_EMOJI_BOX * scale))
    cap = cap_height(chain.primary, block.size)
    position = (round(left), baseline - round((cap + tile.height) / 2))
    if image.mode == "RGBA":
        image.alpha_composite(tile, position)
    else:
        image.paste(tile, position, tile)


@lru_cache(maxsize=256)
def _emoji_tile(font: Path, text: str, width: int, height: int) -> Image.Image:
    """Colour emoji drawn at the bitmap size, then scaled to the text."""
    emoji_font = load_font(font, EMOJI_SIZE)
    ascent, descent = emoji_font.getmetrics()
    canvas = Image.new("RGBA", (math.ceil(emoji_font.getlength(text)), ascent + descent))
    ImageDraw.Draw(canvas).text(
        (0, ascent), text, font=emoji_font, anchor="ls", embedded_color=True
    )
    return canvas.resize((max(1, width), max(1, height)), Image.Resampling.LANCZOS)
