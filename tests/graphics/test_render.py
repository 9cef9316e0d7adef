"""Rendering: exact sizes and file types, byte-identical output, RTL, emoji, QR, error paths,
carousel counters in each language's digits."""

from __future__ import annotations

import io

import pytest
from graphicskit import JobsFactory, photo_bytes
from PIL import Image

from toolkit.errors import ProblemsError
from toolkit.graphics.canvas import Canvas
from toolkit.graphics.draw import compose
from toolkit.graphics.fitcheck import check_graphics
from toolkit.graphics.image import render_image
from toolkit.graphics.qr import qr_image
from toolkit.graphics.scene import Scene, local_digits
from toolkit.load import images
from toolkit.load.formats import FORMATS
from toolkit.load.layerspec import TextLayer
from toolkit.load.layoutbody import compile_layout
from toolkit.plan import ImageJob

HEADLINE = {"id": "p", "layout": "headline",
            "text": {"headline": "One call should bring the *right* help",
                     "subhead": "$1M to plan centralized dispatch"}}


def test_every_format_renders_at_its_exact_size_type_and_byte_limit(
        make_jobs: JobsFactory) -> None:
    posts = [HEADLINE,
             {"id": "pic", "layout": "photo", "background": "city.jpg",
              "text": {"headline": "Our city, our *safety*"}},
             {"id": "flyer", "layout": "flyer", "text": {"headline": "Fund *unarmed* response"}}]
    jobs = make_jobs(posts, files={"city.jpg": photo_bytes()})
    assert {job.format.name for job in jobs} == {n for n, f in FORMATS.items() if f.spec.default}
    for job in jobs:
        rendered = render_image(job)
        image = Image.open(io.BytesIO(rendered.data))
        assert image.size == (job.format.width, job.format.height) == (rendered.width,
                                                                        rendered.height)
        assert image.format == ("JPEG" if job.output.endswith(".jpg") else "PNG")
        assert image.mode == "RGB" and "exif" not in image.info
        if job.format.spec.max_bytes:
            assert len(rendered.data) <= job.format.spec.max_bytes, job.label


def test_photo_posts_are_jpeg_and_flat_posts_png(make_jobs: JobsFactory) -> None:
    posts = [HEADLINE, {"id": "pic", "layout": "photo", "background": "city.jpg",
                        "text": {"headline": "Hi"}}]
    jobs = make_jobs(posts, formats=("bluesky",), files={"city.jpg": photo_bytes()})
    assert [job.output.rsplit(".", 1)[1] for job in jobs] == ["png", "jpg"]
    assert Image.open(io.BytesIO(render_image(jobs[1]).data)).format == "JPEG"


def test_print_flyer_is_letter_at_300_dpi_with_a_large_qr_code(make_jobs: JobsFactory) -> None:
    jobs = make_jobs([{"id": "f", "layout": "flyer", "text": {"headline": "Fund it"}}])
    rendered = render_image(jobs[0])
    image = Image.open(io.BytesIO(rendered.data))
    assert image.size == (2550, 3300)
    assert [round(v) for v in image.info["dpi"]] == [300, 300]
    assert rendered.data == render_image(jobs[0]).data


def test_rerender_is_byte_identical(make_jobs: JobsFactory) -> None:
    jobs = make_jobs([HEADLINE, {"id": "pic", "layout": "photo", "background": "city.jpg",
                                 "text": {"headline": "Hi"}}],
                     formats=("instagram-square",), files={"city.jpg": photo_bytes()})
    for job in jobs:
        first = render_image(job).data
        images.decoded_photo.cache_clear()
        assert render_image(job).data == first


def test_rtl_text_is_set_flush_right_and_ltr_flush_left(make_jobs: JobsFactory) -> None:
    post = {"id": "p", "layout": "headline",
            "text": {"headline": {"en": "Vote yes on the budget", "fa": "به بودجه رأی آری بدهید"}}}
    jobs = make_jobs([post], languages=("en", "fa"), formats=("instagram-square",))
    boxes = {job.lang: compose(job).boxes[0] for job in jobs}
    assert boxes["en"].box[0] == boxes["en"].frame[0]
    assert boxes["en"].box[2] < boxes["en"].frame[2]
    assert boxes["fa"].box[2] == boxes["fa"].frame[2]
    assert boxes["fa"].box[0] > boxes["fa"].frame[0]


def test_rtl_mirrors_the_logo_to_the_other_corner(make_jobs: JobsFactory) -> None:
    post = {"id": "p", "layout": "headline", "text": {"headline": {"en": "Vote", "fa": "رأی"}}}
    jobs = make_jobs([post], languages=("en", "fa"), formats=("instagram-square",))
    images = {job.lang: compose(job).image for job in jobs}
    # The bundled default brand has a logo; its corner holds non-background pixels.
    background = images["en"].getpixel((540, 1040))
    assert images["en"].crop((87, 930, 300, 993)).getcolors(10_000) != [(213 * 63, background)]
    right = images["fa"].crop((780, 930, 993, 993))
    assert len(right.getcolors(10_000) or []) > 1


def test_emoji_is_drawn_in_color(make_jobs: JobsFactory) -> None:
    post = {"id": "p", "layout": "headline", "text": {"headline": "We did it 🎉"}}
    jobs = make_jobs([post], formats=("instagram-square",))
    composition = compose(jobs[0])
    assert composition.errors == []
    box = composition.boxes[0].box
    colors = composition.image.crop(box).convert("RGB").getcolors(1_000_000) or []
    assert any(r > 200 and g < 150 and b < 150 for _, (r, g, b) in colors)  # emoji red/orange


def test_measured_contrast_is_reported_and_low_contrast_warns(make_jobs: JobsFactory,
                                                              tmp_path) -> None:
    jobs = make_jobs([HEADLINE], formats=("instagram-square",))
    report = compose(jobs[0]).boxes[0]
    assert report.field == "headline" and report.large and report.contrast > 7
    layout = tmp_path / "ws" / "templates" / "graphics" / "pale.yaml"
    layout.parent.mkdir(parents=True)
    layout.write_text(PALE, encoding="utf-8")
    jobs = make_jobs([{"id": "p", "layout": "pale", "text": {"headline": "Hard to read"}}],
                     formats=("instagram-square",))
    problems = check_graphics(jobs)
    assert [p.severity for p in problems] == ["warning"]
    assert str(problems[0]).endswith(
        "warning: text.headline of post 'p' (instagram-square, en) has contrast 1.1:1 "
        "against what is behind it; text needs 4.5:1")
    assert str(problems[0].location).startswith("campaigns/t/campaign.yaml:")


PALE = """\
fields:
  headline: {required: true}
layers:
  - type: background
    fill: "#FFFFFF"
  - type: text
    field: headline
    size: 0.03
    min_size: 0.03
    font: body
    color: "#F2F2F2"
"""


def test_text_that_cannot_fit_is_an_error_located_at_its_yaml_line(
        make_jobs: JobsFactory) -> None:
    words = " ".join(["unarmed crisis response"] * 40)
    jobs = make_jobs([{"id": "too-long", "layout": "headline", "text": {"headline": words}}],
                     formats=("story",))
    with pytest.raises(ProblemsError) as caught:
        render_image(jobs[0])
    message = str(caught.value)
    assert message.startswith("campaigns/t/campaign.yaml:9:15: error: text.headline of post "
                              "'too-long' (story, en) does not fit: 959 characters in a ")
    assert "even at the minimum size 65 px; shorten the text" in message
    assert check_graphics(jobs)[0].message == caught.value.problems[0].message


def test_a_character_no_font_covers_is_an_error_naming_it(make_jobs: JobsFactory) -> None:
    jobs = make_jobs([{"id": "p", "layout": "headline", "text": {"headline": "Hi \U00013000"}}],
                     formats=("x",))
    with pytest.raises(ProblemsError) as caught:
        render_image(jobs[0])
    assert str(caught.value) == (
        "campaigns/t/campaign.yaml:9:15: error: no font covers '\U00013000' (U+13000 EGYPTIAN "
        "HIEROGLYPH A001) in text.headline of post 'p' (x, en); add a font that has it to "
        "the brand's fonts.fallback")


@pytest.mark.parametrize("content, reason", [
    (b"this is not an image", "it is not an image Pillow can read"),
    (photo_bytes()[:3000], "it is damaged or truncated"),
])
def test_a_photo_broken_after_planning_is_an_error_naming_the_file(
        make_jobs: JobsFactory, content: bytes, reason: str) -> None:
    jobs = make_jobs([{"id": "p", "layout": "photo", "background": "bad.jpg",
                       "text": {"headline": "Hi"}}], formats=("x",),
                     files={"bad.jpg": photo_bytes()})
    assert jobs[0].background is not None
    jobs[0].background.write_bytes(content)
    with pytest.raises(ProblemsError) as caught:
        render_image(jobs[0])
    assert str(caught.value).startswith(
        f"campaigns/t/bad.jpg:1:1: error: cannot use the photo bad.jpg of post 'p' (x, en): "
        f"{reason}")


def test_a_decompression_bomb_is_refused(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "MAX_PHOTO_PIXELS", 1000 * 1000)
    path = tmp_path / "big.png"
    path.write_bytes(photo_bytes((1600, 1200), "PNG"))
    with pytest.raises(images.PhotoError, match="it is 1600x1200 pixels, more than 1,000,000"):
        images.load_photo(path)


def test_pillow_bomb_limit_is_caught_too(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100_000)
    path = tmp_path / "big.png"
    path.write_bytes(photo_bytes((1600, 1200), "PNG"))
    with pytest.raises(images.PhotoError, match="it is larger than 120,000,000 pixels"):
        images.load_photo(path)


def test_qr_code_keeps_whole_modules_and_a_light_quiet_zone() -> None:
    image, quiet = qr_image("https://example.org/act", 300, (0, 0, 0), (255, 255, 255),
                            min_side=300)
    assert image.width == image.height >= 300
    assert quiet >= 4 * 7
    border = image.crop((0, 0, image.width, quiet)).convert("L").getextrema()
    assert border == (255, 255)
    assert image.convert("L").getextrema() == (0, 255)


def test_flyer_qr_code_is_at_least_300_px_and_the_link_is_written_out(
        make_jobs: JobsFactory) -> None:
    jobs = make_jobs([{"id": "f", "layout": "flyer", "text": {"headline": "Fund it"}}])
    composition = compose(jobs[0])
    corner = composition.image.crop((0, 2500, 720, 3300)).convert("L")
    dark = corner.point(lambda v: 255 if v < 100 else 0).getbbox()
    assert dark is not None
    width, height = dark[2] - dark[0], dark[3] - dark[1]
    assert width >= 300 and abs(width - height) <= 2
    assert "link" in {box.field for box in composition.boxes}


def test_carousel_slides_after_the_cover_carry_a_large_counter_at_the_end_side(
        make_jobs: JobsFactory) -> None:
    post = {"id": "c", "layout": "carousel",
            "slides": [{"title": "One"}, {"title": "Two", "text": "More"}, {"title": "Three"}]}
    jobs = make_jobs([post], formats=("instagram-square",))
    boxes = [compose(job).boxes for job in jobs]
    assert not any(b.field == "counter" for b in boxes[0])  # the cover is the hook
    counters = [next(b for b in found if b.field == "counter") for found in boxes[1:]]
    assert len(counters) == 2
    for box in counters:
        assert box.box[2] == box.frame[2]  # flush with the end of the live area
        assert box.box[1] < 200
        # Readable in a feed: at least 20 px tall once the 1080 px image is shown 300 px wide.
        assert box.size * 300 / 1080 >= 20, box.size


def test_the_carousel_cover_has_a_swipe_cue_and_the_last_slide_a_qr_and_the_link(
        make_jobs: JobsFactory) -> None:
    post = {"id": "c", "layout": "carousel",
            "slides": [{"title": "One"}, {"number": "$3M+", "title": "for care"},
                       {"title": "Act now"}]}
    jobs = make_jobs([post], languages=("en", "fa"), formats=("instagram-square", "story", "x"))
    for job in jobs:
        made = compose(job)
        assert not made.errors, made.errors
        names = {s.name for s in made.shapes} | {b.field for b in made.boxes}
        if job.slide == 1:
            assert "swipe" in names, job.label
        if job.slide == 2:
            sizes = {b.field: b.size for b in made.boxes}
            assert sizes["number"] >= 1.6 * sizes["title"], job.label
        if job.slide == 3:
            texts = " ".join(" ".join(b.lines) for b in made.boxes).replace("\u200b", "")
            assert "example.org/act" in texts, texts
            colors = {c for _, c in made.image.getcolors(1 << 22) or []}
            assert {(0, 0, 0), (255, 255, 255)} <= colors  # the QR code's modules


def _counter_text(job: ImageJob) -> str:
    """The carousel counter's text as the layout's counter layer sets it for this job."""
    layout = compile_layout(job.layout)
    layer = next(layer for layer in layout.layers_for(job.format) if layer.type == "counter")
    assert isinstance(layer, TextLayer)
    canvas = Canvas.of(job.format, layout.margin_for(job.format), job.direction == "rtl")
    return layer.text.format_map(Scene(job, canvas, Image.new("RGBA", (1, 1))).placeholders())


@pytest.mark.parametrize(
    ("lang", "counters"),
    [
        ("en", ["1/4", "2/4", "3/4", "4/4"]),
        ("es", ["1/4", "2/4", "3/4", "4/4"]),
        ("fa", ["۱/۴", "۲/۴", "۳/۴", "۴/۴"]),  # Extended Arabic-Indic digits
        ("ar", ["١/٤", "٢/٤", "٣/٤", "٤/٤"]),  # Arabic-Indic digits
    ],
)
def test_carousel_counter_is_set_in_the_languages_digits(
        make_jobs: JobsFactory, lang: str, counters: list[str]) -> None:
    post = {"id": "c", "layout": "carousel",
            "slides": [{"title": title} for title in ("One", "Two", "Three", "Four")]}
    jobs = [job for job in make_jobs([post], languages=("en", "es", "fa", "ar"),
                                     formats=("instagram-square",)) if job.lang == lang]
    assert [_counter_text(job) for job in jobs] == counters
    drawn = compose(jobs[1])
    assert not drawn.errors  # the fonts cover the digits
    assert any(box.field == "counter" for box in drawn.boxes)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fa", "۲/۴"),
        ("fa-IR", "۲/۴"),
        ("ar", "٢/٤"),
        ("ar_EG", "٢/٤"),
        ("ar-MA", "2/4"),  # the Maghreb writes Western digits
        ("ar-Arab-TN", "2/4"),
        ("en", "2/4"),
        ("es", "2/4"),
        ("ko", "2/4"),
        ("ur", "2/4"),
    ],
)
def test_local_digits(lang: str, expected: str) -> None:
    assert local_digits("2/4", lang) == expected


def test_local_digits_changes_ascii_digits_only() -> None:
    assert local_digits("slide 10/12, ۳", "ar") == "slide ١٠/١٢, ۳"


def test_a_quote_splits_name_and_role_and_leaves_out_the_brand_as_attribution(
        make_jobs: JobsFactory) -> None:
    posts = [{"id": "person", "layout": "quote",
              "text": {"quote": "We need growth", "attribution": "Maria Lopez",
                       "role": "Boyle Heights resident"}},
             {"id": "org", "layout": "quote",
              "text": {"quote": "We need growth", "attribution": "Campaign  toolkit"}}]
    person, org = (compose(job) for job in make_jobs(posts, formats=("instagram-square",)))
    sizes = {b.field: b.size for b in person.boxes}
    assert sizes["attribution"] > sizes["role"]  # the name bold and larger, the role under it
    name = next(b for b in person.boxes if b.field == "attribution")
    role = next(b for b in person.boxes if b.field == "role")
    assert role.box[1] >= name.box[3] - 2
    # The default brand is "Campaign Toolkit": its logo already names it.
    assert "attribution" not in {b.field for b in org.boxes}
