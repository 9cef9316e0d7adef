"""Pick, for every character, a font that draws it, and load fonts at a size."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import regex
from fontTools.ttLib import TTFont
from PIL import ImageFont, features

from toolkit.load.fontfiles import FONT_SUFFIXES as FONT_SUFFIXES
from toolkit.load.fontfiles import FontNotFoundError as FontNotFoundError
from toolkit.load.fontfiles import bundled_families, font_coverage
from toolkit.load.fontfiles import bundled_fonts_dir as bundled_fonts_dir
from toolkit.load.fontfiles import resolve_font as resolve_font

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


def font_chain(
    primary: Path, fallbacks: Sequence[Path] = (), *, bold: bool | None = None
) -> FontChain:
    """Chain a brand font, its fallbacks, then the bundled fallbacks in a matching weight.

    The same chain object for the same fonts: the memos keyed by chains and fonts then
    find their keys by identity rather than comparing paths."""
    return _font_chain(primary, tuple(fallbacks), bold)


@lru_cache(maxsize=64)
def _font_chain(primary: Path, fallbacks: tuple[Path, ...], bold: bool | None) -> FontChain:
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
