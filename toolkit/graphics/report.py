"""What rendering returns: the image bytes and where each text went, at which size and contrast."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextBoxReport:
    """Where a text field was drawn, at which size, and its measured contrast."""

    field: str
    box: tuple[int, int, int, int]
    frame: tuple[int, int, int, int]
    size: int
    min_size: int
    contrast: float
    large: bool
    emphasis: str = ""  # how *emphasis* was drawn: color, highlight, underline; "" without


@dataclass(frozen=True)
class RenderedImage:
    output: str
    data: bytes
    width: int
    height: int
    boxes: tuple[TextBoxReport, ...] = ()


@dataclass(frozen=True)
class ShapeReport:
    """A shape that carries structure (a rule, bar, panel, band, quotation mark) as drawn: its
    box, its color, and its contrast with the pixels it sits on."""

    name: str
    box: tuple[int, int, int, int]
    color: tuple[int, int, int]
    contrast: float
    target: float
    fallback: bool = False
