"""Helpers for graphics tests: inline campaigns on disk and synthetic photos."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

from toolkit.plan import ImageJob

JobsFactory = Callable[..., tuple[ImageJob, ...]]


def write_campaign(root: Path, posts: list[dict], languages: tuple[str, ...] = ("en",),
                   formats: tuple[str, ...] = (), files: dict[str, bytes] | None = None,
                   extra: dict | None = None) -> Path:
    """A workspace with one campaign `t` holding posts (and extra campaign keys, such as
    brand); returns the workspace root."""
    folder = root / "campaigns" / "t"
    folder.mkdir(parents=True, exist_ok=True)
    data: dict = {"title": "Test", "url": "https://example.org/act", "languages": list(languages),
                  "posts": posts}
    if formats:
        data["formats"] = list(formats)
    data.update(extra or {})
    (folder / "campaign.yaml").write_text(yaml.safe_dump(data, allow_unicode=True,
                                                         sort_keys=False), encoding="utf-8")
    (folder / "targets.csv").write_text("name,title,district,email\n", encoding="utf-8")
    for relative, content in (files or {}).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


def photo_bytes(size: tuple[int, int] = (1600, 1200), kind: str = "JPEG", **options: object
                ) -> bytes:
    """A busy synthetic photo: a sky gradient, a sun and bright buildings."""
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    width, height = size
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=(int(40 + 200 * t), int(90 + 100 * t), 200))
    draw.ellipse((width * 0.7, height * 0.15, width * 0.85, height * 0.35), fill=(255, 220, 120))
    for i in range(0, width, max(1, width // 30)):
        top = height - (i * 7919 % (height // 2)) - height // 8
        draw.rectangle((i, top, i + width // 40, height), fill=((i * 37) % 255, 200, 90))
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


PHOTOS = Path(__file__).parents[2] / "assets" / "photos"


def shipped_photo(name: str) -> bytes:
    """One of the example photos (crowd, portrait, landscape): generated, CC0."""
    return (PHOTOS / f"{name}.jpg").read_bytes()


def variable_font_bytes() -> bytes:
    """A tiny variable TrueType font with a wght axis (100-900): every letter is a bar whose
    width grows from 100 units at the default (400 and below) to 400 units at 900."""
    import string

    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib.tables.TupleVariation import TupleVariation

    chars = string.ascii_letters + string.digits + " .,$+-*"
    names = [".notdef"] + [f"g{ord(c)}" for c in chars]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"g{ord(c)}" for c in chars})
    glyphs = {}
    for name in names:
        pen = TTGlyphPen(None)
        if name != "g32":
            pen.moveTo((50, 0))
            pen.lineTo((50, 700))
            pen.lineTo((150, 700))
            pen.lineTo((150, 0))
            pen.closePath()
        glyphs[name] = pen.glyph()
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (600, 50) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Test Variable", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.setupFvar([("wght", 100, 400, 900, "Weight")], [])
    moved = [(0, 0), (0, 0), (300, 0), (300, 0), (0, 0), (0, 0), (0, 0), (0, 0)]
    builder.setupGvar({name: [TupleVariation({"wght": (0, 1.0, 1.0)}, moved)]
                       for name in names if name != "g32"})
    buffer = io.BytesIO()
    builder.save(buffer)
    return buffer.getvalue()
