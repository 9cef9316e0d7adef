"""Crop a background photo to cover the canvas around its focal point, memoized per post."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image

from toolkit.load.images import PhotoError as PhotoError
from toolkit.load.images import decoded_photo
from toolkit.load.images import load_photo as load_photo


def covered_photo(path: Path, size: tuple[int, int], focus: tuple[float, float]
                  ) -> Image.Image:
    """The photo cover-cropped to size; shared between the languages of a post, read-only."""
    stat = path.stat()
    return _covered(str(path), stat.st_mtime_ns, stat.st_size, size, focus)


@lru_cache(maxsize=8)
def _covered(path: str, mtime_ns: int, size: int, canvas: tuple[int, int],
             focus: tuple[float, float]) -> Image.Image:
    return cover(decoded_photo(path, mtime_ns, size), canvas, focus)


def cover(photo: Image.Image, size: tuple[int, int], focus: tuple[float, float]
          ) -> Image.Image:
    """Scale the photo to fill size and crop it, keeping the focal point as central as it can."""
    width, height = size
    scale = max(width / photo.width, height / photo.height)
    # Rounding can make the covering side a hair longer than the photo's: clamp it.
    crop_w, crop_h = min(width / scale, photo.width), min(height / scale, photo.height)
    left = _place(focus[0] * photo.width, crop_w, photo.width)
    top = _place(focus[1] * photo.height, crop_h, photo.height)
    box = (left, top, left + crop_w, top + crop_h)
    return photo.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def _place(center: float, span: float, total: float) -> float:
    return max(0.0, min(center - span / 2, total - span))
