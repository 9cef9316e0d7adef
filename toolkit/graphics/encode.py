"""Encode a finished canvas to PNG or JPEG bytes: sRGB, no varying metadata, within a size cap."""

from __future__ import annotations

import io

from PIL import Image

JPEG_QUALITIES = (94, 92, 90)
PNG_COLORS = 256
# zlib level 1 encodes flat graphics about 3x faster than level 9 for files about 25% larger,
# still far under every platform's cap (bench/README.md has the figures).
PNG_COMPRESS_LEVEL = 1
# zlib's run-length strategy: as fast, and about 8% smaller on flat graphics.
PNG_RLE = 3


class EncodeError(Exception):
    """The image cannot be made small enough for the format."""


def encode(image: Image.Image, file_type: str, dpi: int, max_bytes: int | None) -> bytes:
    """The smallest faithful encoding under max_bytes; identical pixels give identical bytes."""
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    if file_type == "jpeg":
        return _jpeg(rgb, dpi, max_bytes)
    return _png(rgb, dpi, max_bytes)


def _png(image: Image.Image, dpi: int, max_bytes: int | None) -> bytes:
    data = _save(image, "PNG", dpi=(dpi, dpi), compress_level=PNG_COMPRESS_LEVEL,
                 compress_type=PNG_RLE)
    if max_bytes is None or len(data) <= max_bytes:
        return data
    # Flat graphics survive a 256-color palette; dithering off keeps edges clean.
    palette = image.quantize(PNG_COLORS, method=Image.Quantize.MEDIANCUT,
                             dither=Image.Dither.NONE)
    data = _save(palette, "PNG", dpi=(dpi, dpi), optimize=True)
    if len(data) <= max_bytes:
        return data
    raise EncodeError(f"the PNG is {len(data):,} bytes even with {PNG_COLORS} colors, "
                      f"over the format's {max_bytes:,}")


def _jpeg(image: Image.Image, dpi: int, max_bytes: int | None) -> bytes:
    data = b""
    for quality in JPEG_QUALITIES:
        data = _save(image, "JPEG", quality=quality, subsampling=0, optimize=True,
                     dpi=(dpi, dpi))
        if max_bytes is None or len(data) <= max_bytes:
            return data
    raise EncodeError(f"the JPEG is {len(data):,} bytes at quality {JPEG_QUALITIES[-1]}, "
                      f"over the format's {max_bytes:,}")


def _save(image: Image.Image, kind: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()
