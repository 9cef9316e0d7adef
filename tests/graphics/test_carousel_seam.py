"""The carousel's seam: one line at the same height through every slide, so the slides placed
side by side join — it leaves each slide at the edge toward the next one and enters the next at
the facing edge (right then left; mirrored right to left), and stops short on the outer edges;
and the last slide, whose text keeps clear of its QR code."""

from __future__ import annotations

import pytest
from graphicskit import JobsFactory
from PIL import Image

from toolkit.graphics.draw import compose

SLIDES = [{"title": {"en": f"Slide {n} says one thing", "fa": f"اسلاید {n} یک چیز می‌گوید"}}
          for n in range(1, 5)]


@pytest.mark.parametrize("fmt", ["instagram-square", "instagram-portrait", "x", "facebook"])
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_seam_runs_from_each_slide_into_the_next(make_jobs: JobsFactory, fmt: str,
                                                     lang: str) -> None:
    jobs = [j for j in make_jobs([{"id": "c", "layout": "carousel", "slides": SLIDES}],
                                 languages=("en", "fa"), formats=(fmt,)) if j.lang == lang]
    made = [compose(job) for job in sorted(jobs, key=lambda j: j.slide)]
    seams = [next(s for s in m.shapes if s.name.startswith("seam")) for m in made]
    color = seams[0].color
    assert all(s.color == color for s in seams)
    rtl = lang == "fa"
    toward_next, toward_previous = (0, -1) if rtl else (-1, 0)
    for this, following in zip(made, made[1:], strict=False):
        leaving = _rows(this.image, toward_next, color)
        entering = _rows(following.image, toward_previous, color)
        assert leaving and leaving == entering, (fmt, lang, leaving, entering)
        assert len(leaving) >= 4  # a line, not a hairline, at feed size
    # The outer edges: the line starts on the cover and ends on the last slide, inside.
    assert not _rows(made[0].image, toward_previous, color)
    assert not _rows(made[-1].image, toward_next, color)


def test_a_single_slide_carousel_draws_no_seam(make_jobs: JobsFactory) -> None:
    (job,) = make_jobs([{"id": "c", "layout": "carousel", "slides": SLIDES[:1]}],
                       languages=("en", "fa"), formats=("instagram-square",))[:1]
    assert not [s for s in compose(job).shapes if s.name.startswith("seam")]


def _rows(image: Image.Image, column: int, color: tuple[int, int, int]) -> list[int]:
    """The rows where the image's first (0) or last (-1) column is the seam's color."""
    x = 0 if column == 0 else image.width - 1
    return [y for y in range(image.height) if image.getpixel((x, y)) == color]


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_last_slides_text_keeps_clear_of_its_code(make_jobs: JobsFactory, lang: str) -> None:
    last = {"title": {"en": "Speak up by May 1", "fa": "تا ۱ مه صدایتان را برسانید"},
            "text": {"en": "Email your councilmember today, before the vote",
                     "fa": "امروز پیش از رأی‌گیری به نماینده‌تان ایمیل بزنید"}}
    slides = [*SLIDES[:3], last]
    jobs = make_jobs([{"id": "c", "layout": "carousel", "slides": slides}],
                     languages=("en", "fa"), formats=("instagram-square", "instagram-portrait",
                                                      "story", "reel", "x", "facebook"))
    for job in (j for j in jobs if j.lang == lang and j.slide == j.slides):
        made = compose(job)
        (code,) = [s.box for s in made.shapes if s.name == "qr"]
        for box in (b.box for b in made.boxes):
            assert not (box[0] < code[2] and code[0] < box[2] and box[1] < code[3]
                        and code[1] < box[3]), (job.label, box, code)
