"""Helpers for site tests: a three-language workspace with lookups, a stand-in renderer, a build."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image

from toolkit.build import build_workspace
from toolkit.graphics import image as graphics_image
from toolkit.graphics.report import RenderedImage
from toolkit.load.workspace import load_workspace
from toolkit.plan import ImageJob

SLUG = "demo"
LANGS = ("en", "es", "ar")
INJECTED = "<script>alert('x')</script>"

CAMPAIGN = """\
title:
  en: "Fund care <script>alert('title')</script> now"
  es: "Financien el cuidado"
  ar: "موّلوا الرعاية"
organization: Test Org
url: https://example.org/demo
languages: [en, es, ar]
formats: [instagram-square, x, bluesky, facebook]
hashtags: [Demo, FundCare]
summary:
  en: "Fund **care**. <img src=x onerror=alert(1)>"
  es: "Financien el **cuidado**."
  ar: "موّلوا **الرعاية**."
body:
  en: |
    Why it matters.

    <script>alert('body')</script>

    [bad link](javascript:alert(1)) and [more](https://example.org/more)
  es: "Por qué importa."
  ar: "لماذا يهم."
talking_points:
  - {en: "Care works", es: "El cuidado funciona", ar: "الرعاية تنجح"}
dates:
  - title: {en: "Hearing; budget, part \\\\ one", es: "Audiencia", ar: "جلسة"}
    start: 2024-05-01
    location: "City Hall, 200 N Spring St; Room 340"
    description:
      en: >-
        Tell the council to fund care. Bring friends, signs and water; arrive early, it fills
        up. Ünïcödé 日本語 too.
  - title: {en: Vote, es: Votación, ar: تصويت}
    start: 2024-06-03T10:00:00-07:00
    end: 2024-06-03T12:30:00-07:00
posts:
  - id: main
    layout: headline
    text:
      headline: {en: "Fund *care* now", es: "Financien el *cuidado*", ar: "موّلوا الرعاية"}
    caption:
      en: "<script>alert('caption')</script> javascript:alert(1) Fund care {{ url }} {{ hashtags }}"
      es: "Financien el cuidado {{ url }} {{ hashtags }}"
      ar: "موّلوا الرعاية {{ url }} {{ hashtags }}"
  - id: steps
    layout: carousel
    formats: [instagram-square, x]
    slides:
      - {title: {en: One, es: Uno, ar: واحد}}
      - {title: {en: Two, es: Dos, ar: اثنان}}
      - {title: {en: Three, es: Tres, ar: ثلاثة}}
action:
  email:
    subject:
      en: "Please fund care"
      es: "Por favor financien el cuidado"
      ar: "يرجى تمويل الرعاية"
    body:
      en: |
        Dear {{ target.title }} {{ target.name }},

        I live in district {{ target.district }}. Please fund care & safety (50%+).

        Thank you.
      es: "Estimado/a {{ target.name }}:\\n\\nVivo en el distrito {{ target.district }}."
      ar: "{{ target.name }} المحترم،"
    targets: targets.csv
    note:
      en: "Roster as of spring 2024."
      es: "Lista de la primavera de 2024."
      ar: "قائمة ربيع 2024."
    lookup: {zip: zips.csv, geojson: districts.geojson}
"""

TARGETS = """\
district,name,title,email,x
1,Ada Example,Councilmember,ada@example.org,@ada
2,Ben Example,Council President,ben@example.org,@ben
3,Cy Example,Councilmember,cy@example.org,@cy
"""

ZIPS = """\
zip,district
90001,1
90002,1
90002,2
90003,3
"""


def square(west: float, south: float, size: float) -> list[list[float]]:
    east, north = west + size, south + size
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def districts_geojson() -> str:
    """Districts 1 and 2 side by side; district 3 a square with a hole in its middle."""
    features = [
        {"type": "Feature", "properties": {"district": "1"},
         "geometry": {"type": "Polygon", "coordinates": [square(-118.3, 34.0, 0.1)]}},
        {"type": "Feature", "properties": {"district": 2},
         "geometry": {"type": "MultiPolygon", "coordinates": [[square(-118.2, 34.0, 0.1)]]}},
        {"type": "Feature", "properties": {"district": "3"},
         "geometry": {"type": "Polygon", "coordinates": [square(-118.3, 34.2, 0.3),
                                                         square(-118.2, 34.3, 0.1)]}},
    ]
    return json.dumps({"type": "FeatureCollection", "features": features})


def site_files() -> dict[str, str]:
    base = f"campaigns/{SLUG}"
    return {f"{base}/campaign.yaml": CAMPAIGN, f"{base}/targets.csv": TARGETS,
            f"{base}/zips.csv": ZIPS, f"{base}/districts.geojson": districts_geojson(),
            "toolkit.yaml": "title: Test toolkits\n"}


def write_files(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def fake_render(job: ImageJob) -> RenderedImage:
    """A small flat image of the format's shape: site tests test the site, not the graphics."""
    width, height = max(1, job.format.width // 20), max(1, job.format.height // 20)
    shade = (sum(map(ord, job.output)) * 37) % 200
    image = Image.new("RGB", (width, height), (20, 40 + shade // 4, 60 + shade // 2))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG" if job.file_type == "jpeg" else "PNG")
    return RenderedImage(job.output, buffer.getvalue(), job.format.width, job.format.height)


def build_site(root: Path, out: Path) -> Path:
    """Build the workspace at root into out with the stand-in renderer; returns out."""
    original = graphics_image.render_image
    graphics_image.render_image = fake_render
    try:
        build_workspace(load_workspace(root), (), out)
    finally:
        graphics_image.render_image = original
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Tags(HTMLParser):
    """Every start tag of a page as (name, attributes), plus the text of each textarea."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.textareas: dict[str, str] = {}
        self._area: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        if tag == "textarea":
            self._area = values.get("id", "")
            self.textareas[self._area] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._area = None

    def handle_data(self, data: str) -> None:
        if self._area is not None:
            self.textareas[self._area] += data

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [values for name, values in self.tags if name == tag
                and all(values.get(k.replace("_", "-")) == v for k, v in attrs.items())]


def parse(path: Path) -> Tags:
    tags = Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="toolkit-data">(.*?)</script>', text,
                      re.S)
    assert match, "no data block"
    return json.loads(match.group(1))
