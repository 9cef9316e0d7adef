"""Layout bodies: shipped layouts compile; mistakes are located errors with a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.errors import Problems, ProblemsError
from toolkit.load.formats import FORMATS
from toolkit.load.layerspec import Stack, TextLayer
from toolkit.load.layoutbody import compile_layout
from toolkit.load.layouts import load_layout

SHIPPED = Path(__file__).parents[2] / "templates" / "graphics"
HEADER = "fields:\n  headline: {required: true}\n"


def _load(path: Path):
    layout = load_layout(path.stem, path, path.parent, Problems())
    assert layout is not None
    return layout


@pytest.mark.parametrize("name", sorted(p.stem for p in SHIPPED.glob("*.yaml")))
def test_shipped_layouts_compile_for_every_format(name: str) -> None:
    compiled = compile_layout(_load(SHIPPED / f"{name}.yaml"))
    for fmt in FORMATS.values():
        layers = compiled.layers_for(fmt)
        assert layers, fmt.name
        assert compiled.margin_for(fmt) >= 0.06


def test_variants_change_layers_by_id_per_shape() -> None:
    compiled = compile_layout(_load(SHIPPED / "headline.yaml"))
    square = _text(compiled.layers_for(FORMATS["instagram-square"]), "headline")
    wide = _text(compiled.layers_for(FORMATS["x"]), "headline")
    assert wide.size > square.size


def _text(layers, field: str) -> TextLayer:
    for layer in layers:
        items = layer.items if isinstance(layer, Stack) else (layer,)
        for item in items:
            if isinstance(item, TextLayer) and item.field == field:
                return item
    raise AssertionError(field)


CASES = {
    "unknown layer type": (
        "layers:\n  - type: txt\n    field: headline\n",
        "bad.yaml:4:11: error: unknown layer type 'txt' (did you mean 'text'?) (types: "
        "background, photo, scrim, rect, bar, rule, logo, text, counter, poster, qr, stack, "
        "strip)"),
    "unknown key": (
        "layers:\n  - type: text\n    field: headline\n    colour: accent\n",
        "bad.yaml:6:5: error: unknown key 'colour' (did you mean 'color'?)"),
    "unknown field": (
        "layers:\n  - type: text\n    field: headlin\n",
        "bad.yaml:5:12: error: unknown field 'headlin' (did you mean 'headline'?) (the "
        "layout's fields: headline)"),
    "bad color": (
        "layers:\n  - type: background\n    fill: navy\n",
        "bad.yaml:5:11: error: unknown color 'navy'; use primary, secondary, accent, "
        "background, text, on_primary, dark, light, white, black or \"#RRGGBB\""),
    "box outside": (
        "layers:\n  - type: text\n    field: headline\n    box: [0.5, 0, 0.7, 1]\n",
        "bad.yaml:6:10: error: box [0.5, 0, 0.7, 1] reaches outside its area (x + width and "
        "y + height must stay within 0 to 1)"),
    "unknown variant layer": (
        "layers:\n  - type: text\n    field: headline\nvariants:\n  story:\n"
        "    headlin: {size: 0.2}\n",
        "bad.yaml:8:5: error: no layer with id 'headlin' (did you mean 'headline'?) (ids: "
        "headline)"),
    "unknown shape": (
        "layers:\n  - type: text\n    field: headline\nvariants:\n  squar: {}\n",
        "bad.yaml:7:3: error: unknown shape, format or treatment 'squar' (did you mean "
        "'square'?) (shapes: square, portrait, landscape, story; treatments: scrim, panel, "
        "duotone, also as panel+landscape; qr, qr+story)"),
    "unknown condition": (
        "layers:\n  - type: text\n    field: headline\n    when: dated+qrr\n",
        "bad.yaml:6:11: error: layers[0].when: unknown condition 'qrr' (did you mean 'qr'?)"),
    "unknown placeholder": (
        "layers:\n  - type: text\n    text: \"{handle}\"\n",
        "bad.yaml:5:11: error: unknown placeholder {handle} (did you mean 'headline'?) "
        "(placeholders: url, site, brand, "
        "slide, slides, open_quote, cta, link, swipe, post_link, and the layout's fields)"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_layout_mistakes_are_located_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            case: str) -> None:
    body, expected = CASES[case]
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "bad.yaml"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        compile_layout(_load(path))
    assert str(caught.value) == expected
