"""Display type that fills its box, measured on what the renderer reports it drew: a short
headline spans most of the live width, the main line stays 1.6x its supporting line in every
format, display sizes are set tight, and a long word is hyphenated before the text collapses."""

from __future__ import annotations

import pytest
from graphicskit import JobsFactory, photo_bytes

from toolkit.graphics.canvas import Canvas
from toolkit.graphics.draw import Composition, compose
from toolkit.load.layoutbody import compile_layout
from toolkit.plan import ImageJob, TextBoxReport

SUBHEAD = {"en": "Public comment on May 1 at City Hall", "ko": "5월 1일 시청 공청회",
           "ar": "تعليق عام في ١ مايو في مبنى البلدية"}
MEDIUM = {"en": "One call should bring the *right* help to every neighborhood",
          "ko": "한 번의 전화로 모든 동네에 *올바른* 도움이 와야 합니다",
          "ar": "مكالمة واحدة يجب أن تجلب المساعدة *الصحيحة* لكل حي"}
SHORT = {"en": "Slow down.", "ko": "*찬성* 투표", "ar": "صوّتوا *نعم*"}
# Each layout's main text and the supporting text under it.
PAIRS = {"headline": ("headline", "subhead"), "photo": ("headline", "subhead"),
         "quote": ("quote", "attribution"), "event": ("title", "where"),
         "carousel": ("title", "text"), "flyer": ("headline", "subhead")}


def _posts(main: dict[str, str]) -> list[dict]:
    return [
        {"id": "headline", "layout": "headline", "text": {"headline": main, "subhead": SUBHEAD}},
        {"id": "photo", "layout": "photo", "background": "city.jpg",
         "text": {"headline": main, "subhead": SUBHEAD}},
        {"id": "quote", "layout": "quote", "text": {"quote": main, "attribution": SUBHEAD}},
        {"id": "event", "layout": "event",
         "text": {"title": main, "when": "May 1, 2024", "where": SUBHEAD}},
        {"id": "carousel", "layout": "carousel", "slides": [{"title": main, "text": SUBHEAD}]},
        {"id": "flyer", "layout": "flyer", "text": {"headline": main, "subhead": SUBHEAD}},
    ]


def _composed(make_jobs: JobsFactory, main: dict[str, str]) -> list[tuple[ImageJob, Composition]]:
    jobs = make_jobs(_posts(main), languages=("en", "ko", "ar"),
                     files={"city.jpg": photo_bytes()})
    return [(job, compose(job)) for job in jobs]


def _boxes(composition: Composition) -> dict[str, TextBoxReport]:
    return {box.field: box for box in composition.boxes}


def _live_width(job: ImageJob) -> int:
    layout = compile_layout(job.layout)
    left, _, right, _ = Canvas.of(job.format, layout.margin_for(job.format), False).live
    return right - left


def test_a_two_word_headline_spans_most_of_the_live_width(make_jobs: JobsFactory) -> None:
    jobs = make_jobs([{"id": "slow", "layout": "headline",
                       "text": {"headline": "Slow down.", "subhead": SUBHEAD["en"]}}])
    fills = {}
    for job in jobs:
        composition = compose(job)
        assert composition.errors == []
        box = _boxes(composition)["headline"]
        fills[job.format.name] = (box.box[2] - box.box[0]) / _live_width(job)
        assert len(box.lines) == 1, (job.format.name, box.lines)
    # the measure: at least three quarters of the live width (it was ~65 % on the
    # square), on the square and on every other format of the headline layout
    assert fills["instagram-square"] >= 0.75, fills
    assert min(fills.values()) >= 0.75, fills


@pytest.mark.parametrize("text", [SHORT, MEDIUM], ids=["short", "medium"])
def test_the_main_line_is_1_6_times_its_supporting_line_in_every_format(
        make_jobs: JobsFactory, text: dict[str, str]) -> None:
    for job, composition in _composed(make_jobs, text):
        assert composition.errors == [], job.label
        boxes = _boxes(composition)
        main, support = PAIRS[job.post_id]
        ratio = boxes[main].size / boxes[support].size
        assert ratio >= 1.6, (job.label, boxes[main].size, boxes[support].size)


def test_the_hierarchy_holds_for_a_long_headline_where_the_floors_allow(
        make_jobs: JobsFactory) -> None:
    long_text = ("Our city needs a *comprehensive* unarmed crisis response system that sends "
                 "trained responders to every neighborhood, day and night")
    jobs = make_jobs([{"id": "headline", "layout": "headline",
                       "text": {"headline": long_text, "subhead": SUBHEAD["en"]}},
                      {"id": "quote", "layout": "quote",
                       "text": {"quote": long_text, "attribution": "Ana Pérez"}}])
    for job in jobs:
        composition = compose(job)
        boxes = _boxes(composition)
        main = "headline" if job.post_id == "headline" else "quote"
        other = "subhead" if job.post_id == "headline" else "attribution"
        assert boxes[main].size >= 1.6 * boxes[other].size, job.label


def test_display_sizes_are_set_tight(make_jobs: JobsFactory) -> None:
    jobs = make_jobs([{"id": "call", "layout": "headline", "text": {"headline": MEDIUM["en"]}}],
                     formats=("instagram-square", "instagram-portrait", "x", "facebook"))
    for job in jobs:
        box = _boxes(compose(job))["headline"]
        assert len(box.baselines) >= 2, (job.label, box.lines)
        pitches = {b - a for a, b in zip(box.baselines, box.baselines[1:], strict=False)}
        for pitch in pitches:
            assert 0.95 <= pitch / box.size <= 1.05, (job.label, box.size, pitches)


def test_text_sizes_keep_text_leading(make_jobs: JobsFactory) -> None:
    """The subhead (body text at text size) keeps its open leading."""
    jobs = make_jobs([{"id": "call", "layout": "headline",
                       "text": {"headline": "Slow down.",
                                "subhead": "$1M to plan centralized dispatch for unarmed "
                                           "response across the whole city"}}],
                     formats=("instagram-square",))
    box = _boxes(compose(jobs[0]))["subhead"]
    assert len(box.baselines) >= 2
    assert (box.baselines[1] - box.baselines[0]) / box.size >= 1.25


def test_a_long_word_is_hyphenated_before_the_headline_collapses(
        make_jobs: JobsFactory) -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitän"  # 42 letters
    jobs = make_jobs([{"id": "long", "layout": "headline",
                       "text": {"headline": f"Ask the {word}", "subhead": SUBHEAD["en"]}}],
                     formats=("instagram-square", "x"))
    for job in jobs:
        composition = compose(job)
        assert composition.errors == []
        box = _boxes(composition)["headline"]
        assert box.size >= 1.3 * box.min_size, (job.label, box.size, box.min_size)
        assert any(line.endswith("-") for line in box.lines), box.lines
        assert "".join(line.removesuffix("-") for line in box.lines).endswith(word)
        assert any("broken" in p.message for p in composition.problems)  # still told


def test_no_broken_word_warning_when_the_words_are_set_whole(make_jobs: JobsFactory) -> None:
    """A trial at a larger size may break a word; only the size the text is set at counts."""
    jobs = make_jobs([{"id": "member", "layout": "headline",
                       "text": {"headline": "Councilmember Bob Blumenfield: fund *unarmed* "
                                            "crisis response",
                                "subhead": "Council District 3 asks for $3M+ in the 2024-25 "
                                           "budget"}}],
                     formats=("story", "instagram-square", "x"))
    for job in jobs:
        composition = compose(job)
        box = _boxes(composition)["headline"]
        assert not any(line.endswith("-") for line in box.lines), box.lines
        assert not [p for p in composition.problems if "broken" in p.message], job.label


def test_a_number_is_never_broken_even_when_the_box_is_narrow(make_jobs: JobsFactory) -> None:
    jobs = make_jobs([{"id": "n", "layout": "stat",
                       "text": {"number": "1,250,000", "headline": "people served"}}])
    for job in jobs:
        composition = compose(job)
        number = _boxes(composition).get("number") or _boxes(composition).get("side-number")
        if number is None:  # it did not fit: a located error, never a split number
            assert any("does not fit" in p.message for p in composition.errors), job.label
            continue
        assert number.lines == ("1,250,000",), (job.label, number.lines)
