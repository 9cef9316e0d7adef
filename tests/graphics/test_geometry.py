"""Every shipped layout in every built-in format keeps its text in frame, margins and safe area."""

from __future__ import annotations

import math

import pytest
from graphicskit import JobsFactory, photo_bytes, write_campaign

from toolkit.graphics.canvas import READABLE_SHARE, Canvas
from toolkit.graphics.draw import compose
from toolkit.load.layoutbody import compile_layout
from toolkit.plan import ImageJob

LANGS = ("en", "ko", "ar")
TEXTS = {
    "short": {"en": "Vote *yes*", "ko": "*찬성* 투표", "ar": "صوّتوا *نعم*"},
    "medium": {
        "en": "One call should bring the *right* help to every neighborhood",
        "ko": "한 번의 전화로 모든 동네에 *올바른* 도움이 와야 합니다",
        "ar": "مكالمة واحدة يجب أن تجلب المساعدة *الصحيحة* لكل حي",
    },
    "long": {  # about 20 words: the most DESIGN.md allows on an image
        "en": "Our city needs a *comprehensive* unarmed crisis response system that sends "
              "trained responders to every neighborhood, day and night",
        "ko": "우리 도시에는 훈련된 대응 인력을 모든 동네에 밤낮으로 보내는 *포괄적인* 비무장 위기 "
              "대응 시스템이 필요합니다",
        "ar": "تحتاج مدينتنا إلى نظام *شامل* للاستجابة للأزمات دون سلاح يرسل مستجيبين مدربين "
              "إلى كل حي ليلا ونهارا",
    },
}
SUPPORT = {"en": "Public comment on May 1 at City Hall", "ko": "5월 1일 시청 공청회",
           "ar": "تعليق عام في ١ مايو في مبنى البلدية"}


def _posts(text: dict[str, str]) -> list[dict]:
    return [
        {"id": "headline", "layout": "headline", "text": {"headline": text, "subhead": SUPPORT}},
        {"id": "quote", "layout": "quote", "text": {"quote": text, "attribution": "Ana Pérez"}},
        {"id": "stat", "layout": "stat", "text": {"number": "$3M+", "headline": text}},
        {"id": "photo", "layout": "photo", "background": "city.jpg", "focus": [0.7, 0.3],
         "text": {"headline": text, "subhead": SUPPORT}},
        {"id": "event", "layout": "event",
         "text": {"title": text, "when": "Wednesday, May 1, 2024, 10:00 AM",
                  "where": SUPPORT}},
        {"id": "carousel", "layout": "carousel",
         "slides": [{"title": text, "text": SUPPORT}, {"title": text}]},
        {"id": "flyer", "layout": "flyer", "text": {"headline": text, "subhead": SUPPORT}},
    ]


@pytest.fixture(scope="module")
def composed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """Every length's campaign, composed once: (job, composition) pairs per length."""
    from toolkit.load.campaign import load_campaign
    from toolkit.load.workspace import load_workspace
    from toolkit.plan import plan_campaign

    results = {}
    for length, text in TEXTS.items():
        root = write_campaign(tmp_path_factory.mktemp(length), _posts(text), LANGS,
                              files={"city.jpg": photo_bytes()})
        plan = plan_campaign(load_campaign(load_workspace(root), "t"))
        results[length] = [(job, compose(job)) for job in plan.jobs]
    return results


@pytest.mark.parametrize("length", list(TEXTS))
def test_every_layout_and_format_fits_without_errors(composed: dict, length: str) -> None:
    errors = [str(p) for _, c in composed[length] for p in c.errors]
    assert errors == []


@pytest.mark.parametrize("length", list(TEXTS))
def test_every_text_box_stays_in_frame_live_area_and_safe_zone(composed: dict,
                                                               length: str) -> None:
    checked = 0
    for job, composition in composed[length]:
        live = _live(job)
        safe = _safe(job)
        assert live[0] - 0 >= 0.06 * min(job.format.width, job.format.height) - 1
        for box in composition.boxes:
            where = f"{box.field} in {job.label}"
            assert _inside(box.box, box.frame), where
            if box.field in ("strip-link", "cta") and job.format.name == "story":
                # The story's brand strip sits in its call-to-action band, under the live area.
                band = (live[0], live[3], live[2], job.format.height)
                assert _inside(box.frame, band), where
                checked += 1
                continue
            assert _inside(box.frame, live), where
            assert _inside(box.box, safe), where
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("length", list(TEXTS))
def test_sizes_respect_minimums_and_stay_readable(composed: dict, length: str) -> None:
    for job, composition in composed[length]:
        floor = math.ceil(READABLE_SHARE * job.format.width)
        for box in composition.boxes:
            assert box.size >= box.min_size >= floor, f"{box.field} in {job.label}"


def test_main_line_is_large_on_a_1080_feed_image(composed: dict) -> None:
    for job, composition in composed["short"]:
        if job.format.name != "instagram-square" or job.lang != "en":
            continue
        sizes = {box.field: box.size for box in composition.boxes}
        main = sizes.get("headline") or sizes.get("quote") or sizes.get("title")
        assert main is not None and main >= 70, job.label
        if "number" in sizes:
            assert sizes["number"] > 2 * sizes["headline"]


def test_every_layout_renders_each_shape_differently(composed: dict) -> None:
    """Wide formats get their own composition, not a stretched square."""
    frames = {}
    for job, composition in composed["medium"]:
        if job.lang == "en" and job.post_id == "stat" and composition.boxes:
            frames[job.format.shape] = composition.boxes[0].frame
    square, wide = frames["square"], frames["landscape"]
    assert (wide[2] - wide[0]) < 0.6 * (1600 if wide[2] > 1200 else 1200)
    assert (square[2] - square[0]) > 0.8 * 1080


def _live(job: ImageJob) -> tuple[int, int, int, int]:
    layout = compile_layout(job.layout)
    return Canvas.of(job.format, layout.margin_for(job.format), job.direction == "rtl").live


def _safe(job: ImageJob) -> tuple[int, int, int, int]:
    top, right, bottom, left = job.format.safe
    return (left, top, job.format.width - right, job.format.height - bottom)


def _inside(inner: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    return (inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2]
            and inner[3] <= outer[3])


def test_make_jobs_factory_plans_one_job_per_format(make_jobs: JobsFactory) -> None:
    jobs = make_jobs([{"id": "a", "layout": "headline", "text": {"headline": "Hi"}}],
                     formats=("instagram-square", "story"))
    assert [job.format.name for job in jobs] == ["instagram-square", "story"]
