"""Draw a QR code with crisp whole-pixel modules and its quiet zone."""

from __future__ import annotations

import math

import segno
from PIL import Image

from toolkit.colors import RGB


def qr_image(data: str, side: int, dark: RGB, light: RGB, quiet: int = 4,
             min_side: int = 0) -> tuple[Image.Image, int]:
    """A square QR code of about side px (at least min_side), quiet zone included, and the
    quiet zone's width in px."""
    matrix = segno.make(data, error="m", micro=False).matrix
    modules = len(matrix) + 2 * quiet
    module_px = max(1, side // modules, math.ceil(min_side / modules))
    mask = Image.new("L", (modules, modules), 0)
    mask.putdata([255 if _dark(matrix, x - quiet, y - quiet) else 0
                  for y in range(modules) for x in range(modules)])
    mask = mask.resize((modules * module_px,) * 2, Image.Resampling.NEAREST)
    image = Image.new("RGBA", mask.size, (*light, 255))
    image.paste(Image.new("RGBA", mask.size, (*dark, 255)), mask=mask)
    return image, quiet * module_px


def _dark(matrix: tuple[bytearray, ...], x: int, y: int) -> bool:
    return 0 <= y < len(matrix) and 0 <= x < len(matrix) and bool(matrix[y][x])
