"""Resolve font names to files and pick, for every character, a font that draws it."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import regex
import yaml
from fontTools.ttLib import TTFont
from PIL import ImageFont, features

from toolkit.defaults import defaults_root

EMOJI_SIZE = 109  # Noto Color Emoji holds bitmaps (CBDT) for this one pixel size only
EMOJI_FAMILY = "Noto Color Emoji"
BUNDLED_FALLBACKS = (
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
    "Noto Sans Devanagari",
    "Noto Sans Thai",
    "Noto Sans Armenian",
    "Noto Sans CJK",
    "Noto Sans Symbols 2",
)
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

_GRAPHEME = regex.compile(r"\X")
_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")
_EMOJI_PRESENTATION = regex.compile(r"\p{Emoji_Presentation}")
_PICTOGRAPH = regex.compile(r"\p{Extended_Pictographic}")
_CONTROLS = frozenset({"Cc", "Zl", "Zp"})
_NEUTRAL = regex.compile(r"^[\p{Script=Common}\p{Script=Inherited}]+$")


class MissingGlyphError(Exception):
    """No font of the chain covers a character of the text."""

    def __init__(self, char: str, text: str) -> None:
        self.char = char
        self.codepoint = ord(char)
        self.text = text
        super().__init__(f"no font covers {describe_char(char)}")


class FontNotFoundError(LookupError):
    """A font spec names neither a file beside the brand nor a bundled family."""

    def __init__(self, spec: str, message: str) -> None:
        self.spec = spec
        super().__init__(message)


@dataclass(frozen=True)
class FontChain:
    """Fonts tried in order for each character; colour emoji go to `emoji`."""

    fonts: tuple[Path, ...]
    emoji: Path | None = None

    @property
    def primary(self) -> Path:
        return self.fonts[0]


@dataclass(frozen=True)
class Run:
    """A stretch of text drawn with one font."""

    text: str
    font: Path
    emoji: bool = False


def describe_char(char: str) -> str:
    """Name a character for an error message: 'ⓧ' (U+24E7 CIRCLED LATIN SMALL LETTER X)."""
    code = f"U+{ord(char):04X}"
    category = unicodedata.category(char)
    if category == "Co":
        return f"{code} (a private-use character)"
    if category == "Cn":
        return f"{code} (an unassigned code point)"
    name = unicodedata.name(char, "")
    label = f"{code} {name}" if name else code
    return f"'{char}' ({label})" if char.isprintable() else label


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
    if spec.lower().endswith(FONT_SUFFIXES) or "/" in spec:
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


def font_chain(
    primary: Path, fallbacks: Sequence[Path] = (), *, bold: bool | None = None
) -> FontChain:
    """Chain a brand font, its fallbacks, then the bundled fallbacks in a matching weight."""
    heavy = is_bold(primary) if bold is None else bold
    families = bundled_families()
    bundled = [_weight(families[name], heavy) for name in BUNDLED_FALLBACKS]
    ordered = dict.fromkeys([primary.resolve(), *(f.resolve() for f in fallbacks), *bundled])
    return FontChain(fonts=tuple(ordered), emoji=families[EMOJI_FAMILY]["regular"])


def _weight(styles: dict[str, Path], bold: bool) -> Path:
    return styles.get("bold", styles["regular"]) if bold else styles["regular"]


@cache
def is_bold(path: Path) -> bool:
    """Whether a font's weight class is semibold or heavier."""
    with TTFont(path, lazy=True, fontNumber=0) as font:
        return "OS/2" in font and font["OS/2"].usWeightClass >= 600


@cache
def font_coverage(path: Path) -> frozenset[int]:
    """The code points a font maps to glyphs (face 0 of a collection)."""
    with TTFont(path, lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap() or {})


@lru_cache(maxsize=512)
def load_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """A Pillow font with complex-script shaping (raqm), cached per file and size."""
    _require_raqm()
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)


@cache
def _require_raqm() -> None:
    # Without raqm Pillow silently draws Arabic unjoined and ignores bidi: refuse instead.
    if not features.check_feature("raqm"):
        raise RuntimeError(
            "Pillow cannot shape text (raqm is unavailable); install FriBiDi "
            "(Debian/Ubuntu: apt-get install libfribidi0) and reinstall Pillow"
        )


def covers(path: Path, text: str) -> bool:
    """Whether a font has a glyph for every visible code point of `text`."""
    coverage = font_coverage(path)
    return all(ord(c) in coverage for c in text if not _IGNORABLE.match(c))


def is_emoji(grapheme: str) -> bool:
    """Whether a grapheme cluster asks for colour emoji presentation."""
    if "\ufe0e" in grapheme:
        return False
    if "\ufe0f" in grapheme or "\u20e3" in grapheme:
        return True
    if _EMOJI_PRESENTATION.search(grapheme):
        return True
    return len(grapheme) > 1 and bool(_PICTOGRAPH.match(grapheme))


def graphemes(text: str) -> list[str]:
    """Split text into user-perceived characters (extended grapheme clusters)."""
    return _GRAPHEME.findall(text)


def split_runs(text: str, chain: FontChain) -> list[Run]:
    """Cut text into runs, each drawn with the first font of the chain that covers it."""
    clusters = graphemes(text)
    fonts = assign_fonts(clusters, chain, text)
    runs: list[Run] = []
    for cluster, font in zip(clusters, fonts, strict=True):
        if runs and runs[-1].font == font:
            runs[-1] = Run(runs[-1].text + cluster, font, runs[-1].emoji)
        else:
            runs.append(Run(cluster, font, font == chain.emoji))
    return runs


def assign_fonts(clusters: Sequence[str], chain: FontChain, text: str = "") -> list[Path]:
    """The font of each grapheme; spaces and invisible marks follow their neighbours."""
    picks: list[Path | None] = []
    rtl_font: Path | None = None
    for cluster in clusters:
        pick = None if _is_follower(cluster) else _pick(cluster, chain, rtl_font, text)
        picks.append(pick)
        if pick is not None and not _NEUTRAL.match(cluster):
            rtl_font = pick if _is_rtl(cluster) else None
    return _fill_followers(clusters, picks, chain, text)


def _is_follower(cluster: str) -> bool:
    return cluster.isspace() or _is_invisible(cluster)


def _is_invisible(cluster: str) -> bool:
    """Marks and line breaks that shaping hides: they need no glyph."""
    return all(_IGNORABLE.match(c) or unicodedata.category(c) in _CONTROLS for c in cluster)


def _is_rtl(cluster: str) -> bool:
    return unicodedata.bidirectional(cluster[0]) in ("R", "AL")


def _pick(cluster: str, chain: FontChain, rtl_font: Path | None, text: str) -> Path:
    if chain.emoji is not None and is_emoji(cluster) and covers(chain.emoji, cluster):
        return chain.emoji
    # Digits and punctuation inside right-to-left text keep its font, so the run shapes whole
    # and the bidi algorithm places them.
    if rtl_font is not None and _NEUTRAL.match(cluster) and covers(rtl_font, cluster):
        return rtl_font
    return _first_covering(cluster, chain, text)


def _first_covering(cluster: str, chain: FontChain, text: str) -> Path:
    for font in chain.fonts:
        if covers(font, cluster):
            return font
    if chain.emoji is not None and covers(chain.emoji, cluster):
        return chain.emoji
    raise MissingGlyphError(_missing_char(cluster, chain), text or cluster)


def _missing_char(cluster: str, chain: FontChain) -> str:
    visible = [c for c in cluster if not _IGNORABLE.match(c)] or list(cluster)
    everything = [*chain.fonts, *([chain.emoji] if chain.emoji else [])]
    for char in visible:
        if not any(ord(char) in font_coverage(font) for font in everything):
            return char
    base = next((f for f in everything if ord(visible[0]) in font_coverage(f)), None)
    coverage = font_coverage(base) if base else frozenset()
    return next((c for c in visible if ord(c) not in coverage), visible[0])


def _fill_followers(
    clusters: Sequence[str], picks: list[Path | None], chain: FontChain, text: str
) -> list[Path]:
    filled: list[Path] = []
    for index, (cluster, pick) in enumerate(zip(clusters, picks, strict=True)):
        if pick is None:
            before = filled[-1] if filled else None
            after = next((p for p in picks[index + 1 :] if p is not None), None)
            pick = _neighbour_font(cluster, (before, after), chain, text)
        filled.append(pick)
    return filled


def _neighbour_font(
    cluster: str, neighbours: tuple[Path | None, Path | None], chain: FontChain, text: str
) -> Path:
    invisible = _is_invisible(cluster)
    for font in neighbours:
        if font is not None and font != chain.emoji and (invisible or covers(font, cluster)):
            return font
    if invisible:
        return next((f for f in neighbours if f is not None), chain.primary)
    return _first_covering(cluster, chain, text)
