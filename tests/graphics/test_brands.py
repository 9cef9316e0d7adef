"""Any brand reads, and every social graphic carries the brand strip: measured on the pixels.

Three brands: the shipped dark `default`, the `light` ground brand (a light primary, dark text)
and the `bright` one (saturated colors, Inter Black headings, SVG logos).
"""

from __future__ import annotations

import dataclasses
import io
import tempfile
from pathlib import Path

import pytest
import yaml
from graphicskit import JobsFactory, photo_bytes, variable_font_bytes
from PIL import Image

from toolkit.colors import contrast
from toolkit.graphics.draw import compose
from toolkit.graphics.palette import dark_ground
from toolkit.graphics.strip import logo_melts
from toolkit.load.brandassets import logo_image
from toolkit.plan import ImageJob
from toolkit.render.keys import FileDigests, JobKeys

BRANDS = ("default", "light", "bright")
POSTS = [
    {"id": "stat", "layout": "stat", "text": {"number": "$3M+", "headline": "for *unarmed* care"}},
    {"id": "headline", "layout": "headline",
     "text": {"headline": "One call should bring the *right* help", "subhead": "$1M for dispatch"}},
    {"id": "quote", "layout": "quote",
     "text": {"quote": "We need *growth*, not stagnation", "attribution": "LA Forward"}},
    {"id": "event", "layout": "event",
     "text": {"title": "Public comment", "when": "Wednesday, May 1", "where": "City Hall"}},
    {"id": "carousel", "layout": "carousel",
     "slides": [{"title": "Our ask: *$3M+*", "text": "Nothing new"}, {"title": "$2M"}]},
    {"id": "photo", "layout": "photo", "background": "city.jpg",
     "text": {"headline": "Our city, our *safety*", "subhead": "May 1"}},
]
CTA = {"en": "Email your councilmember", "es": "Escriba a su concejal"}
REAL_DUMP = yaml.safe_dump


@pytest.fixture
def brand_jobs(make_jobs: JobsFactory, monkeypatch: pytest.MonkeyPatch):
    def make(brand: str, posts: list[dict] = POSTS, formats: tuple[str, ...] = (),
             cta: bool = True) -> tuple[ImageJob, ...]:
        import graphicskit

        original = REAL_DUMP

        def dump(data, *args, **kwargs):  # the campaign with a brand and a call to action
            if isinstance(data, dict) and "posts" in data:
                data = {**data, "brand": brand, **({"cta": CTA} if cta else {})}
            return original(data, *args, **kwargs)

        monkeypatch.setattr(graphicskit.yaml, "safe_dump", dump)
        jobs = make_jobs(posts, formats=formats, files={"city.jpg": photo_bytes()},
                         languages=("en", "es"))
        # A carousel's cover and its next slide (the progress line starts on slide 2).
        return tuple(j for j in jobs if j.format.kind == "social" and j.slide <= 2)
    return make


def _edge_contrast(image: Image.Image, box: tuple[int, int, int, int],
                   color: tuple[int, int, int]) -> float | None:
    """Contrast between a shape's color and the pixels just outside its visible edges.

    Every pixel on the box's inner border that shows the shape's color is paired with the pixel
    3 px further out; neighbours of the same color (a shape running on into a same-colored
    one) are skipped. The worst 5 % decide, as for text."""
    rgb = image.convert("RGB")
    width, height = rgb.size
    left, top, right, bottom = box
    pairs = []
    for x in range(left, right, 2):
        pairs += [((x, top), (x, top - 3)), ((x, bottom - 1), (x, bottom + 2))]
    for y in range(top, bottom, 2):
        pairs += [((left, y), (left - 3, y)), ((right - 1, y), (right + 2, y))]
    values = []
    for inner, outer in pairs:
        if not (0 <= outer[0] < width and 0 <= outer[1] < height):
            continue
        if not (0 <= inner[0] < width and 0 <= inner[1] < height):
            continue
        if rgb.getpixel(inner) != color:
            continue
        out = rgb.getpixel(outer)
        assert isinstance(out, tuple)
        if out == color:
            continue
        values.append(contrast(color, (out[0], out[1], out[2])))
    if not values:
        return None
    values.sort()
    return values[int(len(values) * 0.05)]


def _ink_contrast(image: Image.Image, box: tuple[int, int, int, int],
                  color: tuple[int, int, int]) -> float:
    """An ornament drawn as a glyph: its color against the most common other color in its box."""
    region = image.crop(box).convert("RGB")
    counts = sorted(((n, c) for n, c in region.getcolors(1 << 20) or [] if c != color),
                    reverse=True)
    ground = counts[0][1]
    return contrast(color, ground)


@pytest.mark.parametrize("brand", BRANDS)
def test_every_decorative_element_keeps_3_to_1_against_what_it_sits_on(brand_jobs,
                                                                       brand: str) -> None:
    measured = []
    for job in brand_jobs(brand):
        composition = compose(job)
        assert not composition.errors, composition.errors
        for shape in composition.shapes:
            if shape.name == "mark":
                value = _ink_contrast(composition.image, shape.box, shape.color)
            else:
                edge = _edge_contrast(composition.image, shape.box, shape.color)
                if edge is None:
                    continue  # covered by later layers
                value = edge
            measured.append((value, shape.name, job.label))
            assert value >= 2.95, (shape, job.label, value)
    assert len(measured) > 50
    names = {name for _, name, _ in measured}
    assert {"rule", "band", "panel", "bar", "mark", "progress", "divider"} <= names, names


@pytest.mark.parametrize("brand", BRANDS)
def test_the_shipped_layouts_need_no_fallback_color_with_the_three_brands(brand_jobs,
                                                                          brand: str) -> None:
    for job in brand_jobs(brand, formats=("instagram-square", "story", "x")):
        composition = compose(job)
        assert not [s for s in composition.shapes if s.fallback], job.label
        assert not [p for p in composition.problems if "is drawn in" in p.message]


def test_a_shape_that_cannot_keep_its_color_falls_back_and_check_says_so(
        make_jobs: JobsFactory, tmp_path) -> None:
    layout = tmp_path / "ws" / "templates" / "graphics" / "pale.yaml"
    layout.parent.mkdir(parents=True)
    layout.write_text("fields:\n  headline: {required: true}\nlayers:\n"
                      "  - type: background\n    fill: white\n"
                      "  - type: rect\n    id: panel\n    box: [0, 0, 1, 0.3]\n"
                      "    color: \"#F4F4F4\"\n", encoding="utf-8")
    job = make_jobs([{"id": "p", "layout": "pale", "text": {"headline": "Hi"}}],
                    formats=("instagram-square",))[0]
    composition = compose(job)
    [shape] = composition.shapes
    assert shape.fallback and contrast(shape.color, (255, 255, 255)) >= 3
    assert composition.image.getpixel((540, 100)) == shape.color
    [problem] = composition.problems
    assert problem.severity == "warning" and "pale.yaml:6:" in str(problem)
    assert "is drawn in" in problem.message and "1.1:1" in problem.message


def test_a_light_primary_gets_dark_solid_grounds(brand_jobs) -> None:
    [job] = [j for j in brand_jobs("light", posts=[POSTS[3]], formats=("instagram-square",))
             if j.lang == "en"]
    composition = compose(job)
    panel = next(s for s in composition.shapes if s.name == "panel")
    assert panel.color == (0x22, 0x31, 0x3F)  # the brand's darkest color, not its pale gold
    assert composition.image.getpixel((20, 20)) == panel.color


@pytest.mark.parametrize("brand", BRANDS)
def test_every_social_format_carries_the_strip_with_a_logo_of_readable_height(
        brand_jobs, brand: str) -> None:
    formats = set()
    for job in brand_jobs(brand):
        composition = compose(job)
        fields = {b.field: b for b in composition.boxes}
        assert "strip-link" in fields and "cta" in fields, job.label
        assert fields["cta"].contrast >= 4.5 or job.post_id == "photo", job.label
        [logo] = composition.logos
        short = min(job.format.width, job.format.height)
        ink = _logo_ink_height(composition.image, logo)
        assert ink >= 0.045 * short - 1, (job.label, ink, 0.045 * short)
        formats.add(job.format.name)
    assert len(formats) == 9  # every default social format


def _logo_ink_height(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    """Rows of the logo's box whose pixels differ from the ground just above the box."""
    rgb = image.convert("RGB")
    ground = rgb.getpixel((box[0], max(0, box[1] - 4)))
    rows = [y for y in range(box[1], box[3])
            if any(rgb.getpixel((x, y)) != ground for x in range(box[0], box[2]))]
    return rows[-1] - rows[0] + 1 if rows else 0


def test_the_strip_shows_the_short_link_without_scheme_or_the_handle_when_the_link_is_off(
        brand_jobs, tmp_path) -> None:
    job = brand_jobs("default", posts=[POSTS[1]], formats=("instagram-square",))[0]
    assert job.strip_link == "example.org/act" and job.cta == CTA["en"]
    light = brand_jobs("light", posts=[POSTS[1]], formats=("instagram-square",))[0]
    assert light.strip_link == "example.org/act"
    assert light.brand.strip.handle == "@harbortenants"


def test_a_post_cta_overrides_the_campaign_one_and_is_translated(brand_jobs) -> None:
    post = {**POSTS[1], "cta": {"en": "Sign the letter", "es": "Firme la carta"}}
    jobs = brand_jobs("default", posts=[post], formats=("instagram-square",))
    assert {j.lang: j.cta for j in jobs} == {"en": "Sign the letter", "es": "Firme la carta"}
    plain = brand_jobs("default", posts=[POSTS[1]], formats=("x",), cta=False)
    assert {j.cta for j in plain} == {""}
    assert "cta" not in {b.field for b in compose(plain[0]).boxes}


def test_cache_keys_change_with_the_cta_the_strip_and_the_logo(brand_jobs) -> None:
    job = brand_jobs("bright", posts=[POSTS[1]], formats=("x",))[0]
    keys = JobKeys(FileDigests())
    base = keys.key(job)
    assert keys.key(dataclasses.replace(job, cta="Vote")) != base
    assert keys.key(dataclasses.replace(job, strip_link="@vote")) != base
    brand = dataclasses.replace(job.brand, strip=dataclasses.replace(job.brand.strip,
                                                                     handle="@x"))
    assert JobKeys(FileDigests()).key(dataclasses.replace(job, brand=brand)) != base
    assert job.brand.logo is not None and job.brand.logo.suffix == ".svg"
    # Another SVG logo of the same name: the key follows the file's content.
    svg = job.brand.logo.read_text()

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "logo.svg"
        copy.write_text(svg)
        same = dataclasses.replace(job, brand=dataclasses.replace(job.brand, logo=copy))
        first = JobKeys(FileDigests()).key(same)
        copy.write_text(svg.replace("#6A00F4", "#6A00F5"))
        assert JobKeys(FileDigests()).key(same) != first


def test_an_svg_logo_is_drawn_sharp_at_each_size(tmp_path) -> None:
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10">'
                   '<rect width="40" height="10" fill="#6A00F4"/></svg>')
    for height in (17, 54, 125):
        image = logo_image(svg, height, 10_000)
        assert image.height == height and abs(image.width - 4 * height) <= 1
        alpha = image.getchannel("A")
        soft = sum(1 for a in alpha.get_flattened_data() if 0 < a < 255)
        assert soft <= 2 * (image.width + image.height)  # only the outermost edge is blended
        assert image.getpixel((image.width // 2, image.height // 2)) == (0x6A, 0x00, 0xF4, 255)
    png = io.BytesIO()
    Image.new("RGBA", (40, 10), (0x6A, 0, 0xF4, 255)).save(png, "PNG")


def test_a_brand_that_turns_the_link_off_shows_its_handle(make_jobs: JobsFactory,
                                                          tmp_path) -> None:
    folder = tmp_path / "ws" / "assets" / "brands" / "quiet"
    folder.mkdir(parents=True)
    (folder / "brand.yaml").write_text(
        'name: Quiet\ncolors: {primary: "#123B5D", accent: "#F4A261"}\n'
        'strip: {link: false, handle: "@quiet"}\n', encoding="utf-8")
    import graphicskit

    def dump(data, *args, **kwargs):
        if isinstance(data, dict) and "posts" in data:
            data = {**data, "brand": "quiet"}
        return REAL_DUMP(data, *args, **kwargs)

    graphicskit.yaml.safe_dump = dump
    try:
        [job] = make_jobs([POSTS[1]], formats=("instagram-square",))
    finally:
        graphicskit.yaml.safe_dump = REAL_DUMP
    assert job.strip_link == "@quiet"
    assert "strip-link" in {b.field for b in compose(job).boxes}


def _variable_brand(tmp_path: Path, heading: str) -> None:
    folder = tmp_path / "ws" / "assets" / "brands" / "var"
    (folder / "fonts").mkdir(parents=True)
    (folder / "fonts" / "Var.ttf").write_bytes(variable_font_bytes())
    (folder / "brand.yaml").write_text(
        'name: Var\ncolors: {primary: "#123B5D", accent: "#F4A261"}\n'
        f"fonts:\n  heading: {heading}\n", encoding="utf-8")


def _with_brand(make_jobs: JobsFactory, brand: str, post: dict) -> tuple[ImageJob, ...]:
    import graphicskit

    def dump(data, *args, **kwargs):
        if isinstance(data, dict) and "posts" in data:
            data = {**data, "brand": brand}
        return REAL_DUMP(data, *args, **kwargs)

    graphicskit.yaml.safe_dump = dump
    try:
        return make_jobs([post], formats=("instagram-square",))
    finally:
        graphicskit.yaml.safe_dump = REAL_DUMP


@pytest.mark.parametrize("weight, stem", [(100, 0.1), (900, 0.4)])
def test_a_variable_font_is_set_at_the_weight_the_brand_gives_the_role(
        make_jobs: JobsFactory, tmp_path: Path, weight: int, stem: float) -> None:
    _variable_brand(tmp_path, f"{{file: fonts/Var.ttf, weight: {weight}}}")
    post = {"id": "h", "layout": "headline", "text": {"headline": "III"}}
    [job] = _with_brand(make_jobs, "var", post)
    composition = compose(job)
    box = next(b for b in composition.boxes if b.field == "headline")
    # Measure the first bar's ink: 100 units of 1000 at weight 100, 400 at weight 900.
    rgb = composition.image.convert("RGB")
    y = (box.box[1] + box.box[3]) // 2
    row = [rgb.getpixel((x, y)) == (255, 255, 255) for x in range(box.box[0], box.box[2])]
    start = row.index(True)
    run = row[start:].index(False) if False in row[start:] else len(row) - start
    assert abs(run - stem * box.size) <= 3, (run, box.size)


@pytest.mark.parametrize("heading, message", [
    ("{file: fonts/Var.ttf, weight: 1000}",
     "assets/brands/var/brand.yaml:4:42: error: font 'fonts/Var.ttf' cannot be set as asked: "
     "its 'wght' axis runs from 100 to 900, not 1000"),
    ("{file: fonts/Var.ttf, axes: {opsz: 12}}",
     "assets/brands/var/brand.yaml:4:47: error: font 'fonts/Var.ttf' cannot be set as asked: "
     "it has no 'opsz' axis (its axes: wght)"),
])
def test_an_axis_the_font_cannot_take_is_a_located_error(make_jobs: JobsFactory,
                                                         tmp_path: Path, heading: str,
                                                         message: str) -> None:
    from toolkit.errors import ProblemsError

    _variable_brand(tmp_path, heading)
    with pytest.raises(ProblemsError) as caught:
        _with_brand(make_jobs, "var", POSTS[1])
    assert message in str(caught.value)


@pytest.mark.parametrize("brand", BRANDS)
def test_one_emphasis_style_per_post_in_every_format_in_the_exact_accent(brand_jobs,
                                                                         brand: str) -> None:
    styles: dict[tuple[str, str], set[str]] = {}
    for job in brand_jobs(brand):
        composition = compose(job)
        accent = job.brand.colors.accent
        for box in composition.boxes:
            if box.emphasis:
                styles.setdefault((job.post_id, box.field), set()).add(box.emphasis)
                if box.emphasis in ("color", "highlight"):
                    # The accent shows as the brand's exact color, not a darkened one.
                    region = composition.image.crop(box.box).convert("RGB")
                    colors = {c for _, c in region.getcolors(1 << 20) or []}
                    assert tuple(int(accent[i:i + 2], 16) for i in (1, 3, 5)) in colors
    assert styles
    for key, found in styles.items():
        assert len(found) == 1, (brand, key, found)



def test_a_logo_that_would_melt_into_its_ground_is_set_on_a_plate(brand_jobs) -> None:
    yellow = (255, 184, 0)
    tile = Image.new("RGBA", (40, 40), (*yellow, 255))
    assert logo_melts(tile, Image.new("RGB", (40, 40), yellow))
    assert not logo_melts(tile, Image.new("RGB", (40, 40), (30, 50, 90)))
    # The default logo is a yellow tile; the default brand's story band is yellow.
    [job] = brand_jobs("default", posts=[POSTS[1]], formats=("story",))[:1]
    composition = compose(job)
    [box] = composition.logos
    dark = dark_ground(job.brand.colors)
    inset = composition.image.convert("RGB").getpixel((box[0] + 4, (box[1] + box[3]) // 2))
    assert inset == dark  # the plate, around a logo that keeps its readable height
    short = min(job.format.width, job.format.height)
    assert box[3] - box[1] >= 0.045 * short
