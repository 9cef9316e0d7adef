"""The values text fitting works with and returns: style, spans, lines, blocks and its error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from toolkit.colors import RGB
from toolkit.graphics.text.fonts import FontChain
from toolkit.languages import Direction as Direction

Align = Literal["start", "center", "end"]


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
    line_height: float = 1.1  # line height per size at text sizes (up to text_size)
    # Display type is set tighter: from display_size up the line height is display_line_height,
    # and between text_size and display_size it moves from one to the other with the size.
    display_line_height: float | None = None
    text_size: int = 0
    display_size: int = 0
    align: Align = "start"  # start is left for left-to-right text, right for right-to-left
    max_lines: int | None = None
    uppercase: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.min_size <= self.max_size:
            raise ValueError(
                f"need 1 <= min_size <= max_size, got {self.min_size}..{self.max_size}"
            )

    def leading_at(self, size: int) -> float:
        """Line height per size at this size: tighter for display type when the style says so."""
        display = self.display_line_height
        if display is None or size <= self.text_size:
            return self.line_height
        if size >= self.display_size or self.display_size <= self.text_size:
            return display
        share = (size - self.text_size) / (self.display_size - self.text_size)
        return self.line_height + share * (display - self.line_height)


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
