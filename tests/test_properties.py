"""Properties over generated input: bad input only ever ends in a located error; text fits;
counters agree with their definitions; located JSON points at the right values.

Every test is derandomized with no example database, so a run is the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regex
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PIL import Image

from toolkit.build import prepare_campaign
from toolkit.captions import counting
from toolkit.captions.templates import TemplateRenderer, TemplateSource
from toolkit.captions.threads import split_thread
from toolkit.errors import Location, ToolkitError
from toolkit.graphics.text.fit import TextFitError, TextStyle, draw_text, fit_text
from toolkit.graphics.text.fonts import MissingGlyphError, bundled_fonts_dir, font_chain
from toolkit.load.jsonsource import locate
from toolkit.load.workspace import load_workspace
from toolkit.load.yamlsource import load_yaml

BASE = Path(__file__).parent / "fixtures" / "base"


def _settings(examples: int) -> settings:
    return settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- random campaigns end in a located error or a valid campaign --------------------------------

FIELD_NAMES = ["title", "organization", "url", "languages", "brand", "formats", "hashtags",
               "mentions", "summary", "body", "talking_points", "dates", "posts", "action",
               "id", "layout", "text", "slides", "caption", "alt", "background", "focus",
               "thread", "headline", "subhead", "number", "quote", "start", "end", "location",
               "email", "subject", "targets", "lookup", "zip", "geojson", "en", "es", "x"]

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["https://example.org", "javascript:alert(1)", "headline", "stat",
                     "carousel", "x", "bluesky", "en", "es", "../../etc/passwd", "/etc/passwd",
                     "targets.csv", "{{ post.id }}", "{{ nope }}", "{% if %}", "*emph*",
                     "2024-05-01", "May 1"]),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(timezones=st.sampled_from([None, dt.UTC])),
)
KEYS = st.one_of(st.sampled_from(FIELD_NAMES), st.text(min_size=1, max_size=12))
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(KEYS, children, max_size=6)),
    max_leaves=30,
)
POST = st.fixed_dictionaries(
    {"id": st.sampled_from(["main", "a-b", "Main", ""]),
     "layout": st.sampled_from(["headline", "stat", "quote", "carousel", "nope", "../x"])},
    optional={"text": DOCUMENTS, "caption": DOCUMENTS, "alt": DOCUMENTS, "slides": DOCUMENTS,
              "background": DOCUMENTS, "focus": DOCUMENTS, "formats": DOCUMENTS,
              "thread": DOCUMENTS})
CAMPAIGNS = st.fixed_dictionaries(
    {"title": DOCUMENTS, "url": st.sampled_from(["https://example.org/demo", "ftp://x"]),
     "formats": st.sampled_from([["x"], ["bluesky", "story"], ["nope"]]),
     "posts": st.lists(POST, max_size=3)},
    optional={name: DOCUMENTS for name in ("languages", "hashtags", "mentions", "summary",
                                           "dates", "talking_points", "action", "brand")})


VALID = {
    "title": {"en": "Demo", "es": "Demo es"}, "url": "https://example.org/demo",
    "languages": ["en", "es"], "formats": ["x", "bluesky"], "hashtags": ["Demo"],
    "summary": "A *summary*", "talking_points": ["One"],
    "dates": [{"title": "Hearing", "start": dt.date(2026, 5, 1)}],
    "posts": [{"id": "main", "layout": "headline", "text": {"headline": {"en": "Hi", "es": "Ho"}},
               "caption": "{{ post.text.headline }} {{ url }}"},
              {"id": "slides", "layout": "carousel", "slides": [{"title": "One", "text": "Two"}]}],
    "action": {"email": {"subject": "Hi", "body": "Dear {{ target.name }}",
                         "targets": "targets.csv"}},
}


def _replace(document: Any, path: list[int], value: Any) -> Any:
    """document with the value at a path (indices into its keys or items) replaced."""
    if not path or not isinstance(document, dict | list) or not document:
        return value
    keys = list(document) if isinstance(document, dict) else list(range(len(document)))
    key = keys[path[0] % len(keys)]
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[key] = _replace(document[key], path[1:], value)
    return copy


MUTATED = st.builds(_replace, st.just(VALID), st.lists(st.integers(0, 10), max_size=6),
                    st.one_of(SCALARS, DOCUMENTS))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("props") / "ws"
    shutil.copytree(BASE, root)
    yield root


def _check(root: Path, data: bytes) -> None:
    """Load and prepare a campaign from data: it may be refused, but only with a ToolkitError."""
    (root / "campaigns/demo/campaign.yaml").write_bytes(data)
    try:
        load_yaml(root / "campaigns/demo/campaign.yaml")
    except ToolkitError:
        event("refused while reading the YAML")
        return
    try:
        prepare_campaign(load_workspace(root), "demo")
    except ToolkitError:
        event("refused while validating")
        return
    event("accepted")


@_settings(120)
@given(document=DOCUMENTS)
def test_any_yaml_document_is_refused_cleanly(scratch: Path, document: Any) -> None:
    _check(scratch, yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))


@_settings(120)
@given(campaign=CAMPAIGNS)
def test_any_campaign_shaped_document_is_refused_cleanly(scratch: Path, campaign: Any) -> None:
    _check(scratch, yaml.safe_dump(campaign, allow_unicode=True).encode("utf-8"))


@_settings(150)
@given(campaign=MUTATED)
def test_a_valid_campaign_with_one_value_changed_is_refused_cleanly(scratch: Path,
                                                                   campaign: Any) -> None:
    _check(scratch, yaml.safe_dump(campaign, allow_unicode=True).encode("utf-8"))


@_settings(150)
@given(data=st.one_of(st.binary(max_size=300),
                      st.text(alphabet="{}[]:,-&*!|>'\"#%@`\t\n ab1", max_size=80)
                      .map(lambda text: text.encode())))
def test_any_bytes_are_refused_cleanly(scratch: Path, data: bytes) -> None:
    _check(scratch, data)


# -- the text fitter never overflows its box ----------------------------------------------------

ALPHABET = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from(list("ÁéñüßøŁąčΩжЖ中文字日本語한국어العربيةשלוםनमस्ते–—…“”’ \n\u00a0\u200b*")),
)
TEXTS = st.text(alphabet=ALPHABET, min_size=1, max_size=120)


@pytest.fixture(scope="module")
def chain():  # type: ignore[no-untyped-def]
    inter = bundled_fonts_dir() / "Inter"
    return font_chain(next(inter.glob("Inter-Bold.*")))


@_settings(60)
@given(text=TEXTS, width=st.integers(40, 900), height=st.integers(30, 600),
       sizes=st.tuples(st.integers(6, 60), st.integers(0, 120)),
       max_lines=st.one_of(st.none(), st.integers(1, 6)),
       align=st.sampled_from(["start", "center", "end"]), lang=st.sampled_from([None, "ar"]))
def test_fitted_text_stays_inside_its_box(chain, text: str, width: int, height: int,  # type: ignore[no-untyped-def]
                                          sizes: tuple[int, int], max_lines: int | None,
                                          align: str, lang: str | None) -> None:
    style = TextStyle(chain=chain, min_size=sizes[0], max_size=sizes[0] + sizes[1],
                      color=(0, 0, 0), accent=(200, 0, 0), max_lines=max_lines, align=align)
    try:
        block = fit_text(text, width, height, style, lang)
    except (TextFitError, MissingGlyphError):
        return
    assert style.min_size <= block.size <= style.max_size or not block.lines
    assert block.width <= width and block.height <= height
    assert max_lines is None or len(block.lines) <= max_lines
    for line in block.lines:
        assert 0 <= line.x and line.x + line.width <= width, (line, width)
        assert 0 < line.baseline <= height, (line, height)
    _assert_ink_inside(block, width, height)


def _assert_ink_inside(block, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    """Draw the block on a larger canvas: no ink may land outside the box, give or take
    a glyph's side bearing ('j' reaches left of its advance by ~5% of the size)."""
    margin, slack = 40, max(2, round(block.size * 0.08))
    canvas = Image.new("RGB", (width + 2 * margin, height + 2 * margin), (255, 255, 255))
    draw_text(canvas, block, margin, margin)
    ink = Image.eval(canvas.convert("L"), lambda v: 255 if v < 250 else 0).getbbox()
    if ink is None:
        return
    left, top, right, bottom = ink
    assert left >= margin - slack and right <= margin + width + slack, (ink, width)
    assert top >= margin - 2 and bottom <= margin + height + 2, (ink, height)


# -- counters agree with their definitions ------------------------------------------------------

ASCII_WORDS = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E,
                                             blacklist_characters="."), max_size=400)
ANY_TEXT = st.text(max_size=300)


@_settings(200)
@given(text=ANY_TEXT)
def test_bluesky_counts_graphemes(text: str) -> None:
    submitted = regex.sub(r"\r\n?", "\n", text)
    assert counting.count("bluesky", text) == len(regex.findall(r"\X", submitted))


@_settings(200)
@given(text=ASCII_WORDS)
def test_twitter_counts_plain_ascii_by_its_length(text: str) -> None:
    assert counting.count("twitter", text) == len(text)


@_settings(200)
@given(text=ANY_TEXT)
def test_utf16_rules_count_code_units(text: str) -> None:
    submitted = regex.sub(r"\r\n?", "\n", text)
    assert counting.count("instagram", text) == len(submitted.encode("utf-16-le")) // 2


@_settings(200)
@given(text=ANY_TEXT, rule=st.sampled_from(sorted(counting.COUNTERS)),
       limit=st.integers(1, 400))
def test_limit_problems_agree_with_the_count(text: str, rule: str, limit: int) -> None:
    problems = counting.limit_problems(rule, text, limit)
    over = counting.count(rule, text) > limit
    assert any("caption is" in p and f"of {limit} " in p for p in problems) == over


THREAD_TOKENS = ["ab", "cd.", "ef!", "🙂", "é", " ", " ", "\n", "https://ex.org/p", "word" * 12]


@_settings(80)
@given(text=st.lists(st.sampled_from(THREAD_TOKENS), max_size=150).map("".join),
       rule=st.sampled_from(["twitter", "bluesky", "mastodon", "threads"]),
       limit=st.integers(40, 300))
def test_every_thread_part_fits_and_nothing_is_lost(text: str, rule: str, limit: int) -> None:
    try:
        parts = split_thread(text, rule, limit)
    except ValueError:
        return
    assert all(counting.fits(rule, part, limit) for part in parts)
    bodies = [part.rsplit(" ", 1)[0] for part in parts] if len(parts) > 1 else parts
    assert "".join("".join(bodies).split()) == "".join(text.split())


# -- located JSON points at the value it names --------------------------------------------------

JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              st.text(max_size=8)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=5), children, max_size=4)),
    max_leaves=25,
)


def _paths(value: Any, prefix: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    yield prefix, value
    items = value.items() if isinstance(value, dict) else (
        enumerate(value) if isinstance(value, list) else ())
    for key, item in items:
        yield from _paths(item, (*prefix, key))


@_settings(100)
@given(value=JSON_VALUES, indent=st.sampled_from([None, 1, 4]))
def test_located_json_points_at_each_value(value: Any, indent: int | None) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    paths = dict(_paths(value))
    found = locate(text, "f.json", list(paths))
    lines = text.split("\n")
    for key_path, expected in paths.items():
        where = found[key_path]
        offset = sum(len(line) + 1 for line in lines[: where.line - 1]) + where.column - 1
        decoded, _ = json.JSONDecoder().raw_decode(text, offset)
        assert decoded == expected or (decoded != decoded and expected != expected), key_path


# -- templates from random tokens only ever fail with a located error ---------------------------

TOKENS = ["{{", "}}", "{%", "%}", "{#", "#}", " ", "post", "campaign", ".", "|", "(", ")",
          "[", "]", "'x'", "1", "10**9", "*", "~", "+", "%", "for", "in", "range", "endfor",
          "if", "endif", "set", "=", "namespace", "join", "replace", "center", "format",
          "__class__", "include", "import", "'/etc/passwd'", "macro", "endmacro", ",", "lipsum",
          "length", "list", "sum", "indent", "true", "none", "9999999"]


@_settings(200)
@given(template=st.lists(st.sampled_from(TOKENS), max_size=25).map("".join))
def test_random_templates_fail_only_with_located_errors(template: str) -> None:
    renderer = TemplateRenderer(())
    context = {"post": {"id": "main", "text": {"headline": "Hi"}}, "campaign": {"title": "T"}}
    try:
        renderer.render(TemplateSource(template, Location("c.yaml", 3, 5)), context)
    except ToolkitError as exc:
        assert str(exc).startswith("c.yaml:"), str(exc)
