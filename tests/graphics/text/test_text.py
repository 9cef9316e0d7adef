"""The text engine: fitting, breaking, balancing, bidi, fallback and drawing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from toolkit.graphics.text.fit import (
    TextBlock,
    TextFitError,
    TextStyle,
    draw_text,
    fit_text,
    paragraph_direction,
    parse_emphasis,
)
from toolkit.graphics.text.fonts import (
    FontChain,
    MissingGlyphError,
    font_chain,
    load_font,
    resolve_font,
)

INK = (20, 33, 61)
ACCENT = (231, 111, 81)
PAPER = (255, 255, 255)


@pytest.fixture(scope="module")
def chain() -> FontChain:
    return font_chain(resolve_font("Inter Bold", Path(".")))


@pytest.fixture(scope="module")
def style(chain: FontChain) -> TextStyle:
    return TextStyle(chain, max_size=130, min_size=40, color=INK, accent=ACCENT)


def assert_inside(block: TextBlock, width: int, height: int, style: TextStyle) -> None:
    assert style.min_size <= block.size <= style.max_size
    assert block.height <= height
    assert block.width <= width
    for line in block.lines:
        assert 0 <= line.x and line.x + line.width <= width
        assert sum(span.width for span in line.spans) <= width
        assert 0 < line.baseline <= block.height


def render(block: TextBlock, margin: int = 40) -> Image.Image:
    image = Image.new("RGB", (block.box_width + 2 * margin, block.box_height + 2 * margin), PAPER)
    draw_text(image, block, margin, margin)
    return image


def ink_box(image: Image.Image) -> tuple[int, int, int, int]:
    box = ImageChops.difference(image, Image.new("RGB", image.size, PAPER)).getbbox()
    assert box is not None
    return box


def words(block: TextBlock) -> list[list[str]]:
    return [line.text.split() for line in block.lines]


# -- geometry -----------------------------------------------------------------------------------

SAMPLES = [
    ("Fund *unarmed* crisis response", "en"),
    (
        "Join us at City Hall on May 1 at 10:00 AM to tell the council that care, not cops, "
        "keeps our neighbourhoods safe",
        "en",
    ),
    ("비무장 위기 대응에 예산을 지원하세요", "ko"),
    ("تمويل الاستجابة للأزمات غير المسلحة في لوس أنجلوس", "ar"),
    ("از پاسخ غیرمسلحانه به بحران حمایت کنید", "fa"),
    ("非武装の危機対応に予算を。市議会は今すぐ行動を！", "ja"),
    ("为非武装危机应对提供资金，洛杉矶市议会必须行动。", "zh-Hans"),
    ("नमस्ते दुनिया, आज ही वोट करें", "hi"),
    ("Hello 서울 مرحبا 👋 שלום", None),
]


@pytest.mark.parametrize(("text", "lang"), SAMPLES)
@pytest.mark.parametrize(("width", "height"), [(900, 500), (600, 700), (1400, 300)])
def test_block_stays_inside_its_box(
    style: TextStyle, text: str, lang: str | None, width: int, height: int
) -> None:
    block = fit_text(text, width, height, style, lang)
    assert_inside(block, width, height, style)
    assert block.fits


@pytest.mark.parametrize(("text", "lang"), SAMPLES[:4])
def test_drawn_ink_stays_inside_the_box(style: TextStyle, text: str, lang: str | None) -> None:
    block = fit_text(text, 900, 500, style, lang)
    left, top, right, bottom = ink_box(render(block))
    slack = 4  # side bearings and antialiasing
    assert 40 - slack <= left and right <= 40 + 900 + slack
    assert 40 - slack <= top and bottom <= 40 + block.height + slack


def test_longer_text_shrinks(style: TextStyle) -> None:
    short = fit_text("Care not cops", 900, 500, style)
    long = fit_text(
        "Care not cops: fund the crisis teams that keep every block safe", 900, 500, style
    )
    assert short.size == style.max_size
    assert long.size < short.size


def test_text_that_cannot_fit_is_an_error(style: TextStyle) -> None:
    text = "Fund unarmed crisis response " * 20
    with pytest.raises(TextFitError) as caught:
        fit_text(text, 900, 300, style)
    error = caught.value
    assert str(error) == "text does not fit a 900x300 box even at 40 px"
    assert (error.min_size, error.width, error.height) == (40, 900, 300)
    assert error.text.startswith("Fund unarmed")


def test_max_lines_is_respected(chain: FontChain) -> None:
    style = TextStyle(chain, 130, 20, INK, ACCENT, max_lines=2)
    block = fit_text("Fund unarmed crisis response in Los Angeles now", 900, 900, style)
    assert len(block.lines) == 2


def test_empty_text_is_an_empty_block(style: TextStyle) -> None:
    block = fit_text("  ", 900, 300, style)
    assert block.lines == () and block.height == 0


# -- breaking and balancing ---------------------------------------------------------------------


@pytest.mark.parametrize("width", range(500, 1101, 50))
def test_no_lone_word_on_the_last_line(style: TextStyle, width: int) -> None:
    block = fit_text("Fund unarmed crisis response right now", width, 600, style)
    if len(block.lines) > 1:
        assert len(words(block)[-1]) >= 2, words(block)


def test_lines_are_balanced(chain: FontChain) -> None:
    style = TextStyle(chain, 60, 60, INK, ACCENT)
    block = fit_text("Public comment on the city budget opens on the first of May", 900, 900, style)
    widths = [line.width for line in block.lines]
    assert len(widths) >= 2
    assert min(widths) > 0.75 * max(widths)  # greedy filling would leave a short last line


@pytest.mark.parametrize("token", ["$3M+", "$13.2M", "2024-25", "10:00 AM", "3\u00a0km", "50 %"])
@pytest.mark.parametrize("width", range(300, 1001, 70))
def test_numbers_stay_with_their_units(style: TextStyle, token: str, width: int) -> None:
    block = fit_text(f"We raised {token} for crisis teams this year", width, 900, style)
    assert any(token in line.text for line in block.lines), [line.text for line in block.lines]


@pytest.mark.parametrize("width", range(300, 1001, 50))
def test_cjk_breaks_between_characters_but_not_before_closing_marks(
    style: TextStyle, width: int
) -> None:
    text = "非武装の危機対応に予算を。市議会は、今すぐ行動を！"
    block = fit_text(text, width, 2000, style, "ja")
    assert "".join(line.text for line in block.lines) == text
    for line in block.lines:
        assert line.text[0] not in "。、！"
    if len(block.lines) > 1:
        assert any(line.text[-1] not in "。、！" for line in block.lines[:-1])


def test_hangul_breaks_at_spaces_only(style: TextStyle) -> None:
    text = "비무장 위기 대응에 예산을 지원하세요"
    block = fit_text(text, 500, 2000, style, "ko")
    assert len(block.lines) > 1
    assert [w for line in words(block) for w in line] == text.split()


def test_thai_breaks_at_spaces_and_zero_width_spaces(style: TextStyle) -> None:
    block = fit_text("สวัสดีครับ ขอบ\u200bคุณ", 700, 2000, style, "th")
    assert [line.text for line in block.lines] == ["สวัสดีครับ", "ขอบคุณ"]
    block = fit_text("สวัสดีครับ ขอบ\u200bคุณมาก", 600, 2000, style, "th")
    assert [line.text for line in block.lines] == ["สวัสดีครับ", "ขอบ", "คุณมาก"]


def test_forced_line_breaks_are_kept(style: TextStyle) -> None:
    block = fit_text("Care\nnot cops", 900, 900, style)
    assert words(block) == [["Care"], ["not", "cops"]]


def test_overlong_word_is_broken_between_letters(style: TextStyle) -> None:
    text = "Donaudampfschifffahrtsgesellschaftskapitänswitwe"
    block = fit_text(text, 500, 600, style, "de")
    assert not block.fits
    # hyphenated in at most three lines rather than shrunk whole to the minimum
    assert style.min_size < block.size
    assert len(block.lines) <= 3
    assert len(block.lines) > 1
    assert "".join(line.text.rstrip("-") for line in block.lines) == text
    assert_inside(block, 500, 600, style)


# -- direction, shaping, fallback ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("مرحبا بالعالم", None, "rtl"),
        ("שלום", None, "rtl"),
        ("2024 مرحبا", None, "rtl"),
        ("Hello مرحبا", None, "ltr"),
        ("LA Forward تدعو", "ar", "rtl"),
        ("Untranslated English", "ar", "ltr"),
        ("서울", "ko", "ltr"),
    ],
)
def test_paragraph_direction(text: str, lang: str | None, expected: str) -> None:
    assert paragraph_direction(text, lang) == expected


def test_rtl_text_is_right_aligned(style: TextStyle) -> None:
    block = fit_text("تمويل الاستجابة للأزمات غير المسلحة في لوس أنجلوس", 900, 500, style, "ar")
    assert block.direction == "rtl"
    assert len(block.lines) > 1
    for line in block.lines:
        assert line.x + line.width == 900
    _, _, right, _ = ink_box(render(block))
    assert abs(right - (40 + 900)) <= 6


def test_rtl_line_orders_latin_and_digits_visually(style: TextStyle) -> None:
    block = fit_text("انضموا إلينا على Instagram", 1600, 300, style, "ar")
    (line,) = block.lines
    texts = [span.text for span in line.spans]
    assert texts[-1].startswith("انضموا")  # the first word is rightmost
    assert texts[0] == "Instagram"  # the last word is leftmost
    assert [s.x for s in line.spans] == sorted(s.x for s in line.spans)


def test_arabic_letters_join() -> None:
    font = load_font(resolve_font("Noto Sans Arabic Bold", Path(".")), 100)
    word = "الاستجابة"
    shaped = font.getlength(word, direction="rtl", language="ar")
    isolated = sum(font.getlength(letter) for letter in word)
    assert shaped < 0.9 * isolated


def test_each_script_draws_with_its_own_font(style: TextStyle) -> None:
    block = fit_text("Vote 투표 صوّت 🗳️", 1600, 400, style)
    fonts = {span.font.name for line in block.lines for span in line.spans if span.text.strip()}
    assert fonts == {
        "Inter-Bold.otf",
        "NotoSansCJKkr-Bold-subset.otf",
        "NotoSansArabic-Bold.ttf",
        "NotoColorEmoji.ttf",
    }


def test_uncovered_character_is_an_error(style: TextStyle) -> None:
    with pytest.raises(MissingGlyphError) as caught:
        fit_text("Vote \U0010fffd now", 900, 300, style)
    assert caught.value.codepoint == 0x10FFFD


def test_emoji_are_drawn_in_colour(style: TextStyle) -> None:
    block = fit_text("Vote 🗳️", 900, 300, style)
    (emoji,) = [span for span in block.lines[0].spans if span.emoji]
    assert emoji.width > 0.5 * block.size
    image = render(block)
    line = block.lines[0]
    left = 40 + line.x + round(emoji.x)
    crop = image.crop((left, 40, left + round(emoji.width), 40 + block.height))
    colours = {colour for _, colour in crop.getcolors(1 << 24) if colour not in (PAPER, INK)}
    assert len(colours) > 50


# -- emphasis and drawing -----------------------------------------------------------------------


def test_parse_emphasis() -> None:
    assert parse_emphasis("Fund *unarmed crisis* response") == [
        ("Fund ", False),
        ("unarmed crisis", True),
        (" response", False),
    ]
    assert parse_emphasis(r"5 \* 3 and *a* lone * star") == [
        ("5 ", False),
        ("*", False),
        (" 3 and ", False),
        ("a", True),
        (" lone ", False),
        ("*", False),
        (" star", False),
    ]


def test_emphasis_is_flagged_and_drawn_in_the_accent(style: TextStyle) -> None:
    block = fit_text("Fund *unarmed* crisis response", 1600, 300, style)
    assert "*" not in block.text
    flagged = [span.text for line in block.lines for span in line.spans if span.emphasis]
    assert "".join(flagged).strip() == "unarmed"
    pixels = {colour for _, colour in render(block).getcolors(1 << 24)}
    assert ACCENT in pixels and INK in pixels


def test_uppercase_style(chain: FontChain) -> None:
    style = TextStyle(chain, 80, 40, INK, ACCENT, uppercase=True)
    block = fit_text("care *not* cops", 1200, 300, style)
    assert block.lines[0].text == "CARE NOT COPS"


def test_drawing_is_deterministic(style: TextStyle) -> None:
    text = "Hello 서울 *مرحبا* 👋 $3M+"
    first = render(fit_text(text, 900, 500, style)).tobytes()
    second = render(fit_text(text, 900, 500, style)).tobytes()
    assert first == second


def test_drawing_on_rgba_keeps_the_canvas_opaque(style: TextStyle) -> None:
    block = fit_text("Vote 🗳️ *now*", 900, 300, style)
    image = Image.new("RGBA", (980, 380), (*PAPER, 255))
    draw_text(image, block, 40, 40)
    assert image.getextrema()[3] == (255, 255)


# -- property -----------------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "vote",
        "crisis",
        "Los",
        "Angeles",
        "$3M+",
        "2024-25",
        "*care*",
        "투표",
        "예산을",
        "مرحبا",
        "الاستجابة",
        "予算を。",
        "市議会",
        "👋",
        "नमस्ते",
        "Donaudampfschiff",
        "—",
        "!",
    ]
)
ALPHABET = "abcdefghijklmnopqrstuvwxyz가나다라마바사아لمنهويあいう"
LETTERS = st.text(st.sampled_from(ALPHABET), min_size=1, max_size=18)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(st.one_of(WORDS, LETTERS), min_size=1, max_size=25),
    width=st.integers(120, 1400),
    height=st.integers(60, 1000),
)
def test_fit_either_fails_cleanly_or_stays_inside(
    style: TextStyle, words: list[str], width: int, height: int
) -> None:
    try:
        block = fit_text(" ".join(words), width, height, style)
    except TextFitError as error:
        assert (error.width, error.height, error.min_size) == (width, height, style.min_size)
        return
    assert_inside(block, width, height, style)
