"""Find font files: a brand's font names resolve beside it or to a bundled family.

What a font file covers is read here too, so a brand is checked while loading; drawing with
the fonts is the text engine's job (`toolkit.graphics.text.fonts`).
"""

from __future__ import annotations

import difflib
from functools import cache, lru_cache
from pathlib import Path

import yaml
from fontTools.ttLib import TTFont

from toolkit.defaults import defaults_root

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


class FontNotFoundError(LookupError):
    """A font spec names neither a file beside the brand nor a bundled family."""

    def __init__(self, spec: str, message: str) -> None:
        self.spec = spec
        super().__init__(message)


def bundled_fonts_dir() -> Path:
    """The folder of fonts shipped with the toolkit."""
    return defaults_root() / "assets" / "fonts"


@lru_cache(maxsize=1)
def bundled_families() -> dict[str, dict[str, Path]]:
    """Bundled family name -> style ("regular", "bold", ...) -> font file."""
    folder = bundled_fonts_dir()
    data = yaml.safe_load((folder / "families.yaml").read_text(encoding="utf-8"))
    return {
        family: {style: (folder / file).resolve() for style, file in styles.items()}
        for family, styles in data.items()
    }


def resolve_font(spec: str, base_dir: Path) -> Path:
    """Turn a brand's font spec (a file relative to `base_dir` or "Inter Bold") into a file."""
    candidate = base_dir / spec
    if candidate.is_file():
        return candidate.resolve()
    bundled = _bundled_style(spec)
    if bundled is not None:
        return bundled
    if spec.lower().endswith(FONT_SUFFIXES) or "/" in spec or "\\" in spec:
        raise FontNotFoundError(spec, f"no font file at {candidate}")
    hint = difflib.get_close_matches(spec, _bundled_names(), n=1, cutoff=0.5)
    did_you_mean = f"; did you mean '{hint[0]}'?" if hint else ""
    families = ", ".join(bundled_families())
    raise FontNotFoundError(
        spec,
        f"not a font file nor a bundled family{did_you_mean} (bundled: {families})",
    )


def _bundled_style(spec: str) -> Path | None:
    wanted = " ".join(spec.split()).lower()
    # Longest family first, so "Noto Sans Arabic Bold" is not read as "Noto Sans" + "Arabic Bold".
    for family in sorted(bundled_families(), key=len, reverse=True):
        if wanted == family.lower() or wanted.startswith(family.lower() + " "):
            style = wanted[len(family) :].replace(" ", "").replace("-", "") or "regular"
            return bundled_families()[family].get(style)
    return None


def _bundled_names() -> list[str]:
    return [
        family if style == "regular" else f"{family} {style.title()}"
        for family, styles in bundled_families().items()
        for style in styles
    ]


@cache
def font_coverage(path: Path) -> frozenset[int]:
    """The code points a font maps to glyphs (face 0 of a collection)."""
    with TTFont(path, lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap() or {})
