"""Open a background photo safely (orientation, color profile, size limits) and crop it to cover."""

from __future__ import annotations

import io
import warnings
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

# A 12,000 x 8,000 camera file is 96 MP; anything far past that is a mistake or an attack.
MAX_PHOTO_PIXELS = 120_000_000
# Decode no more than this much larger than the largest canvas, to save memory and time.
DRAFT_SIDE = 4000


class PhotoError(Exception):
    """A photo that cannot be used; the message says why, without the path."""


def load_photo(path: Path) -> Image.Image:
    """The photo upright, in sRGB, as RGB; cached per file version."""
    stat = path.stat()
    return _load(str(path), stat.st_mtime_ns, stat.st_size).copy()


def covered_photo(path: Path, size: tuple[int, int], focus: tuple[float, float]
                  ) -> Image.Image:
    """The photo cover-cropped to size; shared between the languages of a post, read-only."""
    stat = path.stat()
    return _covered(str(path), stat.st_mtime_ns, stat.st_size, size, focus)


@lru_cache(maxsize=8)
def _covered(path: str, mtime_ns: int, size: int, canvas: tuple[int, int],
             focus: tuple[float, float]) -> Image.Image:
    return cover(_load(path, mtime_ns, size), canvas, focus)


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int, size: int) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                _check_size(image)
                image.draft("RGB", (DRAFT_SIDE, DRAFT_SIDE))
                image.load()
                upright = ImageOps.exif_transpose(image)
                return _to_srgb(upright)
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(f"it is larger than {MAX_PHOTO_PIXELS:,} pixels") from None
    except UnidentifiedImageError:
        raise PhotoError("it is not an image Pillow can read (JPEG, PNG, WebP, ...)") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise PhotoError(f"it is damaged or truncated ({exc})") from None


def _check_size(image: Image.Image) -> None:
    width, height = image.size
    if width * height > MAX_PHOTO_PIXELS:
        raise PhotoError(f"it is {width}x{height} pixels, more than {MAX_PHOTO_PIXELS:,}")
    if width < 1 or height < 1:
        raise PhotoError("it has no pixels")


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert an embedded ICC profile to sRGB, so colors match on every screen."""
    profile = image.info.get("icc_profile")
    base = image if image.mode in ("RGB", "CMYK", "L") else _flatten(image)
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            srgb = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(base, source, srgb, outputMode="RGB")
            if converted is not None:
                converted.info.pop("icc_profile", None)  # now plain sRGB; lcms dates it
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: show the pixels as they are rather than fail
    return base.convert("RGB") if base.mode != "RGB" else base


def _flatten(image: Image.Image) -> Image.Image:
    """RGB, with any transparency laid on white (photos are opaque backgrounds)."""
    rgba = image.convert("RGBA")
    base = Image.new("RGB", rgba.size, (255, 255, 255))
    base.paste(rgba, mask=rgba.getchannel("A"))
    return base


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
