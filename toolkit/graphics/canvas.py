"""Canvas geometry: the live area inside safe zones and margins, boxes in px, RTL mirroring."""

from __future__ import annotations

import math
from dataclasses import dataclass

from toolkit.load.formats import Format
from toolkit.load.layerspec import Box, Layer

PixelRect = tuple[int, int, int, int]  # left, top, right, bottom in px

# Nothing that must be read is smaller than this share of the width (28 px at 1080).
READABLE_SHARE = 0.026


@dataclass(frozen=True)
class Canvas:
    """A format's pixel grid and the live area every text and logo stays inside."""

    width: int
    height: int
    live: PixelRect
    rtl: bool

    @classmethod
    def of(cls, fmt: Format, margin: float, rtl: bool) -> Canvas:
        inset = math.ceil(margin * min(fmt.width, fmt.height))
        top, right, bottom, left = (max(side, inset) for side in fmt.safe)
        return cls(fmt.width, fmt.height, (left, top, fmt.width - right, fmt.height - bottom),
                   rtl)

    @property
    def short(self) -> int:
        return min(self.width, self.height)

    @property
    def safe_floor(self) -> int:
        """The smallest readable text size in px."""
        return math.ceil(READABLE_SHARE * self.width)

    def px(self, fraction: float) -> int:
        """A fraction of the short side in px."""
        return round(fraction * self.short)

    def rect(self, layer: Layer) -> PixelRect:
        """The layer's box in px, mirrored for right-to-left text when the layer allows it."""
        return self.place(layer.box, layer.area, layer.mirror)

    def place(self, box: Box, area: str, mirror: bool = True) -> PixelRect:
        left, top, right, bottom = self.area(area)
        x, y, w, h = box
        if self.rtl and mirror:
            x = 1 - x - w
        span_x, span_y = right - left, bottom - top
        return (left + round(x * span_x), top + round(y * span_y),
                left + round((x + w) * span_x), top + round((y + h) * span_y))

    def area(self, name: str) -> PixelRect:
        """live, canvas, or band: the full-width strip under the live area."""
        if name == "live":
            return self.live
        if name == "band":
            return (0, self.live[3], self.width, self.height)
        return (0, 0, self.width, self.height)

    def side(self, align: str) -> str:
        """start/end/left/right/center as left, center or right on this canvas."""
        if align in ("left", "right", "center"):
            return align
        start = "right" if self.rtl else "left"
        if align == "start":
            return start
        return "left" if start == "right" else "right"


def aligned(rect: PixelRect, size: tuple[int, int], side: str, valign: str) -> tuple[int, int]:
    """Top-left corner of something of size placed in rect by side and valign."""
    left, top, right, bottom = rect
    free_x, free_y = right - left - size[0], bottom - top - size[1]
    x = left + {"left": 0, "center": free_x // 2, "right": free_x}[side]
    y = top + {"top": 0, "center": free_y // 2, "bottom": free_y}[valign]
    return x, y
