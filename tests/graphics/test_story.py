"""Stories: text uses the Instagram/Facebook story safe box, the band below it is the
call-to-action zone; reels keep the strict cross-platform box."""

from __future__ import annotations

import pytest
from graphicskit import JobsFactory, photo_bytes
from PIL import Image

from toolkit.graphics.draw import compose

# Meta story safe zones: 14 % top, 20 % bottom of 1920 px.
SAFE_TOP, SAFE_BOTTOM = 269, 1536
# The cross-platform Reels/TikTok/Shorts box.
REEL_BOX = (120, 288, 888, 1248)
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
LONG = {"id": "long", "layout": "headline",
        "text": {"headline": "One call should bring the right help to every neighborhood in "
                             "the city, day and night, without a badge or a gun",
                 "subhead": "$1M to plan centralized dispatch for unarmed crisis response"}}


def _mean(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[float, ...]:
    region = image.crop(box).convert("RGB").resize((1, 1), Image.Resampling.BOX)
    pixel = region.getpixel((0, 0))
    assert isinstance(pixel, tuple)
    return tuple(float(v) for v in pixel)


@pytest.mark.parametrize("name", list(POSTS))
def test_the_band_below_the_story_safe_box_is_designed_and_carries_the_strip(
        make_jobs: JobsFactory, name: str) -> None:
    jobs = make_jobs([POSTS[name]], formats=("story",), files={"city.jpg": photo_bytes()})
    composition = compose(jobs[0])
    # Right of the live area (x > 993), just above the safe bottom: the page behind the text.
    page = _mean(composition.image, (1000, SAFE_BOTTOM - 120, 1075, SAFE_BOTTOM - 20))
    band = _mean(composition.image, (0, SAFE_BOTTOM + 20, 1080, 1900))
    if "photo" not in name:
        assert sum(abs(a - b) for a, b in zip(page, band, strict=True)) > 40, (page, band)
    fields = {box.field for box in composition.boxes}
    assert "strip-link" in fields
    for box in composition.boxes:
        if box.field in ("strip-link", "cta"):
            assert box.box[1] >= SAFE_BOTTOM, box.field  # the call-to-action zone
        else:
            assert SAFE_TOP <= box.box[1] and box.box[3] <= SAFE_BOTTOM, box.field
    assert composition.logos and composition.logos[0][1] >= SAFE_BOTTOM


def test_story_text_uses_the_story_safe_box_not_the_reel_box(make_jobs: JobsFactory) -> None:
    story, reel = make_jobs([LONG], formats=("story", "reel"))
    story_boxes = {b.field: b for b in compose(story).boxes}
    reel_boxes = {b.field: b for b in compose(reel).boxes}
    frame = story_boxes["headline"].frame
    assert frame[0] < REEL_BOX[0] and frame[2] > REEL_BOX[2]  # wider than the reel box
    assert frame[1] < REEL_BOX[1] and frame[3] > REEL_BOX[3]  # and taller
    assert story_boxes["subhead"].box[3] > REEL_BOX[3]  # the text reaches below 1248
    for box in story_boxes.values():
        if box.field not in ("strip-link", "cta"):
            assert SAFE_TOP <= box.box[1] and box.box[3] <= SAFE_BOTTOM
    # Type is set larger on the story than in the reel's narrower box.
    assert story_boxes["headline"].size > reel_boxes["headline"].size


@pytest.mark.parametrize("name", list(POSTS))
def test_a_reel_keeps_every_text_and_the_logo_in_the_cross_platform_box(
        make_jobs: JobsFactory, name: str) -> None:
    jobs = make_jobs([POSTS[name]], formats=("reel",), files={"city.jpg": photo_bytes()})
    composition = compose(jobs[0])
    left, top, right, bottom = REEL_BOX
    for box in composition.boxes:
        x0, y0, x1, y1 = box.box
        assert left <= x0 and x1 <= right and top <= y0 and y1 <= bottom, box.field
    for x0, y0, x1, y1 in composition.logos:
        assert left <= x0 and x1 <= right and top <= y0 and y1 <= bottom


def test_story_type_is_larger_than_on_the_square(make_jobs: JobsFactory) -> None:
    for post in (POSTS["headline"], POSTS["quote"], POSTS["event"]):
        square, story = make_jobs([post], formats=("instagram-square", "story"))
        main = {"headline": "headline", "quote": "quote", "event": "title"}[post["id"]]
        size = {j.format.name: next(b.size for b in compose(j).boxes if b.field == main)
                for j in (square, story)}
        assert size["story"] > size["instagram-square"], (post["id"], size)


def test_the_carousel_progress_bar_keeps_out_of_the_story_top_band(
        make_jobs: JobsFactory) -> None:
    post = {"id": "c", "layout": "carousel", "slides": [{"title": "One"}, {"title": "Two"}]}
    for job in make_jobs([post], formats=("story",)):
        image = compose(job).image
        top = image.crop((0, 0, 1080, SAFE_TOP)).convert("RGB")
        assert ACCENT not in {rgb for _, rgb in top.getcolors(1 << 20) or []}
        bar = image.crop((87, SAFE_TOP, 993, SAFE_TOP + 40)).convert("RGB")
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
