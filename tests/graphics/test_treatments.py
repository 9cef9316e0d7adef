"""Photo treatments (scrim, panel, duotone), measured on the pixels: the text over every photo
reads at 4.5:1 (3:1 large), the focus point stays inside every format's crop, and a photo band
has no seam (no step between neighbouring rows larger than the photo's own)."""

from __future__ import annotations

import pytest
from graphicskit import JobsFactory, shipped_photo
from PIL import Image, ImageStat

from toolkit.errors import ProblemsError
from toolkit.graphics import contrast
from toolkit.graphics.canvas import Canvas
from toolkit.graphics.draw import applies, compose
from toolkit.graphics.layers import LAYER_DRAW
from toolkit.graphics.photo import covered_photo, crop_box
from toolkit.graphics.scene import Scene
from toolkit.graphics.treat import duotone, duotone_colors
from toolkit.load.layerspec import Photo
from toolkit.load.layoutbody import compile_layout
from toolkit.plan import ImageJob

BRANDS = ("default", "light", "bright")
TREATMENTS = ("scrim", "panel", "duotone")
PHOTOS = ("crowd", "portrait", "landscape")
FOCUS = {"crowd": [0.5, 0.78], "portrait": [0.68, 0.34], "landscape": [0.2, 0.85]}
FORMATS = ("instagram-square", "story", "reel", "x")
SOCIAL = ("instagram-square", "instagram-portrait", "story", "reel", "x", "facebook", "linkedin",
          "bluesky", "threads", "mastodon")
FILES = {f"{name}.jpg": shipped_photo(name) for name in PHOTOS}


def _posts(treatment: str, layout: str = "photo") -> list[dict]:
    return [{"id": f"p-{name}", "layout": layout, "background": f"{name}.jpg",
             "focus": FOCUS[name], "treatment": treatment,
             "text": {"headline": "One call should bring the *right* help",
                      "subhead": "Every street near a school, 20 mph by 2027"}}
            for name in PHOTOS]


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("treatment", TREATMENTS)
def test_text_over_every_treatment_reaches_its_contrast(
        make_jobs: JobsFactory, brand: str, treatment: str) -> None:
    jobs = make_jobs(_posts(treatment), formats=FORMATS, files=FILES,
                     extra={"brand": brand, "cta": "Email your councilmember"})
    for job in jobs:
        made = compose(job)
        assert not made.errors, made.errors
        for box in made.boxes:
            need = contrast.required(box.large)
            assert box.contrast >= need, (job.label, box.field, box.contrast, need)
        if treatment != "panel":
            assert any(name == "scrim" for name, *_ in made.scrims), job.label


def test_a_measured_scrim_is_no_stronger_than_the_text_needs(make_jobs: JobsFactory) -> None:
    """Over the dark crowd little veil is needed; over the pale sky of the landscape more."""
    jobs = make_jobs(_posts("scrim"), formats=("instagram-square",), files=FILES)
    alpha = {job.post_id: dict((n, a) for n, _, _, a in compose(job).scrims)["scrim"]
             for job in jobs}
    assert all(0 < a <= 0.94 for a in alpha.values()), alpha
    assert alpha["p-portrait"] < 0.94


@pytest.mark.parametrize("treatment", TREATMENTS)
def test_the_focus_point_lies_inside_every_formats_crop(make_jobs: JobsFactory,
                                                        treatment: str) -> None:
    jobs = make_jobs(_posts(treatment), files=FILES, languages=("en", "fa"), formats=SOCIAL)
    for job in jobs:
        rect = _photo_rect(job)
        name = job.post_id.removeprefix("p-")
        with Image.open(job.background) as source:
            size = source.size
        left, top, right, bottom = crop_box(size, (rect[2] - rect[0], rect[3] - rect[1]),
                                            job.focus)
        fx, fy = job.focus[0] * size[0], job.focus[1] * size[1]
        assert left <= fx <= right and top <= fy <= bottom, (job.label, name)
        x = rect[0] + (fx - left) / (right - left) * (rect[2] - rect[0])
        y = rect[1] + (fy - top) / (bottom - top) * (rect[3] - rect[1])
        assert 0 <= x < job.format.width and 0 <= y < job.format.height, job.label
        if treatment == "panel":  # the subject is in the photo, not behind the panel
            assert rect[1] <= y < rect[3] and rect[0] <= x < rect[2], job.label


def test_without_focus_the_crop_is_centered() -> None:
    assert crop_box((2000, 1000), (500, 500), (0.5, 0.5)) == (500.0, 0.0, 1500.0, 1000.0)


@pytest.mark.parametrize("layout", ["photo", "headline"])
@pytest.mark.parametrize("treatment", TREATMENTS)
def test_a_photo_band_has_no_seam(make_jobs: JobsFactory, layout: str, treatment: str) -> None:
    jobs = make_jobs(_posts(treatment, layout)[:2], files=FILES,
                     formats=("instagram-square", "story", "reel", "x", "facebook"))
    for job in jobs:
        scene, rect = _photo_layers_only(job)
        drawn = scene.image.convert("L").crop(rect)
        own = covered_photo(job.background, (rect[2] - rect[0], rect[3] - rect[1]), job.focus)
        layer = next(layer for layer in scene.layers if isinstance(layer, Photo))
        if treatment == "duotone":
            own = duotone(own, *duotone_colors(layer.duotone, scene))
        own_l = own.convert("L")
        for axis in ("rows", "columns"):
            seam, variation = _largest_step(drawn, axis), _largest_step(own_l, axis)
            assert seam <= variation + 3, (job.label, axis, seam, variation)


def test_a_bad_treatment_or_focus_is_a_located_error(make_jobs: JobsFactory) -> None:
    posts = [{"id": "a", "layout": "photo", "background": "crowd.jpg", "treatment": "blur",
              "text": {"headline": "Hi"}},
             {"id": "b", "layout": "photo", "background": "crowd.jpg", "focus": [0.5, 1.4],
              "text": {"headline": "Hi"}},
             {"id": "c", "layout": "photo", "background": "crowd.jpg", "focus": [0.1, 0.2, 0.3],
              "text": {"headline": "Hi"}}]
    with pytest.raises(ProblemsError) as caught:
        make_jobs(posts, files={"crowd.jpg": FILES["crowd.jpg"]})
    text = str(caught.value)
    assert "campaign.yaml:" in text
    assert "treatment" in text and "blur" in text and "scrim" in text
    assert "focus" in text and "1.4" in text
    assert "at most 2 items" in text


def _photo_rect(job: ImageJob) -> tuple[int, int, int, int]:
    scene, rect = _photo_layers_only(job, draw=False)
    return rect


def _photo_layers_only(job: ImageJob, draw: bool = True
                       ) -> tuple[Scene, tuple[int, int, int, int]]:
    """The job drawn with only its grounds, photo and scrims; the photo layer's rectangle."""
    layout = compile_layout(job.layout)
    canvas = Canvas.of(job.format, layout.margin_for(job.format, job.treatment),
                       job.direction == "rtl")
    layers = tuple(layer for layer in layout.layers_for(job.format, job.treatment)
                   if applies(layer, job))
    scene = Scene(job, canvas, Image.new("RGBA", (canvas.width, canvas.height),
                                         job.brand.colors.background), layers=layers)
    rect = canvas.rect(next(layer for layer in layers if isinstance(layer, Photo)))
    for layer in layers if draw else ():
        if layer.type in ("background", "photo", "scrim"):
            LAYER_DRAW[layer.type](layer, scene)
    return scene, rect


def _largest_step(image: Image.Image, axis: str) -> float:
    """The largest change of mean brightness between neighbouring rows (or columns)."""
    if axis == "columns":
        image = image.transpose(Image.Transpose.TRANSPOSE)
    means = [ImageStat.Stat(image.crop((0, y, image.width, y + 1))).mean[0]
             for y in range(image.height)]
    return max((abs(b - a) for a, b in zip(means, means[1:], strict=False)), default=0.0)
