"""The layouts poster, photo-panel and date: every social format (story and reel too), four
scripts and three brands, without errors, text in frame, and each doing its one job."""

from __future__ import annotations

import pytest
from graphicskit import JobsFactory, shipped_photo
from PIL import Image, ImageChops

from toolkit.graphics import contrast
from toolkit.graphics.canvas import Canvas
from toolkit.graphics.draw import compose
from toolkit.graphics.poster import slogan_words
from toolkit.load.layoutbody import compile_layout

LANGS = ("en", "es", "ko", "fa")
SOCIAL = ("instagram-square", "instagram-portrait", "story", "reel", "x", "facebook",
          "linkedin", "bluesky", "threads", "mastodon")
SLOGAN = {"en": "Care not cops", "es": "Cuidado, no policía", "ko": "경찰 대신 돌봄",
          "fa": "مراقبت، نه پلیس"}
SUB = {"en": "Tell City Council by May 1", "es": "Díganle al Concejo antes del 1 de mayo",
       "ko": "5월 1일까지 시의회에 알리세요", "fa": "تا ۱ مه به شورای شهر بگویید"}
POSTS = [
    {"id": "poster", "layout": "poster", "text": {"headline": SLOGAN, "subhead": SUB}},
    {"id": "panel", "layout": "photo-panel", "background": "portrait.jpg",
     "focus": [0.68, 0.34],
     "text": {"headline": {"en": "One call should bring the *right* help",
                           "es": "Una llamada debe traer la ayuda *adecuada*",
                           "ko": "전화 한 통이면 *알맞은* 도움이 와야 합니다",
                           "fa": "یک تماس باید کمک *درست* را بیاورد"}, "subhead": SUB}},
    {"id": "date", "layout": "date",
     "text": {"month": {"en": "May", "es": "mayo", "ko": "5월", "fa": "مه"},
              "day": {"en": "1", "es": "1", "ko": "1일", "fa": "۱"},
              "weekday": {"en": "Wednesday", "es": "miércoles", "ko": "수요일", "fa": "چهارشنبه"},
              "time": {"en": "10:00 AM", "es": "10:00 a. m.", "ko": "오전 10:00",
                       "fa": "ساعت ۱۰ صبح"},
              "title": {"en": "Public comment on the budget",
                        "es": "Comentario público sobre el presupuesto", "ko": "예산 공청회",
                        "fa": "نظر عمومی درباره بودجه"},
              "place": {"en": "City Hall, 200 North Spring Street",
                        "es": "Ayuntamiento, 200 North Spring Street",
                        "ko": "시청, 200 North Spring Street", "fa": "شهرداری، خیابان اسپرینگ"}}},
]
# The reworked event with a calendar tile: the date post's texts under event's field names.
_DATE = POSTS[2]["text"]
POSTS.append({"id": "event", "layout": "event",
              "text": {"month": _DATE["month"], "day": _DATE["day"], "when": _DATE["weekday"],
                       "time": _DATE["time"], "title": _DATE["title"], "where": _DATE["place"]}})


@pytest.mark.parametrize("brand", ["default", "light", "bright"])
def test_new_layouts_work_in_every_format_script_and_brand(make_jobs: JobsFactory,
                                                           brand: str) -> None:
    jobs = make_jobs(POSTS, languages=LANGS, formats=SOCIAL,
                     files={"portrait.jpg": shipped_photo("portrait")},
                     extra={"brand": brand, "cta": "Email your councilmember"})
    assert {(j.post_id, j.format.name, j.lang) for j in jobs} == {
        (p["id"], f, lang) for p in POSTS for f in SOCIAL for lang in LANGS}
    for job in jobs:
        made = compose(job)
        assert not made.errors, made.errors
        for box in made.boxes:
            assert _inside(box.box, box.frame), (job.label, box.field)
            assert box.contrast >= contrast.required(box.large), (job.label, box.field)


def test_each_poster_line_fills_the_live_width(make_jobs: JobsFactory) -> None:
    jobs = make_jobs(POSTS[:1], languages=LANGS, formats=("instagram-square", "story", "x"))
    for job in jobs:
        made = compose(job)
        live = _live(job)
        lines = [b for b in made.boxes if b.field == "headline"]
        assert len(lines) >= 1, job.label
        # Each line is as wide as the live area, unless the box's height scaled them all down.
        width = live[2] - live[0]
        assert max(b.box[2] - b.box[0] for b in lines) >= 0.55 * width, job.label
        short = min(job.format.width, job.format.height)
        for line in lines:  # or it reached the poster's largest size (a short word alone)
            assert (line.box[2] - line.box[0] >= 0.55 * width
                    or line.size >= 0.4 * short), (job.label, line.lines)
        if job.format.name == "instagram-square" and job.lang == "en":
            assert [b.lines for b in lines] == [("CARE",), ("NOT",), ("COPS",)]
            assert all(b.box[2] - b.box[0] >= 0.75 * (live[2] - live[0]) for b in lines)


@pytest.mark.parametrize("fmt", ["instagram-square", "instagram-portrait", "story", "reel",
                                 "x", "facebook", "linkedin", "bluesky"])
def test_the_widest_poster_line_fills_the_live_width_in_pixels(make_jobs: JobsFactory,
                                                               fmt: str) -> None:
    # Hangul and Persian slogans once stood as a narrow column ("경찰 / 대신 / 돌봄" at 59 % of
    # a portrait) or a narrow pair ("مراقبت، / نه پلیس" at 52 % of a Facebook image).
    for job in make_jobs(POSTS[:1], languages=LANGS, formats=(fmt,)):
        made = compose(job)
        lines = [b for b in made.boxes if b.field == "headline"]
        left, _, right, _ = lines[0].frame
        ground = made.image.getpixel((left, lines[0].frame[1]))
        widest = max(_ink_width(made, (left, b.box[1], right, b.box[3]), ground) for b in lines)
        # Latin lines stacked to the height may stay a little narrower ("CARE / NOT / COPS").
        least = 0.85 if job.lang in ("ko", "fa") else 0.75
        assert widest >= least * (right - left), (job.label, widest / (right - left))


def _ink_width(made, box: tuple[int, int, int, int], ground: object) -> int:
    """How wide the marks differing from the ground are inside box, in px."""
    crop = made.image.crop(box)
    ink = ImageChops.difference(crop, Image.new("RGB", crop.size, ground)).convert("L")
    found = ink.point(lambda v: 255 if v > 60 else 0).getbbox()
    return found[2] - found[0] if found else 0


def test_a_poster_of_too_many_words_is_set_as_a_headline_with_a_warning(
        make_jobs: JobsFactory) -> None:
    words = "one two three four five six seven eight nine ten eleven twelve"
    (job,) = make_jobs([{"id": "p", "layout": "poster", "text": {"headline": words}}],
                       formats=("instagram-square",))
    made = compose(job)
    assert not made.errors
    assert any("a poster sets 2 to 6 words" in p.message for p in made.problems)


def test_the_date_tile_sets_the_day_far_larger_than_the_title(make_jobs: JobsFactory) -> None:
    for job in make_jobs(POSTS[2:3], languages=LANGS, formats=SOCIAL):
        sizes = {b.field: b.size for b in compose(job).boxes}
        assert sizes["day"] >= 1.5 * sizes["title"], job.label
        assert sizes["month"] < sizes["day"], job.label


def _live(job) -> tuple[int, int, int, int]:
    layout = compile_layout(job.layout)
    return Canvas.of(job.format, layout.margin_for(job.format, job.treatment),
                     job.direction == "rtl").live


def _inside(inner: tuple[int, ...], outer: tuple[int, ...]) -> bool:
    return (inner[0] >= outer[0] - 1 and inner[1] >= outer[1] - 1
            and inner[2] <= outer[2] + 1 and inner[3] <= outer[3] + 1)


def test_an_event_with_month_and_day_draws_the_tile_and_keeps_the_title_largest(
        make_jobs: JobsFactory) -> None:
    for job in make_jobs(POSTS[3:], languages=LANGS, formats=SOCIAL):
        sizes = {b.field: b.size for b in compose(job).boxes}
        assert {"month", "day", "when", "time", "title", "where"} <= set(sizes), job.label
        assert sizes["title"] > sizes["when"] and sizes["title"] > sizes["time"], job.label


MORE = {  # scripts beyond the four above: Han, kana, Armenian, Arabic, Cyrillic, Devanagari, Thai
    "zh": ("要关怀，不要警察", "五月", "1"), "ja": ("警察より ケアを", "5月", "1"),
    "hy": ("Խնամք, ոչ ոստիկանություն", "մայիս", "1"), "ar": ("رعاية لا شرطة", "مايو", "١"),
    "ru": ("Забота, а не полиция", "май", "1"), "hi": ("पुलिस नहीं, देखभाल", "मई", "1"),
    "th": ("การดูแล ไม่ใช่ตำรวจ", "พ.ค.", "1"),
}


def test_new_layouts_set_every_script_the_engine_supports(make_jobs: JobsFactory) -> None:
    def each(index: int) -> dict[str, str]:
        return {lang: words[index] for lang, words in MORE.items()}

    posts = [{"id": "poster", "layout": "poster", "text": {"headline": each(0)}},
             {"id": "panel", "layout": "photo-panel", "background": "portrait.jpg",
              "text": {"headline": each(0)}},
             {"id": "date", "layout": "date",
              "text": {"month": each(1), "day": each(2), "title": each(0)}}]
    jobs = make_jobs(posts, languages=tuple(MORE), formats=("instagram-square", "story", "x"),
                     files={"portrait.jpg": shipped_photo("portrait")})
    assert len(jobs) == 3 * 3 * len(MORE)
    for job in jobs:
        made = compose(job)
        assert not made.errors, (job.label, made.errors)
        assert not [p for p in made.problems if "no font" in p.message], job.label
        width, height = made.image.size
        for box in made.boxes:
            left, top, right, bottom = box.box
            assert 0 <= left < right <= width and 0 <= top < bottom <= height, job.label


def test_a_poster_in_an_unspaced_script_breaks_after_its_punctuation(
        make_jobs: JobsFactory) -> None:
    assert slogan_words("要关怀，不要警察") == (["要关怀，", "不要警察"], [" ", ""])
    assert slogan_words("Care not cops")[0] == ["Care", "not", "cops"]
    post = {"id": "poster", "layout": "poster", "text": {"headline": "要关怀，不要警察"}}
    for job in make_jobs([post], languages=("zh",), formats=("instagram-square", "story")):
        made = compose(job)
        assert not made.errors, made.errors
        lines = [" ".join(box.lines) for box in made.boxes]
        assert lines[:2] == ["要关怀，", "不要警察"], (job.label, lines)  # then the strip
