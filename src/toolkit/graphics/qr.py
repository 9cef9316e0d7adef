"""Draw a QR code with crisp whole-pixel modules and its quiet zone."""

from __future__ import annotations

import segno
from PIL import Image

RGB = tuple[int, int, int]


def qr_image(data: str, side: int, dark: RGB, light: RGB, quiet: int = 4) -> Image.Image:
    """A square QR code no larger than side px, quiet zone included, on the light color."""
    code = segno.make(data, error="m", micro=False)
    matrix = code.matrix
    modules = len(matrix) + 2 * quiet
    module_px = max(1, side // modules)
    small = Image.new("L", (modules, modules), 255)
    pixels = small.load()
    for y, row in enumerate(matrix):
        for x, bit in enumerate(row):
            if bit:
                pixels[x + quiet, y + quiet] = 0
    mask = small.resize((modules * module_px,) * 2, Image.Resampling.NEAREST)
    image = Image.new("RGB", mask.size, light)
    image.paste(Image.new("RGB", mask.size, dark), mask=mask.point(lambda v: 255 - v))
    return image
