"""The layer language of layout files: one frozen model per layer type, with its keys' types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from toolkit.load.fields import (
    Bool,
    Context,
    FieldType,
    ListOf,
    Number,
    Record,
    Str,
    did_you_mean,
    spec,
)
from toolkit.load.yamlsource import KeyPath

Box = tuple[float, float, float, float]

COLOR_ROLES = ("primary", "secondary", "accent", "background", "text", "on_primary",
               "white", "black")
ALIGNS = ("start", "center", "end", "left", "right")
VALIGNS = ("top", "center", "bottom")
CONDITIONS = ("photo", "no-photo", "slides", "first-slide", "later-slide", "last-slide",
              "not-last-slide")
FULL: Box = (0.0, 0.0, 1.0, 1.0)
SHAPES = ("square", "portrait", "landscape", "story")
EMPHASIS_STYLES = ("auto", "color", "highlight", "underline")


class ColorRef(Str):
    """A brand color role (primary, accent, ...), "auto", or "#RRGGBB"."""

    expected = "a brand color role such as accent, or a color such as \"#FFFFFF\""

    def __init__(self, allow_auto: bool = False) -> None:
        super().__init__()
        self.allow_auto = allow_auto

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> str | None:
        text = super().check(value, key_path, ctx)
        if text is None:
            return None
        roles = COLOR_ROLES + (("auto",) if self.allow_auto else ())
        if text in roles or _is_hex(text):
            return text
        ctx.error(key_path, f"unknown color '{text}'{did_you_mean(text, roles)}; "
                            f"use {', '.join(roles)} or \"#RRGGBB\"")
        return None


def _is_hex(text: str) -> bool:
    digits = text[1:]
    return text.startswith("#") and len(digits) in (3, 6) and all(
        c in "0123456789abcdefABCDEF" for c in digits)


class BoxRef(FieldType):
    """[x, y, width, height] as fractions of the layer's area."""

    expected = "a box [x, y, width, height] of fractions"

    def __init__(self, inside: bool = True) -> None:
        self.inside = inside

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> Box | None:
        numbers = ListOf(Number(-1, 2)).check(value, key_path, ctx)
        if numbers is None or None in numbers:
            return None
        if len(numbers) != 4:
            ctx.error(key_path, f"expected {self.expected}, got {len(numbers)} number(s)")
            return None
        x, y, w, h = (float(n) for n in numbers)
        if w <= 0 or h <= 0:
            ctx.error(key_path, "a box needs a width and height above 0")
            return None
        if self.inside and (x < 0 or y < 0 or x + w > 1.0001 or y + h > 1.0001):
            ctx.error(key_path, f"box [{x:g}, {y:g}, {w:g}, {h:g}] reaches outside its area "
                                "(x + width and y + height must stay within 0 to 1)")
            return None
        return (x, y, w, h)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4}


class Pair(FieldType):
    """Two numbers in a range, such as an opacity ramp [from, to]."""

    expected = "two numbers [from, to]"

    def __init__(self, minimum: float, maximum: float) -> None:
        self.minimum, self.maximum = minimum, maximum

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> tuple[float, float] | None:
        numbers = ListOf(Number(self.minimum, self.maximum)).check(value, key_path, ctx)
        if numbers is None or None in numbers:
            return None
        if len(numbers) != 2:
            ctx.error(key_path, f"expected {self.expected}, got {len(numbers)} number(s)")
            return None
        return (float(numbers[0]), float(numbers[1]))

    def json_schema(self) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}


def _size(default: float) -> Any:
    return spec(Number(0.001, 1), default=default,
                doc="A fraction of the canvas's short side.")


@dataclass(frozen=True, kw_only=True)
class Layer:
    """Keys every layer has."""

    type: str = spec(Str(), doc="The layer type.")
    id: str = spec(Str(r"[a-z][a-z0-9_-]*", "use lowercase letters, digits, - and _"),
                   default="", doc="A name variants use to change this layer.")
    when: str = spec(Str(choices=CONDITIONS), default="", doc="Draw only in this case.")
    shapes: tuple[str, ...] = spec(ListOf(Str()), default=(),
                                   doc="Draw only in these shapes or formats; default: all.")
    area: str = spec(Str(choices=("live", "canvas")), default="live",
                     doc="live: inside the safe area and margins; canvas: the whole image.")
    box: Box = spec(BoxRef(), default=FULL, doc="[x, y, width, height] fractions of the area.")
    mirror: bool = spec(Bool(), default=True, doc="Mirror left and right for RTL languages.")
    key_path: KeyPath = ()

    @property
    def name(self) -> str:
        return self.id or self.type


@dataclass(frozen=True, kw_only=True)
class Background(Layer):
    """A solid or two-color gradient fill."""

    area: str = spec(Str(choices=("live", "canvas")), default="canvas")
    fill: str = spec(ColorRef(), default="primary")
    fill_to: str | None = spec(ColorRef(), default=None, doc="End color of a gradient.")
    angle: float = spec(Number(0, 360), default=90, doc="Gradient direction; 90 runs down.")


@dataclass(frozen=True, kw_only=True)
class Photo(Layer):
    """The post's background photo, cropped to cover its box around the focal point."""

    area: str = spec(Str(choices=("live", "canvas")), default="canvas")
    mirror: bool = spec(Bool(), default=False)


@dataclass(frozen=True, kw_only=True)
class Scrim(Layer):
    """A one-color gradient whose opacity ramps, to keep text legible over a photo."""

    area: str = spec(Str(choices=("live", "canvas")), default="canvas")
    color: str = spec(ColorRef(), default="black")
    opacity: tuple[float, float] = spec(Pair(0, 1), default=(0.0, 0.8))
    span: tuple[float, float] = spec(Pair(0, 1), default=(0.0, 1.0),
                                     doc="Where along its direction the ramp starts and ends.")
    direction: str = spec(Str(choices=("down", "up", "start", "end", "left", "right")),
                          default="down", doc="Where the scrim gets darker.")


@dataclass(frozen=True, kw_only=True)
class RectLayer(Layer):
    """A rectangle, optionally rounded and translucent."""

    area: str = spec(Str(choices=("live", "canvas")), default="canvas")
    box: Box = spec(BoxRef(inside=False), default=FULL)
    color: str = spec(ColorRef(), default="secondary")
    opacity: float = spec(Number(0, 1), default=1.0)
    radius: float = spec(Number(0, 1), default=0.0, doc="Corner radius, short-side fraction.")


@dataclass(frozen=True, kw_only=True)
class Bar(Layer):
    """A band along one edge of the area."""

    area: str = spec(Str(choices=("live", "canvas")), default="canvas")
    edge: str = spec(Str(choices=("top", "bottom", "start", "end", "left", "right")),
                     default="top")
    size: float = _size(0.02)
    length: float = spec(Number(0, 1), default=1.0, doc="Fraction of the edge it covers.")
    color: str = spec(ColorRef(), default="accent")
    opacity: float = spec(Number(0, 1), default=1.0)
    progress: bool = spec(Bool(), default=False,
                          doc="On carousels, cover slide/slides of the edge (a progress bar).")


@dataclass(frozen=True, kw_only=True)
class Rule(Layer):
    """A short accent line; in a stack it sits between the texts."""

    length: float = _size(0.12)
    thickness: float = _size(0.012)
    color: str = spec(ColorRef(), default="accent")
    align: str = spec(Str(choices=(*ALIGNS, "inherit")), default="inherit")
    space_above: float | None = spec(Number(-0.3, 0.5), default=None,
                                     doc="Space above it in a stack, instead of the gap.")


@dataclass(frozen=True, kw_only=True)
class LogoLayer(Layer):
    """The brand logo: logo_on_dark on dark backdrops, logo on light ones."""

    height: float = _size(0.06)
    align: str = spec(Str(choices=ALIGNS), default="start")
    valign: str = spec(Str(choices=VALIGNS), default="bottom")
    style: str = spec(Str(choices=("auto", "light", "dark")), default="auto",
                      doc="auto picks by the backdrop's brightness.")
    fallback: str = spec(Str(choices=("name", "none")), default="name",
                         doc="Without a logo file: the brand name, or nothing.")


@dataclass(frozen=True, kw_only=True)
class TextLayer(Layer):
    """A text field (or fixed text) that wraps, balances and shrinks to fit its box."""

    field: str = spec(Str(), default="", doc="The post's text field to draw.")
    text: str = spec(Str(), default="", doc="Fixed text; {url}, {site}, {brand}, {slide}.")
    font: str = spec(Str(choices=("heading", "body")), default="heading")
    size: float = _size(0.1)
    min_size: float = _size(0.045)
    color: str = spec(ColorRef(allow_auto=True), default="auto")
    emphasis: str = spec(ColorRef(allow_auto=True), default="auto",
                         doc="Color of *emphasis*; auto is the accent, made readable.")
    emphasis_style: str = spec(Str(choices=EMPHASIS_STYLES), default="auto",
                               doc="How *emphasis* shows: color, highlight, underline; auto "
                                   "colors the words if that reads, else highlights them.")
    align: str = spec(Str(choices=(*ALIGNS, "inherit")), default="inherit")
    valign: str = spec(Str(choices=VALIGNS), default="top")
    leading: float | None = spec(Number(0.8, 2.5), default=None,
                                 doc="Line height / size at text sizes.")
    display_leading: float | None = spec(Number(0.8, 2.5), default=None,
                                         doc="Line height / size at display sizes (from 0.08).")
    transform: str = spec(Str(choices=("none", "upper")), default="none")
    max_lines: int | None = spec(Number(1, 50, integer=True), default=None)
    decorative: bool = spec(Bool(), default=False,
                            doc="An ornament such as a quotation mark: no contrast check.")
    space_above: float | None = spec(Number(-0.3, 0.5), default=None,
                                     doc="Space above it in a stack, instead of the gap.")


@dataclass(frozen=True, kw_only=True)
class Counter(TextLayer):
    """The slide number of a carousel, as "2/4"; drawn only on carousels."""

    text: str = spec(Str(), default="{slide}/{slides}")
    font: str = spec(Str(choices=("heading", "body")), default="body")
    size: float = _size(0.035)
    min_size: float = _size(0.03)
    when: str = spec(Str(choices=CONDITIONS), default="slides")


@dataclass(frozen=True, kw_only=True)
class Qr(Layer):
    """A QR code of the campaign link, with its quiet zone."""

    side: float = _size(0.25)
    min_px: int = spec(Number(0, 5000, integer=True), default=0,
                       doc="Smallest allowed side in px, quiet zone included.")
    quiet: int = spec(Number(2, 10, integer=True), default=4, doc="Quiet zone in modules.")
    dark: str = spec(ColorRef(), default="black")
    light: str = spec(ColorRef(), default="white")
    align: str = spec(Str(choices=ALIGNS), default="start")
    valign: str = spec(Str(choices=VALIGNS), default="bottom")


class LayerRef(FieldType):
    """A mapping whose `type` picks the layer model that validates the rest."""

    expected = "a layer (a mapping with a type)"

    def __init__(self, allowed: tuple[str, ...] = ()) -> None:
        self.allowed = allowed

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> Layer | None:
        if not isinstance(value, dict):
            self.wrong_type(value, key_path, ctx)
            return None
        kinds = self.allowed or tuple(LAYER_TYPES)
        kind = value.get("type")
        if kind is None:
            ctx.error(key_path, f"a layer needs a type: one of {', '.join(kinds)}")
            return None
        if kind not in kinds:
            ctx.error((*key_path, "type"), f"unknown layer type '{kind}'"
                                           f"{did_you_mean(str(kind), kinds)}"
                                           f" (types: {', '.join(kinds)})")
            return None
        layer: Layer | None = Record(LAYER_TYPES[kind]).check(value, key_path, ctx)
        return layer

    def json_schema(self) -> dict[str, Any]:
        kinds = self.allowed or tuple(LAYER_TYPES)
        return {"anyOf": [Record(LAYER_TYPES[k]).json_schema() for k in kinds]}


STACK_ITEMS = ("text", "rule", "counter")


@dataclass(frozen=True, kw_only=True)
class Stack(Layer):
    """Texts and rules set one below the other, each under the measured bottom of the last."""

    items: tuple[Layer, ...] = spec(ListOf(LayerRef(STACK_ITEMS), min_items=1), default=())
    gap: float = spec(Number(0, 0.5), default=0.03, doc="Space between items.")
    hierarchy: float = spec(Number(1, 10), default=1.6,
                            doc="The first text is at least this many times the size of the "
                                "other texts (ornaments aside); 1 turns it off.")
    align: str = spec(Str(choices=ALIGNS), default="start")
    valign: str = spec(Str(choices=VALIGNS), default="center")


LAYER_TYPES: dict[str, type[Layer]] = {
    "background": Background,
    "photo": Photo,
    "scrim": Scrim,
    "rect": RectLayer,
    "bar": Bar,
    "rule": Rule,
    "logo": LogoLayer,
    "text": TextLayer,
    "counter": Counter,
    "qr": Qr,
    "stack": Stack,
}
