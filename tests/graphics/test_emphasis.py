"""Emphasis: the accent colors words where it reads and becomes a highlight where it does not."""

from __future__ import annotations

import pytest
from graphicskit import JobsFactory
from PIL import Image

from toolkit.graphics import contrast
from toolkit.graphics.draw import compose
from toolkit.graphics.emphasis import choose
from toolkit.graphics.scene import open_quote

# The shipped default brand.
ACCENT = (0xFF, 0xB7, 0x03)
NAVY = (0x1D, 0x35, 0x57)
CREAM = (0xF8, 0xF5, 0xEE)
INK = (0x1B, 0x1B, 0x1B)
WHITE = (255, 255, 255)


def _samples(rgb: tuple[int, int, int]) -> contrast.Samples:
    return contrast.backdrop_luminances(Image.new("RGB", (10, 10), rgb), (0, 0, 10, 10))


def test_a_light_accent_on_a_light_ground_becomes_a_highlight_behind_dark_words() -> None:
    chosen = choose("auto", ACCENT, INK, CREAM, [INK, WHITE], _samples(CREAM), 3.0, shade=True)
    assert (chosen.style, chosen.mark, chosen.words) == ("highlight", ACCENT, INK)
    assert chosen.contrast(_samples(CREAM)) >= 4.5


def test_the_accent_colors_words_unchanged_where_it_reads() -> None:
    chosen = choose("auto", ACCENT, WHITE, NAVY, [INK, WHITE], _samples(NAVY), 3.0, shade=True)
    assert (chosen.style, chosen.words, chosen.mark) == ("color", ACCENT, None)


def test_the_choice_follows_the_ground_not_a_busy_backdrop() -> None:
    """Over a photo the worst pixels differ per format; the treatment must not flip."""
    busy = _samples(NAVY) + [(contrast.luminance((200, 200, 200)), 40)]
    chosen = choose("auto", ACCENT, WHITE, NAVY, [INK, WHITE], busy, 3.0, shade=True)
    assert chosen.style == "color"


@pytest.mark.parametrize("style", ["color", "highlight", "underline"])
def test_an_explicit_style_is_kept(style: str) -> None:
    chosen = choose(style, ACCENT, INK, CREAM, [INK, WHITE], _samples(CREAM), 3.0, shade=False)
    assert chosen.style == style
    if style == "color":
        assert chosen.words == ACCENT  # an explicit style with an explicit color: exact


def test_highlight_words_switch_to_the_color_that_reads_on_the_mark() -> None:
    dark_accent = (0x6A, 0x1B, 0x9A)
    chosen = choose("highlight", dark_accent, INK, CREAM, [INK, WHITE], _samples(CREAM), 3.0,
                    shade=True)
    assert chosen.words == WHITE


QUOTE = {"id": "q", "layout": "quote",
         "text": {"quote": "We need *growth*, not stagnation", "attribution": "Ana"}}
HEADLINE = {"id": "h", "layout": "headline", "text": {"headline": "We need *growth* now"}}


def _accent_share(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[float, tuple]:
    """Share of the accent's bounding box (inside box) that is exactly the accent."""
    region = image.crop(box).convert("RGB")
    mask = Image.new("L", region.size)
    mask.putdata([255 if rgb == ACCENT else 0 for rgb in region.get_flattened_data()])
    bbox = mask.getbbox()
    assert bbox is not None, "no accent in the text box"
    hist = mask.crop(bbox).histogram()
    return hist[255] / sum(hist), bbox


def test_a_quote_on_a_light_page_highlights_its_emphasis_in_every_format(
        make_jobs: JobsFactory) -> None:
    for job in make_jobs([QUOTE]):
        composition = compose(job)
        box = next(b for b in composition.boxes if b.field == "quote")
        share, bbox = _accent_share(composition.image, box.box)
        assert share > 0.55, job.label  # a block with the words in it, not letters
        word_height = bbox[3] - bbox[1]
        assert 0.9 * box.size < word_height < 1.4 * box.size, job.label
        assert box.contrast >= 4.5, job.label


def test_a_headline_on_the_brand_color_keeps_the_accent_as_the_word_color(
        make_jobs: JobsFactory) -> None:
    for job in make_jobs([HEADLINE]):
        composition = compose(job)
        box = next(b for b in composition.boxes if b.field == "headline")
        share, _ = _accent_share(composition.image, box.box)
        assert share < 0.45, job.label  # letters, not a block


def test_the_quotation_mark_follows_the_language() -> None:
    assert open_quote("en") == "\u201c"
    assert open_quote("ko") == "\u201c"
    assert open_quote("fr-CA") == "\u00ab"
    assert open_quote("fa") == "\u00bb"  # drawn alone, unmirrored: the mark at the start of RTL


def _mark_gap(image: Image.Image, quote_top: int, mark_rows: range,
              color: tuple[int, int, int]) -> int:
    """Rows between the bottom of the mark's ink above quote_top and quote_top (right of the
    edge bar, which may share its color)."""
    rgb = image.convert("RGB")
    bottom = max(y for y in mark_rows
                 if any(rgb.getpixel((x, y)) == color for x in range(60, rgb.width - 60, 2)))
    return quote_top - bottom - 1


def test_the_quotation_mark_sits_the_same_distance_above_the_quote_in_any_language(
        make_jobs: JobsFactory) -> None:
    post = {"id": "q", "layout": "quote",
            "text": {"quote": {"en": "We need growth", "fa": "ما به رشد نیاز داریم"}}}
    gaps = {}
    for job in make_jobs([post], languages=("en", "fa"), formats=("instagram-square",)):
        composition = compose(job)
        top = next(b for b in composition.boxes if b.field == "quote").box[1]
        mark = next(s for s in composition.shapes if s.name == "mark")
        gaps[job.lang] = _mark_gap(composition.image, top, range(0, top), mark.color)
    # space_above 0.035 of 1080 px from the mark's ink (a high \u201c or a low \u00bb) to the quote.
    assert abs(gaps["en"] - 38) <= 3 and abs(gaps["fa"] - 38) <= 3, gaps
