"""Bundled fonts, font resolution and per-character fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTCollection, TTFont

from toolkit.defaults import defaults_root
from toolkit.graphics.text.fonts import (
    BUNDLED_FALLBACKS,
    EMOJI_SIZE,
    FontChain,
    FontNotFoundError,
    MissingGlyphError,
    bundled_families,
    bundled_fonts_dir,
    describe_char,
    font_chain,
    font_coverage,
    is_bold,
    is_emoji,
    load_font,
    resolve_font,
    split_runs,
)

FONTS = bundled_fonts_dir()


@pytest.fixture(scope="module")
def chain() -> FontChain:
    return font_chain(resolve_font("Inter Bold", Path(".")))


def family_file(family: str, style: str = "regular") -> Path:
    return bundled_families()[family][style]


# -- the bundle ---------------------------------------------------------------------------------


def test_defaults_root_holds_assets_and_templates() -> None:
    root = defaults_root()
    assert (root / "assets" / "fonts" / "families.yaml").is_file()
    assert (root / "templates").is_dir()
    assert FONTS == root / "assets" / "fonts"


def test_every_family_file_exists_and_opens() -> None:
    raw = yaml.safe_load((FONTS / "families.yaml").read_text(encoding="utf-8"))
    assert set(raw) == set(bundled_families())
    for styles in bundled_families().values():
        assert "regular" in styles
        for path in styles.values():
            assert path.is_file(), path
            size = EMOJI_SIZE if "Emoji" in path.name else 40
            assert load_font(path, size).getname()[0]


def test_every_font_folder_has_its_licence_and_the_readme_lists_it() -> None:
    readme = (FONTS / "README.md").read_text(encoding="utf-8")
    fonts = [p for p in FONTS.rglob("*") if p.suffix in (".ttf", ".otf", ".ttc")]
    assert fonts
    for font in fonts:
        licence = font.parent / "OFL.txt"
        assert licence.is_file(), font
        text = licence.read_text(encoding="utf-8")
        assert "SIL OPEN FONT LICENSE Version 1.1" in text and "Copyright" in text.splitlines()[0]
        assert font.parent.name in readme


def test_bundle_stays_small() -> None:
    total = sum(p.stat().st_size for p in FONTS.rglob("*") if p.is_file())
    assert total < 40 * 1024 * 1024


def test_weights_are_read_from_the_font() -> None:
    assert is_bold(family_file("Inter", "bold"))
    assert is_bold(family_file("Inter", "black"))
    assert not is_bold(family_file("Inter"))


# -- resolve_font -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "family", "style"),
    [
        ("Inter", "Inter", "regular"),
        ("Inter Bold", "Inter", "bold"),
        ("inter  bold", "Inter", "bold"),
        ("Inter ExtraBold", "Inter", "extrabold"),
        ("Inter Extra Bold", "Inter", "extrabold"),
        ("Noto Sans", "Noto Sans", "regular"),
        ("Noto Sans Arabic Bold", "Noto Sans Arabic", "bold"),
        ("Noto Sans CJK", "Noto Sans CJK", "regular"),
    ],
)
def test_resolve_bundled_family(spec: str, family: str, style: str) -> None:
    assert resolve_font(spec, Path("/nonexistent")) == family_file(family, style)


def test_resolve_file_beside_the_brand(tmp_path: Path) -> None:
    (tmp_path / "fonts").mkdir()
    target = tmp_path / "fonts" / "Heading-Bold.otf"
    target.write_bytes(family_file("Inter", "bold").read_bytes())
    assert resolve_font("fonts/Heading-Bold.otf", tmp_path) == target.resolve()


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(FontNotFoundError) as caught:
        resolve_font("fonts/Nope.ttf", tmp_path)
    assert caught.value.spec == "fonts/Nope.ttf"
    assert str(caught.value) == f"no font file at {tmp_path / 'fonts' / 'Nope.ttf'}"


def test_unknown_family_suggests_a_bundled_one(tmp_path: Path) -> None:
    with pytest.raises(LookupError, match=r"did you mean 'Inter Bold'\?"):
        resolve_font("Intr Bold", tmp_path)


# -- chains -------------------------------------------------------------------------------------


def test_chain_order_brand_fallbacks_then_bundled_in_matching_weight() -> None:
    brand_fallback = family_file("Noto Sans Hebrew")
    chain = font_chain(family_file("Inter", "bold"), [brand_fallback])
    assert chain.primary == family_file("Inter", "bold")
    assert chain.fonts[1] == brand_fallback
    assert chain.fonts[2] == family_file("Noto Sans", "bold")
    assert family_file("Noto Sans Arabic", "bold") in chain.fonts
    assert chain.emoji == family_file("Noto Color Emoji")
    assert len(set(chain.fonts)) == len(chain.fonts)


def test_regular_primary_gets_regular_fallbacks() -> None:
    chain = font_chain(family_file("Inter"))
    assert family_file("Noto Sans Arabic") in chain.fonts
    assert family_file("Noto Sans Arabic", "bold") not in chain.fonts
    assert len(chain.fonts) == 1 + len(BUNDLED_FALLBACKS)


def test_collection_face_zero_is_read(tmp_path: Path) -> None:
    collection = TTCollection()
    collection.fonts = [
        TTFont(family_file("Noto Sans Hebrew")),
        TTFont(family_file("Noto Sans Thai")),
    ]
    path = tmp_path / "pair.ttc"
    collection.save(path)
    assert ord("ש") in font_coverage(path)
    assert ord("ก") not in font_coverage(path)
    assert load_font(path, 30).getname()[0] == "Noto Sans Hebrew"


# -- split_runs ---------------------------------------------------------------------------------


def test_each_script_gets_its_font(chain: FontChain) -> None:
    runs = split_runs("Vote 투표 صوّت 🗳️", chain)
    fonts = {run.text.strip(): run.font.name for run in runs}
    assert fonts == {
        "Vote": "Inter-Bold.otf",
        "투표": "NotoSansCJKkr-Bold-subset.otf",
        "صوّت": "NotoSansArabic-Bold.ttf",
        "🗳️": "NotoColorEmoji.ttf",
    }
    assert [run.emoji for run in runs] == [False, False, False, True]
    assert "".join(run.text for run in runs) == "Vote 투표 صوّت 🗳️"


def test_spaces_follow_their_neighbour(chain: FontChain) -> None:
    runs = split_runs("서울 시청", chain)
    assert len(runs) == 1


def test_digits_and_punctuation_inside_arabic_keep_the_arabic_font(chain: FontChain) -> None:
    runs = split_runs("عام 2024، نعم!", chain)
    assert len(runs) == 1
    assert runs[0].font == family_file("Noto Sans Arabic", "bold")


def test_digits_in_latin_or_korean_use_the_brand_font(chain: FontChain) -> None:
    runs = split_runs("서울 2024", chain)
    assert runs[-1].text == "2024"
    assert runs[-1].font == chain.primary


@pytest.mark.parametrize(
    ("cluster", "expected"),
    [
        ("😀", True),
        ("👋🏽", True),
        ("👨‍👩‍👧", True),
        ("🇺🇸", True),
        ("1️⃣", True),
        ("❤️", True),
        ("❤\ufe0e", False),
        ("♥", False),
        ("1", False),
        ("A", False),
    ],
)
def test_emoji_presentation(cluster: str, expected: bool) -> None:
    assert is_emoji(cluster) is expected


def test_emoji_sequences_stay_whole(chain: FontChain) -> None:
    runs = split_runs("Go 👨‍👩‍👧🇺🇸!", chain)
    assert [r.text for r in runs if r.emoji] == ["👨‍👩‍👧🇺🇸"]


@pytest.mark.parametrize("char", ["\U0010fffd", "\u0378"])
def test_missing_glyph_is_an_error_naming_the_character(chain: FontChain, char: str) -> None:
    with pytest.raises(MissingGlyphError) as caught:
        split_runs(f"Vote {char} now", chain)
    error = caught.value
    assert (error.char, error.codepoint, error.text) == (char, ord(char), f"Vote {char} now")
    assert str(error).startswith(f"no font covers U+{ord(char):04X}")


def test_missing_glyph_message_for_a_visible_character() -> None:
    chain = FontChain(fonts=(family_file("Noto Sans Hebrew"),))
    with pytest.raises(MissingGlyphError, match=r"^no font covers 'ก' \(U\+0E01 THAI CHARACTER"):
        split_runs("שלום ก", chain)


def test_describe_char() -> None:
    assert describe_char("ⓧ") == "'ⓧ' (U+24E7 CIRCLED LATIN SMALL LETTER X)"
    assert describe_char("\ue000") == "U+E000 (a private-use character)"
    assert describe_char("\u0378") == "U+0378 (an unassigned code point)"
