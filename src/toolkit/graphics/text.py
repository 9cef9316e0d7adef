"""Fit text into a box (wrap, balance, shrink) and draw it with per-character font fallback.

The steps read top to bottom: `*emphasis*` is parsed, the text is cut into graphemes that each
know their font (fonts.assign_fonts), graphemes are grouped into unbreakable words (spaces, CJK
characters and number-unit rules decide where a line may break), `fit_text` tries sizes from
the largest down, wrapping greedily and then balancing the lines, and `draw_text` renders the
resulting TextBlock through Pillow's raqm layout (shaping and bidi within each span).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Literal

import regex
from PIL import Image, ImageDraw

from toolkit.graphics.fonts import (
    EMOJI_SIZE,
    FontChain,
    assign_fonts,
    covers,
    graphemes,
    load_font,
)

Align = Literal["start", "center", "end"]
Direction = Literal["ltr", "rtl"]
RGB = tuple[int, int, int]

SIZE_STEP = 0.03  # shrink by ~3% per try: fine enough that the chosen size fills the box
FLAW_SHRINK = 0.1  # give up to 10% of the size to avoid a lone last word or a split name
ORPHAN_PENALTY = 10.0  # in box widths squared: worse than any uneven split
NAME_SPLIT_PENALTY = 0.3  # in box widths squared: a mild dislike
LINE_GAP = 0.04  # least space between one line's ink and the next, in em
EMOJI_HEIGHT = 1.25  # emoji box height per cap height; its ink is then ~1.15x the caps
_EMOJI_BOX = 128  # height of Noto Color Emoji's bitmaps at EMOJI_SIZE (ascent 101 + descent 27)
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"}
)

_LINE_BREAKS = regex.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")
_NO_BREAK_SPACES = frozenset({"\u00a0", "\u202f", "\u2007", "\u2060", "\ufeff"})
_ZERO_WIDTH_BREAK = "\u200b"
# Scripts written without spaces whose lines may break between any two characters. Thai, Lao,
# Khmer and Burmese also go without spaces but need a dictionary to find words: they break at
# spaces and U+200B only, and between letters only as a last resort.
_CHARACTER_SCRIPTS = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Bopomofo}\u3000-\u303f\uff00-\uffef]"
)
_HYPHENATED_SCRIPTS = regex.compile(r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{Armenian}]")
_NO_BREAK_BEFORE = frozenset(
    ")]}）］｝〕〉》」』】〙〗〟’”｠»›、。，．：；？！‼⁇⁈⁉・…‥ー〜～゠–—"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻ゝゞヽヾ"
    "｡｣､･ｰｧｨｩｪｫｬｭｮｯ,.!?:;%"
)
_NO_BREAK_AFTER = frozenset("([{（［｛〔〈《「『【〘〖〝‘“｟«‹$£¥€₩＄￥￡#＃")
_UNITS = frozenset(
    "% am pm a.m. p.m. k m b bn mn km cm mm kg g lb lbs mi ft h hr hrs min s ° °c °f "
    "mil million millions millón millones billion billions thousand trillion percent "
    "usd eur € $".split()
)
_CURRENCY_PREFIXES = frozenset("$ € £ ¥ ₩ us$ ca$ a$ no. nº № # §".split())
_ATTACHED_PUNCTUATION = frozenset("!?:;»›%)]}…—–")
_OPENING_PUNCTUATION = frozenset("«‹¿¡([{")


class TextFitError(Exception):
    """Text does not fit its box even at the minimum size."""

    def __init__(self, text: str, min_size: int, width: int, height: int) -> None:
        self.text = text
        self.min_size = min_size
        self.width = width
        self.height = height
        super().__init__(f"text does not fit a {width}x{height} box even at {min_size} px")


@dataclass(frozen=True)
class TextStyle:
    """How a text box is set: its fonts, size range, leading, alignment and colours."""

    chain: FontChain
    max_size: int
    min_size: int
    color: RGB
    accent: RGB
    line_height: float = 1.1
    align: Align = "start"  # start is left for left-to-right text, right for right-to-left
    max_lines: int | None = None
    uppercase: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.min_size <= self.max_size:
            raise ValueError(
                f"need 1 <= min_size <= max_size, got {self.min_size}..{self.max_size}"
            )


@dataclass(frozen=True)
class Span:
    """A piece of a line drawn in one call: one font, one colour, one direction."""

    text: str
    font: Path
    emphasis: bool
    emoji: bool
    direction: Direction
    x: float  # from the line's left edge, in visual order
    width: float


@dataclass(frozen=True)
class Line:
    """One line of a TextBlock; `x` and `baseline` are relative to the box's top left."""

    text: str  # logical order, emphasis marks removed
    spans: tuple[Span, ...]  # visual order, left to right
    x: int
    baseline: int
    width: int


@dataclass(frozen=True)
class TextBlock:
    """Text laid out for a box: the size chosen, its lines and their measured extent."""

    text: str
    style: TextStyle
    size: int
    lines: tuple[Line, ...]
    width: int  # the widest line's advance
    height: int  # box top to the last baseline plus the deepest descender of any line
    box_width: int
    box_height: int
    direction: Direction
    lang: str | None
    fits: bool  # False when a word too long for the box had to be broken between letters


@dataclass(frozen=True)
class _Glyph:
    """A grapheme cluster with the font that draws it and its emphasis."""

    text: str
    font: Path
    emoji: bool
    emphasis: bool


@dataclass(frozen=True)
class _Word:
    """Glyphs no line may break inside, with what follows them."""

    glyphs: tuple[_Glyph, ...]
    space: _Glyph | None = None  # a breaking space, dropped when the line ends here
    hard_break: bool = False  # a forced line break follows

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)


def fit_text(
    text: str, width: int, height: int, style: TextStyle, lang: str | None = None
) -> TextBlock:
    """Lay out text at the largest size that fits the box, with balanced lines.

    Raises TextFitError when it does not fit even at `style.min_size`, and
    fonts.MissingGlyphError when no font of the chain covers one of its characters.
    """
    glyphs = _prepare(text, style)
    plain = "".join(g.text for g in glyphs)
    direction = paragraph_direction(plain, lang)
    words = _glue_numbers(_words(glyphs))
    layout = _Layout(style, width, height, direction, lang, plain)
    if not words:
        return layout.empty()
    block = _largest_fit(words, layout, style)
    if block is not None:
        return block
    broken = _break_long_words(words, layout, style.min_size)
    fitted = layout.fit(broken, style.min_size, balance=False) if broken else None
    if fitted is None:
        raise TextFitError(plain, style.min_size, width, height)
    return replace(fitted[0], fits=False)


def _largest_fit(words: list[_Word], layout: _Layout, style: TextStyle) -> TextBlock | None:
    """The largest size that fits, a little smaller if that avoids a lone word or split name."""
    flawed: TextBlock | None = None
    for size in _sizes(style):
        if flawed is not None and size < flawed.size * (1 - FLAW_SHRINK):
            break
        fitted = layout.fit(words, size, balance=True)
        if fitted is not None and not fitted[1]:
            return fitted[0]
        flawed = flawed or (fitted[0] if fitted else None)
    return flawed


def draw_text(image: Image.Image, block: TextBlock, x: int, y: int) -> None:
    """Draw a fitted block with its box's top-left corner at (x, y)."""
    draw = ImageDraw.Draw(image)
    for line in block.lines:
        baseline = y + line.baseline
        for span in line.spans:
            left = x + line.x + span.x
            if span.emoji:
                _paste_emoji(image, span, left, baseline, block)
                continue
            fill = block.style.accent if span.emphasis else block.style.color
            font = load_font(span.font, block.size)
            draw.text(
                (left, baseline),
                span.text,
                font=font,
                fill=fill,
                anchor="ls",
                direction=span.direction,
                language=block.lang,
            )


def paragraph_direction(text: str, lang: str | None = None) -> Direction:
    """The direction of the first strong character; RTL for an RTL language's own script.

    An Arabic sentence that opens with a Latin name is still right-to-left when `lang` says
    Arabic; English text shown for an Arabic post (untranslated) stays left-to-right.
    """
    kinds = [unicodedata.bidirectional(char) for char in text]
    rtl_language = (
        lang is not None and lang.replace("_", "-").split("-")[0].lower() in RTL_LANGUAGES
    )
    if rtl_language and ("R" in kinds or "AL" in kinds):
        return "rtl"
    first = next((kind for kind in kinds if kind in ("L", "R", "AL")), "L")
    return "ltr" if first == "L" else "rtl"


def parse_emphasis(text: str) -> list[tuple[str, bool]]:
    """Split `*marked*` text into (text, emphasised) pieces; `\\*` is a literal asterisk."""
    pieces = regex.split(r"(\\\*|\*)", text)
    stars = [i for i, piece in enumerate(pieces) if piece == "*"]
    paired = set(stars[: len(stars) - len(stars) % 2])
    result: list[tuple[str, bool]] = []
    emphasis = False
    for index, piece in enumerate(pieces):
        if index in paired:
            emphasis = not emphasis
        elif piece:
            result.append(("*" if piece == "\\*" else piece, emphasis))
    return result


# -- preparing glyphs and words ---------------------------------------------------------------


def _prepare(text: str, style: TextStyle) -> list[_Glyph]:
    normal = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", text)).replace("\t", " ")
    pieces = parse_emphasis(normal)
    if style.uppercase:
        pieces = [(piece.upper(), emphasis) for piece, emphasis in pieces]
    clusters: list[str] = []
    flags: list[bool] = []
    for piece, emphasis in pieces:
        found = graphemes(piece)
        clusters += found
        flags += [emphasis] * len(found)
    fonts = assign_fonts(clusters, style.chain, "".join(clusters))
    return [
        _Glyph(cluster, font, font == style.chain.emoji, emphasis)
        for cluster, font, emphasis in zip(clusters, fonts, flags, strict=True)
    ]


def _words(glyphs: Sequence[_Glyph]) -> list[_Word]:
    """Group glyphs into unbreakable words at spaces, forced breaks and CJK characters."""
    words: list[_Word] = []
    current: list[_Glyph] = []
    for glyph in glyphs:
        if glyph.text == "\n":
            _close(words, current, hard_break=True)
        elif _is_breaking_space(glyph.text):
            _close(words, current, space=glyph)
        elif glyph.text == _ZERO_WIDTH_BREAK:
            _close(words, current)
        else:
            if current and _breaks_between(current[-1].text, glyph.text):
                _close(words, current)
            current.append(glyph)
    _close(words, current)
    return words


def _close(
    words: list[_Word], current: list[_Glyph], space: _Glyph | None = None, hard_break: bool = False
) -> None:
    if current:
        words.append(_Word(tuple(current), space, hard_break))
        current.clear()
    elif hard_break and words:
        words[-1] = replace(words[-1], space=None, hard_break=True)


def _is_breaking_space(cluster: str) -> bool:
    return cluster.isspace() and cluster not in _NO_BREAK_SPACES


def _breaks_between(before: str, after: str) -> bool:
    """Whether a line may break between two touching graphemes (Chinese, Japanese: mostly)."""
    if not (_CHARACTER_SCRIPTS.match(before) or _CHARACTER_SCRIPTS.match(after)):
        return False
    if after[0] in _NO_BREAK_BEFORE or before[0] in _NO_BREAK_AFTER:
        return False
    return not before[0].isdigit()  # keep "2024年", "5月" whole


def _glue_numbers(words: list[_Word]) -> list[_Word]:
    """Join words a break must not separate: "10:00 AM", "$ 3", "3 million", "Oui !"."""
    glued: list[_Word] = []
    for word in words:
        previous = glued[-1] if glued else None
        if previous and previous.space and _keep_together(previous.text, word.text):
            glued[-1] = _Word(
                (*previous.glyphs, previous.space, *word.glyphs), word.space, word.hard_break
            )
        else:
            glued.append(word)
    return glued


def _keep_together(before: str, after: str) -> bool:
    unit = after.rstrip(".,;:!?").lower()
    if before[-1].isdigit() and (unit in _UNITS or after.startswith("%")):
        return True
    if before.lower() in _CURRENCY_PREFIXES and after[0].isdigit():
        return True
    if before[0].isupper() and unit.isdigit() and len(unit) <= 4:
        return True  # "May 1", "District 13", "Prop 47"
    return set(after) <= _ATTACHED_PUNCTUATION or set(before) <= _OPENING_PUNCTUATION


def _sizes(style: TextStyle) -> Iterator[int]:
    size = style.max_size
    while size > style.min_size:
        yield size
        size -= max(1, round(size * SIZE_STEP))
    yield style.min_size


def _break_long_words(words: list[_Word], layout: _Layout, size: int) -> list[_Word] | None:
    """Cut words wider than the box between graphemes; None if one grapheme is too wide."""
    result: list[_Word] = []
    for word in words:
        if layout.width_of(word.glyphs, size) <= layout.box_width:
            result.append(word)
            continue
        chunks = _chunks(word, layout, size)
        if chunks is None:
            return None
        result += chunks
    return result


def _chunks(word: _Word, layout: _Layout, size: int) -> list[_Word] | None:
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
    chunks = [_Word(tuple(piece), hard_break=True) for piece in pieces]
    chunks[-1] = replace(chunks[-1], space=word.space, hard_break=word.hard_break)
    return chunks


def _cut(
    glyphs: Sequence[_Glyph], layout: _Layout, size: int, limit: float
) -> list[list[_Glyph]] | None:
    """Greedy pieces no wider than limit, hyphenated between letters; None if one can't fit."""
    pieces: list[list[_Glyph]] = []
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


def _longest_prefix(glyphs: list[_Glyph], layout: _Layout, size: int, limit: float) -> int:
    for count in range(len(glyphs), 0, -1):
        head = glyphs[:count]
        if count < len(glyphs) and _hyphenates(head[-1], glyphs[count]):
            head = [*head, _hyphen(head[-1], layout.style.chain)]
        if layout.width_of(head, size) <= limit:
            return count
    return 0


def _hyphenates(before: _Glyph, after: _Glyph) -> bool:
    return bool(_HYPHENATED_SCRIPTS.match(before.text) and _HYPHENATED_SCRIPTS.match(after.text))


def _hyphen(glyph: _Glyph, chain: FontChain) -> _Glyph:
    font = glyph.font if covers(glyph.font, "-") else chain.primary
    return _Glyph("-", font, False, glyph.emphasis)


# -- measuring and laying out ------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """Measures words and lines for one box and turns chosen lines into a TextBlock."""

    style: TextStyle
    box_width: int
    box_height: int
    direction: Direction
    lang: str | None
    text: str

    def empty(self) -> TextBlock:
        return self._block(self.style.max_size, (), 0)

    def width_of(self, glyphs: Sequence[_Glyph], size: int) -> float:
        """Advance of glyphs shaped per font run (spaces and kerning between runs ignored)."""
        total = 0.0
        for (font, emoji), group in groupby(glyphs, key=lambda g: (g.font, g.emoji)):
            text = "".join(g.text for g in group)
            total += _measure(font, emoji, size, text, None, self.lang, self.style.chain)[0]
        return total

    def fit(
        self, words: Sequence[_Word], size: int, balance: bool
    ) -> tuple[TextBlock, bool] | None:
        """The block at this size and whether its breaks are flawed, or None if it won't fit."""
        metrics = self._metrics(words, size)
        lines = _greedy(metrics, self.box_width)
        if lines is None or not self._may_fit(len(lines), size):
            return None
        block = self._build(words, lines, size)
        if block is None:
            return None
        if balance and len(lines) > 1:
            even = _balance(metrics, len(lines), self.box_width)
            better = self._build(words, even, size) if even and even != lines else None
            if better is not None:
                block, lines = better, even
        return block, _is_flawed(lines, metrics)

    def _metrics(self, words: Sequence[_Word], size: int) -> _Metrics:
        names = not self.style.uppercase
        return _Metrics(
            widths=tuple(self.width_of(w.glyphs, size) for w in words),
            spaces=tuple(self.width_of((w.space,), size) if w.space else 0.0 for w in words),
            hard=tuple(w.hard_break for w in words),
            splits_name=tuple(
                names and _is_name_pair(a.text, b.text)
                for a, b in zip(words, words[1:], strict=False)
            )
            + (False,),
        )

    def _may_fit(self, count: int, size: int) -> bool:
        if self.style.max_lines is not None and count > self.style.max_lines:
            return False
        cap = _cap_height(self.style.chain.primary, size)
        return cap + (count - 1) * self._pitch(size) <= self.box_height

    def _pitch(self, size: int) -> int:
        return round(size * self.style.line_height)

    def _build(self, words: Sequence[_Word], lines: list[range], size: int) -> TextBlock | None:
        inked = [self._line(_line_glyphs(words, indices), size) for indices in lines]
        if any(item.line.width > self.box_width for item in inked):
            return None
        top = max(_cap_height(self.style.chain.primary, size), -inked[0].top)
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

    def _line(self, glyphs: Sequence[_Glyph], size: int) -> _InkedLine:
        """A line, not yet placed, with its spans measured in visual order."""
        spans: list[Span] = []
        x, top, bottom = 0.0, 0, 0
        for piece in _visual_order(_pieces(glyphs, self.direction), self.direction):
            width, ink_top, ink_bottom = _measure(
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
        return _InkedLine(Line(text, tuple(spans), 0, 0, math.ceil(x)), top, bottom)

    def _align(self, width: int) -> int:
        free = self.box_width - width
        if self.style.align == "center":
            return free // 2
        flush_left = (self.style.align == "start") == (self.direction == "ltr")
        return 0 if flush_left else free


@dataclass(frozen=True)
class _InkedLine:
    """A line with the reach of its ink above and below the baseline (top is negative)."""

    line: Line
    top: int
    bottom: int


def _line_glyphs(words: Sequence[_Word], indices: range) -> list[_Glyph]:
    glyphs: list[_Glyph] = []
    for index in indices:
        word = words[index]
        glyphs += word.glyphs
        if index != indices[-1] and word.space:
            glyphs.append(word.space)
    return glyphs


@dataclass(frozen=True)
class _Metrics:
    """Per-word measures at one size: what line breaking works from."""

    widths: tuple[float, ...]
    spaces: tuple[float, ...]  # the breaking space after each word, 0 if none
    hard: tuple[bool, ...]  # a forced break after each word
    splits_name: tuple[bool, ...]  # a break after this word would split a name

    def width(self, line: range) -> float:
        return sum(self.widths[i] for i in line) + sum(self.spaces[i] for i in line[:-1])


def _greedy(metrics: _Metrics, limit: float) -> list[range] | None:
    """Fill each line with as many words as fit; None if one word alone is too wide."""
    lines: list[range] = []
    start, current = 0, 0.0
    for index, width in enumerate(metrics.widths):
        if width > limit:
            return None
        extended = current + metrics.spaces[index - 1] + width if index > start else width
        if index > start and extended > limit:
            lines.append(range(start, index))
            start, extended = index, width
        current = extended
        if metrics.hard[index]:
            lines.append(range(start, index + 1))
            start = index + 1
    if start < len(metrics.widths):
        lines.append(range(start, len(metrics.widths)))
    return lines


def _balance(metrics: _Metrics, count: int, limit: float) -> list[range] | None:
    """Break into `count` lines of the most even widths, with no lone word on the last line.

    Dynamic programming over break points: a line costs its width squared, so for a fixed
    total the sum is smallest when lines are equally long; a lone last word or a split name
    ("Los / Angeles") adds a penalty.
    """
    total = len(metrics.widths)
    cost = [[math.inf] * (total + 1) for _ in range(count + 1)]
    start = [[0] * (total + 1) for _ in range(count + 1)]
    cost[0][0] = 0.0
    for end in range(1, total + 1):
        for first in range(end - 1, -1, -1):
            if first < end - 1 and metrics.hard[first]:
                break
            line = range(first, end)
            width = metrics.width(line)
            if width > limit:
                break
            line_cost = width * width + _penalty(metrics, line, total) * limit * limit
            for lines in range(1, count + 1):
                candidate = cost[lines - 1][first] + line_cost
                if candidate < cost[lines][end]:
                    cost[lines][end], start[lines][end] = candidate, first
    if math.isinf(cost[count][total]):
        return None
    breaks, end = [], total
    for lines in range(count, 0, -1):
        breaks.append(range(start[lines][end], end))
        end = start[lines][end]
    return breaks[::-1]


def _penalty(metrics: _Metrics, line: range, total: int) -> float:
    if line.stop == total:
        return ORPHAN_PENALTY if _is_orphan([line], metrics.hard) else 0.0
    return NAME_SPLIT_PENALTY if metrics.splits_name[line.stop - 1] else 0.0


def _is_orphan(lines: list[range], hard: Sequence[bool]) -> bool:
    """A lone word on the last line that a forced break did not ask for."""
    if len(hard) < 3 or len(lines[-1]) != 1:
        return False
    before = lines[-1].start - 1
    return before >= 0 and not hard[before]


def _is_flawed(lines: list[range], metrics: _Metrics) -> bool:
    """A lone last word, or a break inside a name."""
    return _is_orphan(lines, metrics.hard) or any(
        metrics.splits_name[line.stop - 1] for line in lines[:-1]
    )


def _is_name_pair(before: str, after: str) -> bool:
    """Two capitalised words in a row ("Los Angeles", "City Hall") read as one name."""
    return before[:1].isupper() and after[:1].isupper() and after[:1].isalpha()


# -- bidi: pieces of a line in visual order ----------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    """Text of a line drawn in one call, before it gets its x position."""

    text: str
    font: Path
    emphasis: bool
    emoji: bool
    direction: Direction


def _pieces(glyphs: Sequence[_Glyph], direction: Direction) -> list[_Piece]:
    """Cut a line where font or emphasis change; a one-piece line is left to raqm's bidi."""
    runs = [
        (list(group), key)
        for key, group in groupby(glyphs, key=lambda g: (g.font, g.emphasis, g.emoji))
    ]
    if len(runs) == 1:
        font, emphasis, emoji = runs[0][1]
        return [_Piece("".join(g.text for g in glyphs), font, emphasis, emoji, direction)]
    # Several fonts: split at spaces too, so each space can sit on the side bidi puts it.
    parts: list[tuple[str, Path, bool, bool]] = []
    for group, (font, emphasis, emoji) in runs:
        for _, chunk in groupby(group, key=lambda g: g.text.isspace()):
            parts.append(("".join(g.text for g in chunk), font, emphasis, emoji))
    strong = [_strong_direction(text) for text, *_ in parts]
    return [_Piece(*part, _resolve(strong, index, direction)) for index, part in enumerate(parts)]


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
    if strong[index] is not None:
        return strong[index]
    before = next((d for d in reversed(strong[:index]) if d is not None), None)
    after = next((d for d in strong[index + 1 :] if d is not None), None)
    return before if before is not None and before == after else paragraph


def _visual_order(pieces: list[_Piece], paragraph: Direction) -> list[_Piece]:
    """Reorder pieces left to right: runs against the paragraph direction are reversed."""
    runs = [list(group) for _, group in groupby(pieces, key=lambda p: p.direction)]
    if paragraph == "rtl":
        runs.reverse()
    ordered: list[_Piece] = []
    for run in runs:
        ordered += run if run[0].direction == "ltr" else reversed(run)
    return ordered


# -- measuring and drawing glyph runs ----------------------------------------------------------


@lru_cache(maxsize=65536)
def _measure(
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
        top = -round((_cap_height(chain.primary, size) + _EMOJI_BOX * scale) / 2)
        return advance, top, top + round(_EMOJI_BOX * scale)
    pil_font = load_font(font, size)
    advance = pil_font.getlength(text, direction=direction, language=lang)
    _, top, _, bottom = pil_font.getbbox(text, anchor="ls", direction=direction, language=lang)
    return advance, int(top), int(bottom)


@lru_cache(maxsize=1024)
def _cap_height(font: Path, size: int) -> int:
    if not covers(font, "H"):
        return round(size * 0.7)
    return -int(load_font(font, size).getbbox("H", anchor="ls")[1])


def _emoji_scale(primary: Path, size: int) -> float:
    return _cap_height(primary, size) * EMOJI_HEIGHT / _EMOJI_BOX


def _paste_emoji(
    image: Image.Image, span: Span, left: float, baseline: int, block: TextBlock
) -> None:
    chain = block.style.chain
    scale = _emoji_scale(chain.primary, block.size)
    tile = _emoji_tile(span.font, span.text, round(span.width), round(_EMOJI_BOX * scale))
    cap = _cap_height(chain.primary, block.size)
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
