"""Validate a layout's body (layers and per-shape variants) and resolve its layers per format."""

from __future__ import annotations

import dataclasses
import string
from dataclasses import dataclass
from typing import Any, Literal

from toolkit.errors import Problems
from toolkit.load.fields import Context, ListOf, Number, did_you_mean
from toolkit.load.formats import FORMATS, Format
from toolkit.load.layerspec import SHAPES, Layer, LayerRef, Stack, TextLayer
from toolkit.load.layouts import Layout
from toolkit.load.model import TREATMENTS
from toolkit.load.yamlsource import KeyPath

BODY_KEYS = ("margin", "layers", "variants")
DEFAULT_MARGIN = 0.08
PLACEHOLDERS = ("url", "site", "brand", "slide", "slides", "open_quote", "cta", "link", "swipe",
                "post_link")
# A post that asks for a QR code takes these variants after the others: `qr`, `qr+story`, ...
QR = "qr"
FIXED_KEYS = ("type", "id", "items")


@dataclass(frozen=True)
class Variant:
    """What one shape or format changes: the margin, and keys of layers by id."""

    margin: float | None
    changes: tuple[tuple[str, dict[str, Any] | None], ...]


@dataclass(frozen=True)
class CompiledLayout:
    """A checked layout body: base layers plus the variants that adapt them."""

    name: str
    margin: float
    layers: tuple[Layer, ...]
    variants: tuple[tuple[str, Variant], ...]

    def margin_for(self, fmt: Format, treatment: str = "", qr: bool = False) -> float:
        margin = self.margin
        for variant in self._variants(fmt, treatment, qr):
            margin = variant.margin if variant.margin is not None else margin
        return margin

    def layers_for(self, fmt: Format, treatment: str = "", qr: bool = False
                   ) -> tuple[Layer, ...]:
        """The base layers with the shape's, the format's, then the photo treatment's changes
        applied (`panel`, then `panel+landscape`, then `panel+x`), then, when the post asks for
        a QR code, the `qr` ones in the same order."""
        layers: tuple[Layer, ...] = _only(self.layers, fmt)
        for variant in self._variants(fmt, treatment, qr):
            changes = dict(variant.changes)
            layers = tuple(layer for layer in (_apply(item, changes) for item in layers)
                           if layer is not None)
        return layers

    def _variants(self, fmt: Format, treatment: str = "", qr: bool = False) -> list[Variant]:
        found = dict(self.variants)
        names = [fmt.shape, fmt.name]
        for condition in (treatment, QR if qr else ""):
            if condition:
                names += [condition, f"{condition}+{fmt.shape}", f"{condition}+{fmt.name}"]
        return [found[name] for name in names if name in found]


def _only(layers: tuple[Layer, ...], fmt: Format) -> tuple[Layer, ...]:
    """The layers (and stack items) meant for this format's shape or name."""
    kept = []
    for layer in layers:
        if layer.shapes and fmt.shape not in layer.shapes and fmt.name not in layer.shapes:
            continue
        if isinstance(layer, Stack):
            layer = dataclasses.replace(layer, items=_only(layer.items, fmt))
        kept.append(layer)
    return tuple(kept)


def _apply(layer: Layer, changes: dict[str, dict[str, Any] | None]) -> Layer | None:
    if layer.id in changes and changes[layer.id] is None:
        return None
    changed = dataclasses.replace(layer, **(changes.get(layer.id) or {}))
    if isinstance(changed, Stack):
        items = tuple(_apply(item, changes) for item in changed.items)
        changed = dataclasses.replace(changed, items=tuple(i for i in items if i is not None))
    return changed


_CACHE: dict[tuple[str, str], CompiledLayout] = {}


def compile_layout(layout: Layout) -> CompiledLayout:
    """The layout body checked once per process; every problem raised at once, located."""
    key = (str(layout.path), repr(layout.body))
    if key not in _CACHE:
        problems = Problems()
        ctx = Context(layout.source, problems, layout.path.parent, layout.path.parent)
        compiled = _compile(layout, ctx)
        problems.raise_errors()
        assert compiled is not None
        _CACHE[key] = compiled
    return _CACHE[key]


def _compile(layout: Layout, ctx: Context) -> CompiledLayout | None:
    body = layout.body
    for key in body:
        if key not in BODY_KEYS:
            ctx.key_error((key,), f"unknown key '{key}'{did_you_mean(key, BODY_KEYS)} in "
                                  f"layout '{layout.name}' (keys: description, fields, kind, "
                                  f"needs_background, slides, {', '.join(BODY_KEYS)})")
    if "layers" not in body:
        ctx.error((), f"layout '{layout.name}' has no `layers`")
        return None
    margin = _margin(body.get("margin"), ("margin",), ctx)
    raw_layers = ListOf(LayerRef(), min_items=1).check(body["layers"], ("layers",), ctx)
    if raw_layers is None or None in raw_layers:
        return None
    layers = tuple(_named(layer) for layer in raw_layers)
    _check_layers(layers, layout, ctx)
    variants = _variants(body.get("variants"), layers, ctx)
    return CompiledLayout(layout.name, DEFAULT_MARGIN if margin is None else margin, layers,
                          variants)


def _margin(value: Any, key_path: KeyPath, ctx: Context) -> float | None:
    if value is None:
        return None
    checked = Number(0, 0.3).check(value, key_path, ctx)
    return None if checked is None else float(checked)


def _named(layer: Layer) -> Layer:
    """Give each layer an id: its own, else its field for texts, else its type."""
    if isinstance(layer, Stack):
        layer = dataclasses.replace(layer, items=tuple(_named(i) for i in layer.items))
    if layer.id:
        return layer
    default = layer.field if isinstance(layer, TextLayer) and layer.field else layer.type
    return dataclasses.replace(layer, id=default)


def _all_layers(layers: tuple[Layer, ...]) -> list[Layer]:
    found: list[Layer] = []
    for layer in layers:
        found.append(layer)
        if isinstance(layer, Stack):
            found += _all_layers(layer.items)
    return found


def _check_layers(layers: tuple[Layer, ...], layout: Layout, ctx: Context) -> None:
    fields = tuple(layout.header.fields or {})
    for layer in _all_layers(layers):
        _check_shapes(layer, ctx)
        if isinstance(layer, TextLayer):
            _check_text(layer, fields, ctx)


def _check_shapes(layer: Layer, ctx: Context) -> None:
    names = (*SHAPES, *FORMATS)
    for index, name in enumerate(layer.shapes):
        if name not in names:
            ctx.error((*layer.key_path, "shapes", index),
                      f"unknown shape or format '{name}'{did_you_mean(name, names)} "
                      f"(shapes: {', '.join(SHAPES)})")


def _check_text(layer: TextLayer, fields: tuple[str, ...], ctx: Context) -> None:
    where = layer.key_path
    if layer.type == "text" and bool(layer.field) == bool(layer.text):
        ctx.error(where, "a text layer needs either `field` or `text`, not both")
    if layer.field and layer.field not in fields:
        ctx.error((*where, "field"), f"unknown field '{layer.field}'"
                                     f"{did_you_mean(layer.field, fields)} (the layout's "
                                     f"fields: {', '.join(fields) or 'none'})")
    if layer.min_size > layer.size:
        ctx.error((*where, "min_size"), f"min_size {layer.min_size:g} is larger than "
                                        f"size {layer.size:g}")
    known = (*PLACEHOLDERS, *fields)  # a field's text may be set inside a fixed text
    for _, name, _, _ in string.Formatter().parse(layer.text) if layer.text else ():
        if name is not None and name not in known:
            ctx.error((*where, "text"), f"unknown placeholder {{{name}}}"
                                        f"{did_you_mean(name, known)} "
                                        f"(placeholders: {', '.join(PLACEHOLDERS)}, and the "
                                        "layout's fields)")


def _variants(value: Any, layers: tuple[Layer, ...], ctx: Context
              ) -> tuple[tuple[str, Variant], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        ctx.error(("variants",), "expected a mapping from shape (square, portrait, landscape, "
                                 "story), format name or photo treatment to changes")
        return ()
    by_id = _ids(layers)
    names = (*SHAPES, *FORMATS, *TREATMENTS, QR,
             *(f"{t}+{n}" for t in (*TREATMENTS, QR) for n in (*SHAPES, *FORMATS)))
    variants = []
    for name, changes in value.items():
        if name not in names:
            ctx.key_error(("variants", name), f"unknown shape, format or treatment '{name}'"
                                              f"{did_you_mean(str(name), names)} (shapes: "
                                              f"{', '.join(SHAPES)}; treatments: "
                                              f"{', '.join(TREATMENTS)}, also as "
                                              "panel+landscape; qr, qr+story)")
            continue
        variant = _variant(changes, ("variants", name), by_id, ctx)
        if variant is not None:
            variants.append((name, variant))
    return tuple(variants)


def _ids(layers: tuple[Layer, ...]) -> dict[str, Layer | None]:
    """Layers by id; an id two layers share maps to None (ambiguous)."""
    found: dict[str, Layer | None] = {}
    for layer in _all_layers(layers):
        found[layer.id] = None if layer.id in found else layer
    return found


def _variant(value: Any, key_path: KeyPath, by_id: dict[str, Layer | None], ctx: Context
             ) -> Variant | None:
    if not isinstance(value, dict):
        ctx.error(key_path, "expected a mapping from layer id to the keys it changes")
        return None
    margin = _margin(value.get("margin"), (*key_path, "margin"), ctx)
    changes = []
    for layer_id, change in value.items():
        if layer_id == "margin":
            continue
        where = (*key_path, layer_id)
        if layer_id not in by_id:
            ctx.key_error(where, f"no layer with id '{layer_id}'"
                                 f"{did_you_mean(layer_id, tuple(by_id))} (ids: "
                                 f"{', '.join(sorted(by_id))})")
            continue
        layer = by_id[layer_id]
        if layer is None:
            ctx.key_error(where, f"several layers have id '{layer_id}'; give each its own `id`")
            continue
        checked = _change(layer, change, where, ctx)
        if checked is None or isinstance(checked, dict):
            changes.append((layer_id, checked))
    return Variant(margin, tuple(changes))


def _change(layer: Layer, value: Any, key_path: KeyPath, ctx: Context
            ) -> dict[str, Any] | None | Literal[False]:
    """A layer's changed keys, None to hide it, or False when invalid."""
    if value is False:
        return None
    if not isinstance(value, dict):
        ctx.error(key_path, "expected the keys to change, or false to hide the layer")
        return False
    fields = {f.name: f for f in dataclasses.fields(layer) if "type" in f.metadata}
    checked: dict[str, Any] = {}
    for key, item in value.items():
        if key in FIXED_KEYS or key not in fields:
            allowed = tuple(k for k in fields if k not in FIXED_KEYS)
            ctx.key_error((*key_path, key), f"'{key}' cannot be changed on a {layer.type} "
                                            f"layer{did_you_mean(key, allowed)}")
            continue
        result = fields[key].metadata["type"].check(item, (*key_path, key), ctx)
        if result is not None:
            checked[key] = result
    return checked
