"""Stories: text stays in the safe box, and the band below it is designed, not left empty."""

from __future__ import annotations

import pytest
from graphicskit import JobsFactory, photo_bytes
from PIL import Image

from toolkit.graphics.draw import compose

SAFE_TOP, SAFE_BOTTOM = 288, 1248
ACCENT = (0xFF, 0xB7, 0x03)  # the shipped default brand's

POSTS = {
    "headline": {"id": "headline", "layout": "headline", "text": {"headline": "Vote *yes*"}},
    "quote": {"id": "quote", "layout": "quote", "text": {"quote": "We need *growth*"}},
    "stat": {"id": "stat", "layout": "stat", "text": {"number": "$3M", "headline": "for care"}},
    "event": {"id": "event", "layout": "event", "text": {"title": "Comment", "when": "May 1"}},
    "carousel": {"id": "carousel", "layout": "carousel", "slides": [{"title": "One"}]},
    "photo": {"id": "photo", "layout": "photo", "background": "city.jpg",
              "text": {"headline": "Our city"}},
    "headline-photo": {"id": "headline-photo", "layout": "headline", "background": "city.jpg",
                       "text": {"headline": "Our city"}},
    "stat-photo": {"id": "stat-photo", "layout": "stat", "background": "city.jpg",
                   "text": {"number": "$3M", "headline": "for care"}},
}


def _mean(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[float, ...]:
    region = image.crop(box).convert("RGB").resize((1, 1), Image.Resampling.BOX)
    pixel = region.getpixel((0, 0))
    assert isinstance(pixel, tuple)
    return tuple(float(v) for v in pixel)


@pytest.mark.parametrize("name", list(POSTS))
def test_the_band_below_the_safe_box_is_not_the_plain_page(make_jobs: JobsFactory,
                                                           name: str) -> None:
    jobs = make_jobs([POSTS[name]], formats=("story",), files={"city.jpg": photo_bytes()})
    composition = compose(jobs[0])
    # Right of the safe box (x > 888), just above its bottom: the page behind the text.
    page = _mean(composition.image, (930, SAFE_BOTTOM - 60, 1060, SAFE_BOTTOM - 20))
    band = _mean(composition.image, (0, 1500, 1080, 1900))
    assert sum(abs(a - b) for a, b in zip(page, band, strict=True)) > 40, (page, band)
    for box in composition.boxes:
        assert SAFE_TOP <= box.box[1] and box.box[3] <= SAFE_BOTTOM, box.field


def test_the_carousel_progress_bar_keeps_out_of_the_story_top_band(
        make_jobs: JobsFactory) -> None:
    post = {"id": "c", "layout": "carousel", "slides": [{"title": "One"}, {"title": "Two"}]}
    for job in make_jobs([post], formats=("story",)):
        image = compose(job).image
        top = image.crop((0, 0, 1080, SAFE_TOP)).convert("RGB")
        assert ACCENT not in {rgb for _, rgb in top.getcolors(1 << 20) or []}
        bar = image.crop((120, SAFE_TOP, 888, SAFE_TOP + 40)).convert("RGB")
        assert ACCENT in {rgb for _, rgb in bar.getcolors(1 << 20) or []}


def test_a_translucent_bar_blends_with_what_is_under_it(make_jobs: JobsFactory,
                                                        tmp_path) -> None:
    layout = tmp_path / "ws" / "templates" / "graphics" / "bars.yaml"
    layout.parent.mkdir(parents=True)
    layout.write_text(BARS, encoding="utf-8")
    jobs = make_jobs([{"id": "b", "layout": "bars", "text": {"headline": "Hi"}}],
                     formats=("instagram-square",))
    image = compose(jobs[0]).image
    assert image.getpixel((540, 10)) == (128, 128, 128)  # white at 0.5 over black
    assert image.getpixel((540, 60)) == (0, 0, 0)  # below the 0.04 x 1080 = 43 px bar


BARS = """\
fields:
  headline: {required: true}
layers:
  - type: background
    fill: black
  - type: bar
    edge: top
    size: 0.04
    color: white
    opacity: 0.5
  - type: text
    field: headline
    box: [0, 0.5, 1, 0.5]
    color: white
"""
