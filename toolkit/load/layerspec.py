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
from toolkit.load.yamlsource import KeyPath, format_key_path

Box = tuple[float, float, float, float]

# dark and light are derived from the brand: dark is the primary when white text reads on it,
# else the darkest brand color; light is the background when dark text reads on it, else the
# lightest brand color. Layouts set solid grounds in them, so a light primary still works.
COLOR_ROLES = ("primary", "secondary", "accent", "background", "text", "on_primary",
               "dark", "light", "white", "black")
ALIGNS = ("start", "center", "end", "left", "right")
VALIGNS = ("top", "center", "bottom")
CONDITIONS = ("photo", "no-photo", "slides", "first-slide", "later-slide", "last-slide",
              "not-last-slide", "middle-slide", "final-slide", "not-final-slide", "scrim",
              "panel", "duotone", "short-number", "long-number", "dated", "undated", "link",
              "qr")
# A number of more than this many characters is long: wide layouts stack it over its meaning.
SHORT_NUMBER = 5
FULL: Box = (0.0, 0.0, 1.0, 1.0)
SHAPES = ("square", "portrait", "landscape", "story")
# live: inside the safe area and margins; canvas: the whole image; band: the full-width strip
# below the live area (on a story, the bottom band the platform covers with its reply bar).
AREAS = ("live", "canvas", "band")
EMPHASIS_STYLES = ("auto", "color", "highlight", "underline")


class Condition(Str):
    """A `when` condition, or several joined by + that must all hold: `dated+qr`."""

    expected = "a condition such as photo, or several joined by +"

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> str | None:
        text = Str().check(value, key_path, ctx)
        if text is None:
            return None
        for part in text.split("+"):
            if part not in CONDITIONS:
                hint = did_you_mean(part, CONDITIONS) or f" (choices: {', '.join(CONDITIONS)})"
                ctx.error(key_path, f"{format_key_path(key_path)}: unknown condition "
                                    f"'{part}'{hint}")
                return None
        return text

    def json_schema(self) -> dict[str, Any]:
        one = "|".join(CONDITIONS)
        return {"type": "string", "pattern": f"^({one})(\\+({one}))*$"}


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


class Colors(FieldType):
    """One color, or a list of them tried in order: the first that keeps its contrast with
    what is behind it is drawn."""

    expected = "a color, or a list of colors to try in order"

    def __init__(self, allow_auto: bool = False) -> None:
        self.one = ColorRef(allow_auto)

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> tuple[str, ...] | None:
        if not isinstance(value, list):
            single = self.one.check(value, key_path, ctx)
            return None if single is None else (single,)
        if not value:
            ctx.error(key_path, "an empty list of colors; name at least one")
            return None
        found = [self.one.check(item, (*key_path, i), ctx) for i, item in enumerate(value)]
        return None if None in found else tuple(str(c) for c in found)

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"},
                                               "minItems": 1}]}


def _contrast(default: float = 3.0) -> Any:
    return spec(Number(0, 21), default=default,
                doc="Contrast it keeps with what it sits on (WCAG non-text 3:1); 0: not "
                    "checked, for a purely ornamental shape.")


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


class Pair2Colors(FieldType):
    """Two colors [shadows, highlights]; the second may be auto."""

    expected = "two colors [shadows, highlights]"

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> tuple[str, str] | None:
        if not isinstance(value, list) or len(value) != 2:
            ctx.error(key_path, f"expected {self.expected}")
            return None
        first = ColorRef().check(value[0], (*key_path, 0), ctx)
        second = ColorRef(allow_auto=True).check(value[1], (*key_path, 1), ctx)
        return None if first is None or second is None else (first, second)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2}


def _size(default: float) -> Any:
    return spec(Number(0.001, 1), default=default,
                doc="A fraction of the canvas's short side.")


@dataclass(frozen=True, kw_only=True)
class Layer:
    """Keys every layer has."""

    type: str = spec(Str(), doc="The layer type.")
    id: str = spec(Str(r"[a-z][a-z0-9_-]*", "use lowercase letters, digits, - and _"),
                   default="", doc="A name variants use to change this layer.")
    when: str = spec(Condition(), default="",
                     doc="Draw only in this case (or these, joined by +: dated+qr).")
    shapes: tuple[str, ...] = spec(ListOf(Str()), default=(),
                                   doc="Draw only in these shapes or formats; default: all.")
    area: str = spec(Str(choices=AREAS), default="live",
                     doc="live: inside the safe area and margins; canvas: the whole image; "
                         "band: the strip below the live area.")
    box: Box = spec(BoxRef(), default=FULL, doc="[x, y, width, height] fractions of the area.")
    mirror: bool = spec(Bool(), default=True, doc="Mirror left and right for RTL languages.")
    key_path: KeyPath = ()

    @property
    def name(self) -> str:
        return self.id or self.type


@dataclass(frozen=True, kw_only=True)
class Background(Layer):
    """A solid or two-color gradient fill."""

    area: str = spec(Str(choices=AREAS), default="canvas")
    fill: str = spec(ColorRef(), default="primary")
    fill_to: str | None = spec(ColorRef(), default=None, doc="End color of a gradient.")
    angle: float = spec(Number(0, 360), default=90, doc="Gradient direction; 90 runs down.")


@dataclass(frozen=True, kw_only=True)
class Photo(Layer):
    """The post's background photo, cropped to cover its box around the focal point."""

    area: str = spec(Str(choices=AREAS), default="canvas")
    mirror: bool = spec(Bool(), default=False)
    duotone: tuple[str, str] = spec(
        Pair2Colors(), default=("dark", "auto"),
        doc="With the duotone treatment: the shadow and highlight colors (auto: the brand "
            "color furthest from the shadow's).")


@dataclass(frozen=True, kw_only=True)
class Scrim(Layer):
    """A one-color gradient whose opacity ramps, to keep text legible over a photo."""

    area: str = spec(Str(choices=AREAS), default="canvas")
    color: str = spec(ColorRef(allow_auto=True), default="black",
                      doc="auto (with fit): the dark ground under light text or the light one "
                          "under dark text, whichever needs less.")
    opacity: tuple[float, float] = spec(Pair(0, 1), default=(0.0, 0.8),
                                        doc="The ramp's opacities; with fit, the least and the "
                                            "most it may take.")
    span: tuple[float, float] = spec(Pair(0, 1), default=(0.0, 1.0),
                                     doc="Where along its direction the ramp starts and ends.")
    direction: str = spec(Str(choices=("down", "up", "start", "end", "left", "right")),
                          default="down", doc="Where the scrim gets darker.")
    fit: tuple[str, ...] = spec(ListOf(Str()), default=(),
                                doc="Ids of the stacks, texts or strip it protects: measured on "
                                    "the photo so their text reaches 4.5:1, drawn only there.")
    feather: float = spec(Number(0, 1), default=0.22,
                          doc="With fit: how far beyond the text it fades out.")
    pad: float = spec(Number(0, 0.3), default=0.04,
                      doc="With fit: solid margin around the text.")


@dataclass(frozen=True, kw_only=True)
class RectLayer(Layer):
    """A rectangle, optionally rounded and translucent."""

    area: str = spec(Str(choices=AREAS), default="canvas")
    box: Box = spec(BoxRef(inside=False), default=FULL)
    color: tuple[str, ...] = spec(Colors(), default=("secondary",))
    contrast: float = _contrast()
    opacity: float = spec(Number(0, 1), default=1.0)
    radius: float = spec(Number(0, 1), default=0.0, doc="Corner radius, short-side fraction.")
    holds_text: bool = spec(Bool(), default=False,
                            doc="Text is set on it: of its colors, the first on which one of "
                                "the brand's text colors reaches 4.5:1 is drawn.")


@dataclass(frozen=True, kw_only=True)
class Bar(Layer):
    """A band along one edge of the area."""

    area: str = spec(Str(choices=AREAS), default="canvas")
    edge: str = spec(Str(choices=("top", "bottom", "start", "end", "left", "right")),
                     default="top")
    size: float = _size(0.02)
    length: float = spec(Number(0, 1), default=1.0, doc="Fraction of the edge it covers.")
    color: tuple[str, ...] = spec(Colors(), default=("accent",))
    contrast: float = _contrast()
    opacity: float = spec(Number(0, 1), default=1.0)
    progress: bool = spec(Bool(), default=False,
                          doc="On carousels, cover slide/slides of the edge (a progress bar).")


@dataclass(frozen=True, kw_only=True)
class Rule(Layer):
    """A short accent line; in a stack it sits between the texts."""

    length: float = _size(0.12)
    thickness: float = _size(0.012)
    color: tuple[str, ...] = spec(Colors(), default=("accent",))
    contrast: float = _contrast()
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
    color: tuple[str, ...] = spec(Colors(allow_auto=True), default=("auto",))
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
                            doc="An ornament such as a quotation mark: it keeps 3:1 (non-text "
                                "contrast) rather than the contrast of text.")
    space_above: float | None = spec(Number(-0.3, 0.5), default=None,
                                     doc="Space above it in a stack, instead of the gap.")
    hang: bool = spec(Bool(), default=False,
                      doc="First in a stack: set beside the next texts, at their start side "
                          "and level with their first line (a hanging quotation mark).")
    quoted: bool = spec(Bool(), default=False,
                        doc="End the text with the language's closing quotation mark.")
    unless_brand: bool = spec(Bool(), default=False,
                              doc="Not drawn when the text is the brand's name (the logo "
                                  "already says it).")


@dataclass(frozen=True, kw_only=True)
class Poster(TextLayer):
    """A slogan of two to six words, broken into lines that each fill the box's width."""

    size: float = _size(0.5)
    min_size: float = _size(0.06)
    display_leading: float | None = spec(Number(0.8, 2.5), default=0.92,
                                         doc="Line height / size (tight, as posters are).")
    gap: float = spec(Number(0, 0.2), default=0.0, doc="Extra space between the lines.")
    valign: str = spec(Str(choices=VALIGNS), default="center")


@dataclass(frozen=True, kw_only=True)
class Counter(TextLayer):
    """The slide number of a carousel, as "2/4"; drawn only on carousels."""

    text: str = spec(Str(), default="{slide}/{slides}")
    font: str = spec(Str(choices=("heading", "body")), default="body")
    size: float = _size(0.035)
    min_size: float = _size(0.03)
    when: str = spec(Condition(), default="slides")


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


@dataclass(frozen=True, kw_only=True)
class Strip(Layer):
    """The brand strip: the logo, and the campaign's short link (or the brand's handle) with
    the post's call to action, so an image shared without its caption still leads back."""

    height: float = spec(Number(0.045, 0.3), default=0.05,
                         doc="Logo height, a fraction of the short side (at least 0.045).")
    size: float = _size(0.03)
    cta_size: float = _size(0.036)
    min_size: float = _size(0.026)
    logo: bool = spec(Bool(), default=True, doc="Draw the logo.")
    link: bool = spec(Bool(), default=True, doc="Draw the short link or handle.")
    cta: bool = spec(Bool(), default=True, doc="Draw the call to action, when there is one.")
    align: str = spec(Str(choices=ALIGNS), default="start", doc="Where the logo sits.")
    valign: str = spec(Str(choices=VALIGNS), default="bottom")
    arrange: str = spec(Str(choices=("split", "together", "stacked")), default="split",
                        doc="split: the texts on the side away from the logo; together: the "
                            "texts right beside it; stacked: the texts under it.")
    color: tuple[str, ...] = spec(Colors(allow_auto=True), default=("auto",))
    style: str = spec(Str(choices=("auto", "light", "dark")), default="auto",
                      doc="Logo version: auto picks by the backdrop's brightness.")


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
    "poster": Poster,
    "qr": Qr,
    "stack": Stack,
    "strip": Strip,
}
