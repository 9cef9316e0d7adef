"""Brand assets as designers ship them: SVG (or PNG) logos drawn sharp at each size, and
variable fonts set at the axis values a brand gives each role."""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import tempfile
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from PIL import Image

from toolkit.load.fontfiles import bundled_fonts_dir

SVG_SUFFIXES = (".svg", ".svgz")
WEB_FONT_SUFFIXES = (".woff", ".woff2")
# Axis names a brand may use for the registered OpenType axes.
AXIS_NAMES = {"weight": "wght", "width": "wdth", "slant": "slnt", "italic": "ital",
              "optical_size": "opsz"}
# An SVG logo is checked at this height when the brand is loaded.
CHECK_HEIGHT = 64


class AssetError(Exception):
    """A logo or font the toolkit cannot use, with the reason in words."""


def is_svg(path: Path) -> bool:
    return path.suffix.lower() in SVG_SUFFIXES


# References an SVG may not make: other files (images, stylesheets) outside it, and DTD
# entities. A logo draws from itself alone, so nothing outside the brand folder leaks into an image.
_EXTERNAL = re.compile(r"""(?:href\s*=\s*["']\s*(?!#|data:))|(?:url\(\s*["']?\s*(?!#|data:))"""
                       r"|<!ENTITY|@import", re.IGNORECASE)


def _render_svg(path: Path, height: int) -> Image.Image:
    """Rasterize an SVG at a height in px with resvg; text uses only the bundled fonts, so the
    same file draws the same on every machine."""
    import resvg_py

    raw = path.read_bytes()
    try:
        text = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError):
        raise AssetError("not an SVG the toolkit can read (not UTF-8 text)") from None
    found = _EXTERNAL.search(text)
    if found:
        raise AssetError(f"it refers to other files ({found.group(0).strip()}...); embed "
                         "images as data: URIs or convert them to paths")
    try:
        data = resvg_py.svg_to_bytes(svg_string=text, height=height, skip_system_fonts=True,
                                     font_dirs=[str(bundled_fonts_dir())])
    except (ValueError, OSError) as exc:
        raise AssetError(f"not an SVG the toolkit can draw ({exc})") from None
    with Image.open(io.BytesIO(bytes(data))) as image:
        return image.convert("RGBA")


def check_svg(path: Path) -> None:
    """Raise AssetError when the SVG cannot be drawn or draws nothing."""
    image = _render_svg(path, CHECK_HEIGHT)
    if image.getchannel("A").getbbox() is None:
        raise AssetError("the SVG draws nothing (it is empty or fully transparent)")


@lru_cache(maxsize=64)
def logo_image(path: Path, height: int, max_width: int) -> Image.Image:
    """The logo at height px (narrower if it would pass max_width): an SVG drawn at that size,
    a PNG resampled to it. Read-only."""
    if is_svg(path):
        probe = _render_svg(path, CHECK_HEIGHT)
        ratio = probe.width / probe.height
        drawn = min(height, max(1, int(max_width / ratio)))
        return _render_svg(path, drawn)
    with Image.open(path) as source:
        logo = source.convert("RGBA")
    scale = min(height / logo.height, max_width / logo.width)
    size = (max(1, round(logo.width * scale)), max(1, round(logo.height * scale)))
    return logo.resize(size, Image.Resampling.LANCZOS)


def font_axes(path: Path) -> dict[str, tuple[float, float, float]]:
    """A font's variation axes: tag -> (minimum, default, maximum); empty for a static font."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True, fontNumber=0) as font:
        if "fvar" not in font:
            return {}
        return {axis.axisTag: (axis.minValue, axis.defaultValue, axis.maxValue)
                for axis in font["fvar"].axes}


def check_axes(path: Path, settings: Mapping[str, float]) -> None:
    """Raise AssetError unless every setting names an axis of the font, inside its range."""
    axes = font_axes(path)
    if not axes:
        raise AssetError("it is not a variable font, so it has no axes to set; name the file "
                         "of the weight you want instead")
    for tag, value in settings.items():
        if tag not in axes:
            raise AssetError(f"it has no '{tag}' axis (its axes: {', '.join(sorted(axes))})")
        low, _, high = axes[tag]
        if not low <= value <= high:
            raise AssetError(f"its '{tag}' axis runs from {low:g} to {high:g}, not {value:g}")


def font_instance(path: Path, settings: tuple[tuple[str, float], ...]) -> Path:
    """A static font file cut from a variable font at the settings, made once per content.

    The rest of the engine then treats it like any other font file; its name is a hash of the
    source and the settings, and its bytes do not depend on when it was made.
    """
    if not settings:
        return path
    source = path.read_bytes()
    digest = hashlib.sha256(source + repr(sorted(settings)).encode()).hexdigest()[:24]
    folder = Path(tempfile.gettempdir()) / "campaign-toolkit-fonts"
    target = folder / f"{digest}{path.suffix.lower()}"
    if target.is_file():
        return target
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(io.BytesIO(source), recalcTimestamp=False)
    try:
        static = instancer.instantiateVariableFont(font, dict(settings), updateFontNames=False)
    except Exception as exc:  # fontTools raises many kinds on fonts it cannot cut
        raise AssetError(f"cannot set its axes ({exc})") from None
    folder.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{digest}.tmp")
    static.save(partial)
    partial.replace(target)
    return target
