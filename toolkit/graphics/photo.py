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
    box = crop_box(photo.size, size, focus)
    return photo.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def crop_box(photo: tuple[int, int], size: tuple[int, int], focus: tuple[float, float]
             ) -> tuple[float, float, float, float]:
    """The part of a photo of that size that covers size, centered on focus where it can be."""
    width, height = size
    scale = max(width / photo[0], height / photo[1])
    # Rounding can make the covering side a hair longer than the photo's: clamp it.
    crop_w, crop_h = min(width / scale, photo[0]), min(height / scale, photo[1])
    left = _place(focus[0] * photo[0], crop_w, photo[0])
    top = _place(focus[1] * photo[1], crop_h, photo[1])
    return (left, top, left + crop_w, top + crop_h)


def _place(center: float, span: float, total: float) -> float:
    return max(0.0, min(center - span / 2, total - span))
