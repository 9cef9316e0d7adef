"""Open images safely (size limits, orientation, color profile) and check each one a campaign
or brand names while validating.

A damaged photo or a decompression bomb is reported once, at the YAML line that names it,
instead of once per format and language when the graphics are drawn.
"""

from __future__ import annotations

import io
import warnings
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from toolkit.load.fields import Context
from toolkit.load.yamlsource import KeyPath

# A 12,000 x 8,000 camera file is 96 MP; anything far past that is a mistake or an attack.
MAX_PHOTO_PIXELS = 120_000_000
# Decode no more than this much larger than the largest canvas, to save memory and time.
DRAFT_SIDE = 4000


class PhotoError(Exception):
    """A photo that cannot be used; the message says why, without the path."""


def load_photo(path: Path) -> Image.Image:
    """The photo upright, in sRGB, as RGB; cached per file version."""
    stat = path.stat()
    return decoded_photo(str(path), stat.st_mtime_ns, stat.st_size).copy()


def check_image(path: Path | None, key_path: KeyPath, ctx: Context, kind: str = "image") -> bool:
    """Whether the image at path (already resolved inside the workspace) decodes safely."""
    if path is None:
        return True
    try:
        load_photo(path)
    except PhotoError as exc:
        ctx.error(key_path, f"{kind} '{_named(path, ctx.base_dir)}' cannot be used: {exc}")
        return False
    except OSError as exc:
        ctx.error(key_path, f"{kind} '{path.name}' cannot be read: {exc.strerror}")
        return False
    return True


def _named(path: Path, base_dir: Path) -> str:
    try:
        return path.relative_to(base_dir.resolve()).as_posix()
    except ValueError:
        return path.name


@lru_cache(maxsize=4)
def decoded_photo(path: str, mtime_ns: int, size: int) -> Image.Image:
    """The decoded photo, shared read-only; keyed by file version so an edit reads again."""
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
