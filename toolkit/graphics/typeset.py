"""Set text layers and stacks: fit each text, flow stacks top to bottom, pick legible colors."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from PIL import ImageDraw

from toolkit.graphics import contrast, emphasis
from toolkit.graphics.canvas import PixelRect, aligned
from toolkit.graphics.conditions import applies
from toolkit.graphics.scene import Scene
from toolkit.graphics.text.block import Align
from toolkit.graphics.text.fit import TextBlock, TextFitError, TextStyle, draw_text, fit_text
from toolkit.graphics.text.fit import paragraph_direction as text_direction
from toolkit.graphics.text.fonts import MissingGlyphError, describe_char, font_chain, is_bold
from toolkit.graphics.text.langdata import close_quote
from toolkit.graphics.visible import shape_color, text_color
from toolkit.load.layerspec import Rule, Stack, TextLayer
from toolkit.plan import TextBoxReport

LEADING = {"heading": 1.08, "body": 1.3}  # line height at text sizes (up to TEXT_SIZE)
DISPLAY_LEADING = {"heading": 1.0, "body": None}  # from DISPLAY_SIZE up; None: as LEADING
TEXT_SIZE = 0.045  # of the short side: below this, text keeps its leading ...
DISPLAY_SIZE = 0.08  # ... from this up it has its display leading; in between, a blend
NON_TEXT = 3.0  # WCAG 1.4.11: shapes and ornaments that carry meaning keep 3:1
VALIGN_SHARE = {"top": 0.0, "center": 0.5, "bottom": 1.0}


@dataclass(frozen=True)
class Entry:
    """A stack item ready to fit: a text with its style, or a rule of fixed height."""

    layer: TextLayer | Rule
    text: str = ""
    style: TextStyle | None = None

    @property
    def field(self) -> str:
        return self.layer.field if isinstance(self.layer, TextLayer) else ""


@dataclass(frozen=True)
class Placed:
    """An entry fitted and positioned: its block (texts) and its px rectangle."""

    entry: Entry
    block: TextBlock | None
    rect: PixelRect
    ink_top: int = 0  # an ornament is placed by its ink: its block starts this far above rect


def draw_text_layer(layer: TextLayer, scene: Scene) -> None:
    """A lone text layer is a stack of one, aligned within its own box."""
    draw_stack(_lone(layer), scene)


@dataclass(frozen=True)
class TextSpot:
    """Where a text will be drawn, the contrast it needs there, and whether it has emphasis."""

    box: PixelRect
    needs: float
    emphasis: bool
    colors: tuple[contrast.RGB, ...] = ()  # a shape's colors, any of which may be drawn


def text_spots(layer: Stack | TextLayer, scene: Scene) -> list[TextSpot]:
    """Where the texts of a stack (or a lone text) will be drawn, laid out but not drawn."""
    stack = layer if isinstance(layer, Stack) else _lone(layer)
    frame = scene.canvas.rect(stack)
    entries = [e for e in (_entry(item, stack, scene) for item in stack.items) if e is not None]
    placed = _flow(stack, entries, frame, scene) or []
    spots = []
    for item in placed:
        rule = item.entry.layer
        if isinstance(rule, Rule) and rule.contrast > 0:
            align = stack.align if rule.align == "inherit" else rule.align
            spots.append(TextSpot(_rule_box(rule, item.rect, align, scene), rule.contrast,
                                  False, tuple(scene.color(c) for c in rule.color)))
        if item.block is None or item.entry.style is None:
            continue
        top = item.rect[1] - item.ink_top
        box = _ink_box(item.block, (item.rect[0], top, item.rect[2], top + item.block.height))
        spots.append(TextSpot(box, contrast.required(_large(item.block, item.entry, scene)),
                              "*" in item.entry.text))
    return spots


def _large(block: TextBlock, entry: Entry, scene: Scene) -> bool:
    assert entry.style is not None
    return contrast.is_large(block.size, is_bold(entry.style.chain.primary), scene.canvas.width,
                             scene.job.format.spec.dpi, scene.job.format.kind == "print")


def _lone(layer: TextLayer) -> Stack:
    return Stack(type="stack", id=layer.id, area=layer.area, box=layer.box,
                 mirror=layer.mirror, items=(layer,), gap=0.0, align=_stack_align(layer),
                 valign=layer.valign, key_path=layer.key_path)


def _stack_align(layer: TextLayer) -> str:
    return "start" if layer.align == "inherit" else layer.align


def draw_stack(stack: Stack, scene: Scene) -> None:
    """Fit the items, place them one under another, then draw them in legible colors."""
    frame = scene.canvas.rect(stack)
    entries = [e for e in (_entry(item, stack, scene) for item in stack.items) if e is not None]
    placed = _flow(stack, entries, frame, scene)
    if placed is None:
        return
    for item in placed:
        if item.block is None:
            _draw_rule(item, stack, scene)
        else:
            _draw_block(item, frame, scene)


def _entry(item: object, stack: Stack, scene: Scene) -> Entry | None:
    assert isinstance(item, (Rule, TextLayer))
    if not applies(item, scene.job):
        return None
    if isinstance(item, Rule):
        return Entry(item)
    text = _content(item, scene)
    if not text.strip():
        return None
    return Entry(item, text, _style(item, stack, text, scene))


def _content(layer: TextLayer, scene: Scene) -> str:
    text = scene.job.text(layer.field) if layer.field else layer.text.format_map(
        scene.placeholders()).strip()  # "{link_label} {post_link}" without its label
    if layer.unless_brand and _same_name(text, scene.job.brand.name):
        return ""  # the logo already says it
    if layer.quoted and text.strip():
        text = text.rstrip() + close_quote(scene.job.lang)
    return text


def _same_name(text: str, name: str) -> bool:
    def plain(value: str) -> str:
        return " ".join(value.replace("*", "").casefold().split())
    return plain(text) == plain(name)


def text_style(layer: TextLayer, text: str, scene: Scene) -> TextStyle:
    """How a lone text layer is set (its own alignment)."""
    return _style(layer, _lone(layer), text, scene)


def _style(layer: TextLayer, stack: Stack, text: str, scene: Scene) -> TextStyle:
    brand, canvas = scene.job.brand, scene.canvas
    font = brand.heading_font if layer.font == "heading" else brand.body_font
    floor = canvas.safe_floor
    max_size = max(canvas.px(layer.size), floor)
    min_size = min(max(canvas.px(layer.min_size), floor), max_size)
    align = stack.align if layer.align == "inherit" else layer.align
    return TextStyle(
        chain=font_chain(font, brand.fallback_fonts), max_size=max_size, min_size=min_size,
        color=scene.color("text"), accent=scene.color("accent"),
        line_height=layer.leading or LEADING[layer.font],
        display_line_height=layer.display_leading or DISPLAY_LEADING[layer.font],
        text_size=canvas.px(TEXT_SIZE), display_size=canvas.px(DISPLAY_SIZE),
        align=_text_align(align, text, scene), max_lines=layer.max_lines,
        uppercase=layer.transform == "upper")


def _text_align(align: str, text: str, scene: Scene) -> Align:
    """The layout's side (start is right on an RTL canvas) in the text's own direction."""
    side = scene.canvas.side(align)
    if side == "center":
        return "center"
    rtl_text = text_direction(text, scene.job.lang) == "rtl"
    return "start" if (side == "left") != rtl_text else "end"


# -- fitting and flowing -----------------------------------------------------------------------


def _flow(stack: Stack, entries: list[Entry], frame: PixelRect, scene: Scene
          ) -> list[Placed] | None:
    """Fit every text in the frame's width, share its height, then stack them by valign; a
    first item that hangs (a quotation mark) goes beside the others instead of above them."""
    first = entries[0].layer if entries else None
    if isinstance(first, TextLayer) and first.hang and len(entries) > 1:
        return _hung(stack, entries, frame, scene)
    width, height = frame[2] - frame[0], frame[3] - frame[1]
    gaps = [0 if i == 0 else _gap(e, stack, scene) for i, e in enumerate(entries)]
    fixed = sum(gaps) + sum(scene.canvas.px(e.layer.thickness) for e in entries
                            if isinstance(e.layer, Rule))
    blocks = _fit_all([e for e in entries if e.style], width, height - fixed, scene,
                      stack.hierarchy)
    if blocks is None:
        return None
    # An ornament (a big quotation mark) is measured by its ink, not by its line: a mark that
    # sits high (\u201c) or low (\u00bb) on its line then keeps the same distance to the text.
    inks = {id(e): ink_extent(blocks[id(e)]) for e in entries
            if isinstance(e.layer, TextLayer) and e.layer.decorative and len(entries) > 1}
    heights = [_height(e, blocks, inks, scene) for e in entries]
    free = height - sum(heights) - sum(gaps)
    y = frame[1] + round(max(0, free) * VALIGN_SHARE[stack.valign])
    placed = []
    for entry, gap, item_height in zip(entries, gaps, heights, strict=True):
        y += gap
        block = blocks.get(id(entry))
        top = inks[id(entry)][0] if id(entry) in inks else 0
        placed.append(Placed(entry, block, (frame[0], y, frame[2], y + item_height), top))
        y += item_height
    return placed


def _hung(stack: Stack, entries: list[Entry], frame: PixelRect, scene: Scene
          ) -> list[Placed] | None:
    """The first entry hangs at the start side, its ink top level with the first text's; the
    other entries are indented by its ink's width and a gap."""
    mark = _fit(entries[0], (frame[2] - frame[0]) // 3, frame[3] - frame[1], scene)
    if mark is None or not mark.lines:
        return _flow(stack, entries[1:], frame, scene)
    ink_left = min(line.x for line in mark.lines)
    ink_right = max(line.x + line.width for line in mark.lines)
    indent = ink_right - ink_left + scene.canvas.px(stack.gap)
    right_side = scene.canvas.side("start") == "right"
    inner = ((frame[0], frame[1], frame[2] - indent, frame[3]) if right_side
             else (frame[0] + indent, frame[1], frame[2], frame[3]))
    placed = _flow(stack, entries[1:], inner, scene)
    if placed is None:
        return None
    blocks = [(p, p.block) for p in placed if p.block is not None]
    level = inner[1]
    if blocks:
        text, block = blocks[0]
        level = text.rect[1] - text.ink_top + ink_extent(block)[0]
    top, bottom = ink_extent(mark)
    x = frame[2] - ink_right if right_side else frame[0] - ink_left
    return [Placed(entries[0], mark, (x, level, x + ink_right, level + bottom - top), top),
            *placed]


def _height(entry: Entry, blocks: dict[int, TextBlock], inks: dict[int, tuple[int, int]],
            scene: Scene) -> int:
    if id(entry) in inks:
        top, bottom = inks[id(entry)]
        return bottom - top
    if entry.style:
        return blocks[id(entry)].height
    assert isinstance(entry.layer, Rule)
    return scene.canvas.px(entry.layer.thickness)


def ink_extent(block: TextBlock) -> tuple[int, int]:
    """Top and bottom of a block's ink, from the block's top."""
    top, bottom = block.height, 0
    for line in block.lines:
        for span in line.spans:
            if span.emoji or not span.text.strip():
                continue
            ink_top, ink_bottom = emphasis.span_ink(span, block.size, block.lang)
            top = min(top, line.baseline + ink_top)
            bottom = max(bottom, line.baseline + ink_bottom)
    return (top, bottom) if bottom > top else (0, block.height)


def _gap(entry: Entry, stack: Stack, scene: Scene) -> int:
    space = entry.layer.space_above
    return scene.canvas.px(stack.gap if space is None else space)


def _fit_all(texts: list[Entry], width: int, height: int, scene: Scene, hierarchy: float = 1.0
             ) -> dict[int, TextBlock] | None:
    """Each text at its largest size; if together too tall, share the height by need. The
    first text (ornaments aside) stays `hierarchy` times the size of the others.

    Blocks are keyed by id() of the entries given."""
    natural = []
    for entry in texts:
        block = _fit(entry, width, height, scene)
        if block is None:
            return None
        natural.append(block)
    ranked = _ranked(texts, natural, hierarchy)
    natural = [block if entry is original else (_fit(entry, width, height, scene, quiet=True)
                                                 or block)
               for original, entry, block in zip(texts, ranked, natural, strict=True)]
    if sum(b.height for b in natural) > height:
        shared = _share(ranked, natural, width, height, scene)
        if shared is None:
            return None
        capped = _ranked(ranked, shared, hierarchy)
        natural = [block if entry is before else (_fit(entry, width, block.height, scene,
                                                       quiet=True) or block)
                   for before, entry, block in zip(ranked, capped, shared, strict=True)]
    for entry, block in zip(texts, natural, strict=True):
        _warn_broken(entry, block, scene)  # only as set: a trial size may have broken a word
    return {id(entry): block for entry, block in zip(texts, natural, strict=True)}


def _ranked(texts: list[Entry], blocks: list[TextBlock], hierarchy: float) -> list[Entry]:
    """The entries, those after the main text capped at the main text's size / hierarchy."""
    readable = [i for i, e in enumerate(texts)
                if isinstance(e.layer, TextLayer) and not e.layer.decorative]
    if hierarchy <= 1 or len(readable) < 2:
        return texts
    cap = math.floor(blocks[readable[0]].size / hierarchy)
    ranked = list(texts)
    for index in readable[1:]:
        style = texts[index].style
        if style is not None and blocks[index].size > cap:
            smaller = dataclasses.replace(style, max_size=max(cap, style.min_size))
            ranked[index] = dataclasses.replace(texts[index], style=smaller)
    return ranked


def _share(texts: list[Entry], natural: list[TextBlock], width: int, height: int,
           scene: Scene) -> list[TextBlock] | None:
    """Give each text a share of the height in proportion to its natural height, in order,
    always keeping enough for the texts after it at their minimum size."""
    floors = [_min_height(e, width, height, scene) for e in texts]
    fitted: list[TextBlock] = []
    rest = height
    for index, entry in enumerate(texts):
        need = sum(block.height for block in natural[index:])
        share = round(rest * natural[index].height / need)
        share = min(max(share, floors[index]), rest - sum(floors[index + 1:]))
        block = _fit(entry, width, share, scene)
        if block is None:
            return None
        fitted.append(block)
        rest -= block.height
    return fitted


def _min_height(entry: Entry, width: int, height: int, scene: Scene) -> int:
    assert entry.style is not None
    smallest = dataclasses.replace(entry.style, max_size=entry.style.min_size)
    block = _fit(dataclasses.replace(entry, style=smallest), width, height, scene, quiet=True)
    return block.height if block else 0


def _fit(entry: Entry, width: int, height: int, scene: Scene, quiet: bool = False
         ) -> TextBlock | None:
    """The fitted block, or None with the problem recorded (unless quiet); a block with a
    broken word is warned of by its caller, once the size it is set at is chosen."""
    assert entry.style is not None and isinstance(entry.layer, TextLayer)
    try:
        block = fit_text(entry.text, width, max(1, height), entry.style, scene.job.lang)
    except TextFitError as exc:
        if not quiet:
            _fit_problem(entry, exc, scene)
        return None
    except MissingGlyphError as exc:
        if not quiet:
            scene.error(entry.layer, entry.field,
                        f"no font covers {describe_char(exc.char)} in "
                        f"{scene.label(entry.layer, entry.field)} of {scene.tag}; add a font "
                        "that has it to the brand's fonts.fallback")
        return None
    return block


def _warn_broken(entry: Entry, block: TextBlock, scene: Scene) -> None:
    if not block.fits:
        scene.warn(entry.layer, entry.field,
                   f"{scene.label(entry.layer, entry.field)} of {scene.tag}: a word is too "
                   "long for one line and was broken; shorten it or use a shorter word")


def _fit_problem(entry: Entry, exc: TextFitError, scene: Scene) -> None:
    label = scene.label(entry.layer, entry.field)
    scene.error(entry.layer, entry.field,
                f"{label} of {scene.tag} does not fit: {len(entry.text)} characters in a "
                f"{exc.width}x{exc.height} px box even at the minimum size {exc.min_size} px; "
                "shorten the text")


# -- drawing -----------------------------------------------------------------------------------


def _draw_block(item: Placed, frame: PixelRect, scene: Scene) -> None:
    block, entry = item.block, item.entry
    assert block is not None and entry.style is not None and isinstance(entry.layer, TextLayer)
    left, top = item.rect[0], item.rect[1] - item.ink_top
    box = _ink_box(block, (left, top, item.rect[2], top + block.height))
    samples = contrast.backdrop_luminances(scene.image, box)
    large = _large(block, entry, scene)
    if entry.layer.decorative:
        color = shape_color(entry.layer, entry.layer.color, box, NON_TEXT, scene)
    else:
        color = text_color(entry.layer.color, samples, contrast.required(large), scene)
    marked = _emphasis(entry.layer, color, samples, large, scene) if "*" in entry.text else None
    styled = dataclasses.replace(block, style=dataclasses.replace(
        block.style, color=color, accent=marked.words if marked else color))
    if marked is not None and marked.mark is not None:
        emphasis.draw_marks(scene.image, emphasis.mark_rects(styled, left, top, marked.style),
                            marked.mark)
    draw_text(scene.image, styled, left, top)
    if entry.layer.decorative:
        return
    readings = [contrast.worst(samples, color)] + ([marked.contrast(samples)] if marked else [])
    measured = round(min(readings), 2)
    name = entry.field or entry.layer.name
    scene.reports.append(TextBoxReport(name, box, frame, block.size, entry.style.min_size,
                                       measured, large,
                                       tuple(line.text for line in block.lines),
                                       tuple(line.baseline for line in block.lines),
                                       marked.style if marked else ""))
    if measured < contrast.required(large):
        kind = "large text" if large else "text"
        scene.warn(entry.layer, entry.field,
                   f"{scene.label(entry.layer, entry.field)} of {scene.tag} has contrast "
                   f"{measured:.1f}:1 against what is behind it; {kind} needs "
                   f"{contrast.required(large):g}:1")


def _ink_box(block: TextBlock, rect: PixelRect) -> PixelRect:
    if not block.lines:
        return (rect[0], rect[1], rect[0], rect[1])
    left = min(line.x for line in block.lines)
    right = max(line.x + line.width for line in block.lines)
    return (rect[0] + left, rect[1], rect[0] + right, rect[1] + block.height)


def _emphasis(layer: TextLayer, color: contrast.RGB, samples: contrast.Samples, large: bool,
              scene: Scene) -> emphasis.Emphasis:
    """How this text's *emphasis* is shown (see emphasis.choose): always in the brand's exact
    accent, or not in the accent at all."""
    base = scene.color("accent" if layer.emphasis == "auto" else layer.emphasis)
    # Light words are meant for the brand's dark ground, dark words for its light one.
    light_words = contrast.contrast(color, (0, 0, 0)) > contrast.contrast(color, (255, 255, 255))
    ground = scene.color("dark" if light_words else "light")
    others = [scene.color("text"), scene.color("on_primary"), scene.color("background")]
    return emphasis.choose(layer.emphasis_style, base, color, ground, others, samples,
                           contrast.required(large), shade=False)


def _draw_rule(item: Placed, stack: Stack, scene: Scene) -> None:
    layer = item.entry.layer
    assert isinstance(layer, Rule)
    align = stack.align if layer.align == "inherit" else layer.align
    draw_rule_at(layer, item.rect, align, scene)


def draw_rule_at(layer: Rule, rect: PixelRect, align: str, scene: Scene) -> None:
    """A rule of the layer's length and thickness at the top of rect, aligned."""
    x, y, right, bottom = box = _rule_box(layer, rect, align, scene)
    color = shape_color(layer, layer.color, box, layer.contrast, scene)
    draw = ImageDraw.Draw(scene.image)
    draw.rectangle((x, y, right - 1, bottom - 1), fill=color)


def _rule_box(layer: Rule, rect: PixelRect, align: str, scene: Scene) -> PixelRect:
    canvas = scene.canvas
    size = (min(canvas.px(layer.length), rect[2] - rect[0]), max(1, canvas.px(layer.thickness)))
    x, y = aligned(rect, size, canvas.side(align), "top")
    return (x, y, x + size[0], y + size[1])
