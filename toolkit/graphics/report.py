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
    lines: tuple[str, ...] = ()  # each line's text, as set
    baselines: tuple[int, ...] = ()  # each line's baseline, px from the box's top


@dataclass(frozen=True)
class RenderedImage:
    output: str
    data: bytes
    width: int
    height: int
    boxes: tuple[TextBoxReport, ...] = ()
