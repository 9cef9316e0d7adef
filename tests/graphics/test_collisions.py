"""Nothing drawn on top of words: no two texts share pixels, and no text runs under a QR code.

Measured on what was drawn (each text's ink box and the QR code with its quiet zone), for
every social image of the example campaign and for a carousel whose last slide has long words
in four scripts, where the QR code once covered the second line of Spanish.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from graphicskit import JobsFactory

from toolkit.graphics.draw import Composition, compose
from toolkit.load.campaign import load_campaign
from toolkit.load.workspace import load_workspace
from toolkit.plan import plan_campaign

ROOT = Path(__file__).resolve().parents[2]
Box = tuple[int, int, int, int]


def _meet(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _collisions(made: Composition) -> list[tuple[str, str]]:
    drawn = [(box.field, box.box) for box in made.boxes]
    drawn += [("qr", shape.box) for shape in made.shapes if shape.name == "qr"]
    return [(a, b) for i, (a, box_a) in enumerate(drawn) for b, box_b in drawn[i + 1:]
            if _meet(box_a, box_b)]


def test_no_text_meets_another_or_a_qr_code_in_the_example_campaign(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    campaign = load_campaign(load_workspace(ROOT), "la-unarmed-response-2024")
    jobs = [job for job in plan_campaign(campaign).jobs if job.format.kind == "social"]
    found = {}
    with_qr = 0
    for job in jobs:
        made = compose(job)
        with_qr += any(shape.name == "qr" for shape in made.shapes)
        if collisions := _collisions(made):
            found[job.label] = collisions
    assert not found
    assert len(jobs) > 300 and with_qr >= 18  # the carousel's last slide in every format


LAST_SLIDE = {
    "en": "Speak up before the council votes on the budget",
    "es": "Alcen la voz antes de que el concejo vote el presupuesto",
    "ko": "시의회가 예산을 표결하기 전에 목소리를 내세요",
    "fa": "پیش از رأی شورا به بودجه صدایتان را بلند کنید",
}
LAST_TEXT = {
    "en": "Email your councilmember today: it takes two minutes",
    "es": "Escriban hoy a su concejal: toma dos minutos",
    "ko": "오늘 시의원에게 이메일을 보내세요: 2분이면 됩니다",
    "fa": "امروز به عضو شورای خود ایمیل بزنید: دو دقیقه طول می‌کشد",
}


def test_the_carousel_qr_code_stays_clear_of_a_long_last_slide_in_four_scripts(
        make_jobs: JobsFactory) -> None:
    post = {"id": "c", "layout": "carousel",
            "slides": [{"title": "Our ask"}, {"title": LAST_SLIDE, "text": LAST_TEXT}]}
    jobs = make_jobs([post], languages=("en", "es", "ko", "fa"))
    last = [job for job in jobs if job.format.kind == "social" and job.slide == 2]
    assert len(last) >= 36
    for job in last:
        made = compose(job)
        assert not made.errors, made.errors
        assert [s for s in made.shapes if s.name == "qr"], job.label
        assert not _collisions(made), (job.label, _collisions(made))


def test_a_qr_code_reports_its_modules_and_their_contrast(make_jobs: JobsFactory) -> None:
    post = {"id": "c", "layout": "carousel", "slides": [{"title": "One"}, {"title": "Act"}]}
    [job] = [j for j in make_jobs([post], formats=("instagram-square",)) if j.slide == 2]
    made = compose(job)
    [qr] = [s for s in made.shapes if s.name == "qr"]
    left, top, right, bottom = qr.box  # the code with its quiet zone
    assert right - left == bottom - top >= 0.2 * 1080
    square = made.image.convert("RGB").crop(qr.box)
    colors = {color for _, color in square.getcolors(1 << 20) or []}
    assert colors == {(0, 0, 0), (255, 255, 255)}  # nothing else drawn inside it
    assert qr.contrast == 21.0


OVERLAPPING = b"""description: A QR code laid over its own headline.
fields:
  headline: {required: true}
margin: 0.08
layers:
  - type: background
    fill: dark
  - type: text
    field: headline
    box: [0, 0, 1, 0.6]
    font: heading
    size: 0.12
  - type: qr
    box: [0, 0.2, 1, 0.6]
    side: 0.3
    valign: top
"""


def test_a_qr_code_over_words_is_a_warning_at_its_layer(make_jobs: JobsFactory) -> None:
    post = {"id": "o", "layout": "overlap", "text": {"headline": "Speak up before the vote"}}
    [job] = make_jobs([post], formats=("instagram-square",),
                      files={"templates/graphics/overlap.yaml": OVERLAPPING})
    made = compose(job)
    assert _collisions(made) == [("headline", "qr")]
    [warning] = [p for p in made.problems if "covers" in p.message]
    assert not warning.is_error
    assert "covers headline" in warning.message
    assert str(warning.location).endswith("overlap.yaml:13:5"), warning.location
