"""A post's own link on the event and date layouts: written out in short form under the place,
and with `qr` as a QR code of that link that keeps clear of every other mark, in every social
format, script and brand; dropped (the written link kept) where the layout says it cannot fit."""

from __future__ import annotations

import pytest
import segno
from graphicskit import JobsFactory
from test_new_layouts import LANGS, POSTS, SOCIAL

from toolkit.graphics.draw import Composition, compose
from toolkit.plan import derive_alt

LINK = "https://www.mobilize.us/laforward/event/612345/"  # a long link: a version 4 code
LABEL = {"en": "RSVP", "es": "Inscríbase", "ko": "참가 신청", "fa": "ثبت‌نام"}
WHEN = {"en": "Wednesday, May 1, 10:00 AM", "es": "miércoles 1 de mayo, 10:00 a. m.",
        "ko": "5월 1일 수요일 오전 10:00", "fa": "چهارشنبه ۱ مه، ساعت ۱۰ صبح"}
# The link-card sizes have no room for a code that scans; nor has the reel beside the event's
# tile. The written link stays there.
NO_CODE = {"facebook", "linkedin", "bluesky", "mastodon"}
NO_EVENT_CODE = NO_CODE | {"reel"}
SMALLEST_MODULE = 5  # px


def _linked(post: dict, post_id: str, **changes: object) -> dict:
    return {**post, "id": post_id, "link": LINK, "qr": True,
            "text": {**post["text"], "link_label": LABEL}, **changes}


DATED_EVENT = POSTS[3]
UNDATED_EVENT = {**DATED_EVENT, "text": {
    key: value for key, value in DATED_EVENT["text"].items() if key not in ("month", "day")}
    | {"when": WHEN}}
LINKED = [_linked(POSTS[2], "date"), _linked(DATED_EVENT, "event"),
          _linked(UNDATED_EVENT, "undated")]


@pytest.mark.parametrize("brand", ["default", "light", "bright"])
def test_the_code_keeps_clear_of_every_mark_in_every_format_script_and_brand(
        make_jobs: JobsFactory, brand: str) -> None:
    jobs = make_jobs(LINKED, languages=LANGS, formats=SOCIAL,
                     extra={"brand": brand, "cta": "Email your councilmember"})
    for job in jobs:
        made = compose(job)
        assert not made.errors, made.errors
        codes = [s for s in made.shapes if s.name in ("qr", "panel-qr")]
        dropped = NO_EVENT_CODE if job.post_id != "date" else NO_CODE
        assert len(codes) == (job.format.name not in dropped), job.label
        assert _written_link(made) == f"{LABEL[job.lang]} mobilize.us/laforward/event/612345", (
            job.label)
        marks = [b.box for b in made.boxes] + list(made.logos) + [
            s.box for s in made.shapes if s.name in ("tile", "band", "panel")]
        for code in codes:
            left, top, right, bottom = code.box
            assert 0 <= left and right <= job.format.width, job.label
            assert 0 <= top and bottom <= job.format.height, job.label
            assert code.contrast >= code.target, job.label
            assert not [m for m in marks if _overlap(code.box, m)
                        and not _holds(m, code.box)], job.label
            assert _module_px(code.box, LINK) >= SMALLEST_MODULE, job.label
        texts = [b.box for b in made.boxes]
        assert not [(a, b) for i, a in enumerate(texts) for b in texts[i + 1:]
                    if _overlap(a, b)], job.label


def test_the_code_encodes_the_posts_link_module_for_module(make_jobs: JobsFactory) -> None:
    jobs = make_jobs(LINKED[:2], languages=LANGS, formats=("instagram-square", "story"))
    for job in (j for j in jobs if j.lang in ("en", "fa")):
        made = compose(job)
        (code,) = [s for s in made.shapes if s.name == "qr"]
        assert _read(made, code.box, LINK) == _matrix(LINK), job.label


def test_a_link_without_qr_is_written_and_draws_no_code(make_jobs: JobsFactory) -> None:
    posts = [_linked(POSTS[2], "date", link="https://mobilize.us/la/1234/", qr=False)]
    for job in make_jobs(posts, languages=LANGS, formats=("instagram-square", "x")):
        made = compose(job)
        assert not [s for s in made.shapes if s.name == "qr"], job.label
        assert _written_link(made) == f"{LABEL[job.lang]} mobilize.us/la/1234", job.label


def test_the_alt_text_reads_the_written_link(make_jobs: JobsFactory) -> None:
    for job in make_jobs(LINKED[:1], languages=LANGS, formats=("instagram-square",)):
        assert derive_alt(job).endswith(f"{LABEL[job.lang]} mobilize.us/laforward/event/612345"
                                        ), derive_alt(job)


def test_without_a_link_qr_encodes_the_campaign_link_and_writes_no_row(
        make_jobs: JobsFactory) -> None:
    job = make_jobs([{**POSTS[2], "qr": True}], languages=LANGS,
                    formats=("instagram-square",))[0]
    made = compose(job)
    (code,) = [s for s in made.shapes if s.name == "qr"]
    assert _read(made, code.box, job.qr_url) == _matrix(job.qr_url)
    assert _written_link(made) == ""


def test_without_link_or_qr_the_layouts_are_as_before(make_jobs: JobsFactory) -> None:
    for job in make_jobs(POSTS[2:], languages=LANGS, formats=("instagram-square", "story", "x")):
        made = compose(job)
        assert not [s for s in made.shapes if s.name in ("qr", "panel-qr")], job.label
        assert _written_link(made) == "", job.label


def _written_link(made: Composition) -> str:
    rows = [" ".join(b.lines) for b in made.boxes if "mobilize" in "".join(b.lines)]
    return " ".join(" ".join(rows).replace("\u200b", "").replace("/ ", "/").split())


def _overlap(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _holds(outer: tuple[int, ...], inner: tuple[int, ...]) -> bool:
    """The undated event's panel holds its code: that is no collision."""
    return (outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2]
            and inner[3] <= outer[3])


def _matrix(data: str) -> list[list[bool]]:
    return [[bool(v) for v in row] for row in segno.make(data, error="m", micro=False).matrix]


def _module_px(box: tuple[int, ...], data: str) -> float:
    return (box[2] - box[0]) / (len(_matrix(data)) + 8)


def _read(made: Composition, box: tuple[int, ...], data: str) -> list[list[bool]]:
    """The code's modules as drawn: the centre pixel of each, dark or not."""
    image = made.image.convert("L")
    modules = len(_matrix(data))
    step = _module_px(box, data)
    return [[image.getpixel((round(box[0] + (4 + x + 0.5) * step),
                             round(box[1] + (4 + y + 0.5) * step))) < 128  # type: ignore[operator]
             for x in range(modules)] for y in range(modules)]

