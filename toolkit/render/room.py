"""How much text a layout's field holds: about how many characters fit at its minimum size.

For translators, who cannot see the graphic. The field's frame comes from composing the image
with the source texts; its height is what is left once the stack's gaps, rules and other texts
(at their own minimum sizes) are taken; then the text engine's line setter fits ever longer runs of
plain prose at the minimum size, and the longest that fits is the room. An estimate ("about":
another language's words break differently), measured with the brand's real fonts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from toolkit.graphics.canvas import Canvas
from toolkit.graphics.draw import compose
from toolkit.graphics.text.bidi import paragraph_direction
from toolkit.graphics.text.fit import TextStyle
from toolkit.graphics.text.fonts import font_chain, load_font
from toolkit.graphics.text.runs import cap_height
from toolkit.graphics.text.setter import BoxSetter
from toolkit.graphics.text.wordbreak import Word, glue_words, prepare_glyphs, split_words
from toolkit.graphics.typeset import LEADING
from toolkit.load.layerspec import Layer, Rule, Stack, TextLayer
from toolkit.load.layoutbody import compile_layout
from toolkit.plan import ImageJob

SAMPLE = ("Every text on a graphic is read in about a second, so the words that matter "
          "come first and the rest stay short.")
MAX_ROOM = 2000


@dataclass(frozen=True)
class Room:
    """About how many characters of a field fit, and in which format it is tightest."""

    characters: int
    format: str


def field_room(job: ImageJob) -> dict[str, Room]:
    """For each text field drawn in job: about how many characters fit at the minimum size."""
    boxes = compose(job).boxes
    layout = compile_layout(job.layout)
    treatment = job.treatment
    canvas = Canvas.of(job.format, layout.margin_for(job.format, treatment, job.qr),
                       job.direction == "rtl")
    placed = _text_layers(layout.layers_for(job.format, treatment, job.qr), None)
    room = {}
    for report in boxes:
        if report.field not in placed:
            continue
        layer, stack = placed[report.field]
        others = [b for b in boxes if b.frame == report.frame and b is not report]
        height = report.frame[3] - report.frame[1] - _fixed(stack, job, canvas) - sum(
            (b.box[3] - b.box[1]) * b.min_size / max(1, b.size) for b in others)
        width = report.frame[2] - report.frame[0]
        style = _style(layer, report.min_size, job)
        characters = _longest_fit(width, math.floor(height), style, job.lang)
        room[report.field] = Room(characters, job.format.name)
    return room


def _style(layer: TextLayer, size: int, job: ImageJob) -> TextStyle:
    font = job.brand.heading_font if layer.font == "heading" else job.brand.body_font
    black = (0, 0, 0)
    return TextStyle(chain=font_chain(font, job.brand.fallback_fonts), max_size=size,
                     min_size=size, color=black, accent=black,
                     line_height=layer.leading or LEADING[layer.font],
                     max_lines=layer.max_lines, uppercase=layer.transform == "upper")


def _fixed(stack: Stack | None, job: ImageJob, canvas: Canvas) -> int:
    """The px a stack spends on gaps and rules between the items drawn in job."""
    if stack is None:
        return 0
    drawn = [item for item in stack.items if isinstance(item, Rule) or (
        isinstance(item, TextLayer)
        and (job.text(item.field).strip() if item.field else item.text))]
    gaps = sum(canvas.px(stack.gap if item.space_above is None else item.space_above)
               for item in drawn[1:])
    rules = sum(canvas.px(item.thickness) for item in drawn if isinstance(item, Rule))
    return gaps + rules


def _longest_fit(width: int, height: int, style: TextStyle, lang: str) -> int:
    """About the most characters of plain prose that fit without breaking a word."""
    cap = cap_height(style.chain.primary, style.min_size)
    pitch = round(style.min_size * style.line_height)
    lines = 0 if height < cap else 1 + (height - cap) // pitch
    if style.max_lines is not None:
        lines = min(lines, style.max_lines)
    return _fit_lines(width, lines, height, style, lang) if lines > 0 else 0


@lru_cache(maxsize=1024)
def _fit_lines(width: int, lines: int, height: int, style: TextStyle, lang: str) -> int:
    """A binary search over words of the sample, set greedily at the minimum size as the text
    engine sets them (balancing lines never changes whether a text fits); posts whose field
    has the same width and number of lines share the answer."""
    font = load_font(style.chain.primary, style.min_size)
    per_line = width / (font.getlength(SAMPLE) / len(SAMPLE))
    words = _words(_sample(min(MAX_ROOM, math.ceil(per_line * lines * 1.2) + 1)), style)
    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        text = " ".join(word.text for word in words[:middle])
        setter = BoxSetter(style, width, height, paragraph_direction(text, lang), lang, text)
        if setter.fit(words[:middle], style.min_size, balance=False) is not None:
            low = middle
        else:
            high = middle - 1
    return len(" ".join(word.text for word in words[:low]))


def _words(text: str, style: TextStyle) -> list[Word]:
    return glue_words(split_words(prepare_glyphs(text, style)))


def _sample(length: int) -> str:
    text = SAMPLE
    while len(text) < length:
        text += " " + SAMPLE
    return text[:length].rstrip()


def _text_layers(layers: tuple[Layer, ...], stack: Stack | None
                 ) -> dict[str, tuple[TextLayer, Stack | None]]:
    found: dict[str, tuple[TextLayer, Stack | None]] = {}
    for layer in layers:
        if isinstance(layer, Stack):
            found.update(_text_layers(layer.items, layer))
        elif isinstance(layer, TextLayer) and layer.field:
            found.setdefault(layer.field, (layer, stack))
    return found


def tightest(rooms: list[dict[str, Room]]) -> dict[str, Room]:
    """Per field, the smallest room over several images (formats, slides)."""
    result: dict[str, Room] = {}
    for room in rooms:
        for name, value in room.items():
            if name not in result or value.characters < result[name].characters:
                result[name] = value
    return result


def describe_room(name: str, room: Room, source: str, drawn: int | None = None) -> str:
    """`headline: fits about 40 characters at the minimum size (the source has 25; tightest
    format: story)`. A per-target template's length is given as drawn (drawn: its longest
    filling over the targets), since its {{ placeholders }} are filled in before drawing."""
    about = room.characters if room.characters < 20 else room.characters // 5 * 5
    if drawn is not None:
        has = f"the source has up to {drawn} with its {{{{ placeholders }}}} filled in per target"
    else:
        has = f"the source has {len(source.replace('*', ''))}"
    return (f"{name}: fits about {about} characters at the minimum size ({has}; tightest "
            f"format: {room.format})")
