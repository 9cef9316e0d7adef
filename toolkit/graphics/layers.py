"""Draw each layer type onto the scene; LAYER_DRAW maps a layer type to its painter."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from PIL import Image, ImageDraw

from toolkit.errors import Location, Problem
from toolkit.graphics import contrast
from toolkit.graphics.canvas import PixelRect, aligned
from toolkit.graphics.photo import PhotoError, covered_photo
from toolkit.graphics.poster import draw_poster
from toolkit.graphics.qr import qr_image
from toolkit.graphics.scene import Scene
from toolkit.graphics.strip import draw_strip
from toolkit.graphics.treat import draw_measured_scrim, duotone, duotone_colors
from toolkit.graphics.typeset import draw_rule_at, draw_stack, draw_text_layer
from toolkit.graphics.visible import AUTO_TEXT, shape_color
from toolkit.load.brandassets import logo_image
from toolkit.load.layerspec import (
    Background,
    Bar,
    Layer,
    LogoLayer,
    Photo,
    Qr,
    RectLayer,
    Rule,
    Scrim,
    Stack,
    TextLayer,
)
from toolkit.plan import ShapeReport

Painter = Callable[[Any, Scene], None]
QR_CONTRAST = 3.0  # between a code's dark and light modules, as for any mark that must be seen


def draw_background(layer: Background, scene: Scene) -> None:
    rect = scene.canvas.rect(layer)
    size = _size(rect)
    start = scene.color(layer.fill)
    if layer.fill_to is None:
        scene.image.paste((*start, 255), (rect[0], rect[1], rect[0] + size[0], rect[1] + size[1]))
        return
    angle = 180 - layer.angle if scene.canvas.rtl and layer.mirror else layer.angle
    mask = _ramp(size, angle)
    tile = Image.composite(Image.new("RGBA", size, scene.color(layer.fill_to)),
                           Image.new("RGBA", size, start), mask)
    scene.image.paste(tile, rect[:2])


@lru_cache(maxsize=16)
def _ramp(size: tuple[int, int], angle: float) -> Image.Image:
    """An L mask from 0 to 255 along the direction of angle (90 runs top to bottom); read-only."""
    side = math.ceil(math.hypot(*size)) + 2
    ramp = Image.linear_gradient("L").resize((side, side), Image.Resampling.BILINEAR)
    turned = ramp.rotate(90 - angle, resample=Image.Resampling.BILINEAR)
    left, top = (side - size[0]) // 2, (side - size[1]) // 2
    return turned.crop((left, top, left + size[0], top + size[1]))


def draw_photo(layer: Layer, scene: Scene) -> None:
    path = scene.job.background
    if path is None:
        return
    rect = scene.canvas.rect(layer)
    try:
        photo = covered_photo(path, _size(rect), scene.job.focus)
    except (PhotoError, OSError) as exc:
        scene.problems.append(Problem(Location.of_file(path),
                                      f"cannot use the photo {path.name} of {scene.tag}: {exc}"))
        return
    if scene.job.treatment == "duotone" and isinstance(layer, Photo):
        photo = duotone(photo, *duotone_colors(layer.duotone, scene))
    scene.image.paste(photo, rect[:2])


def draw_scrim(layer: Scrim, scene: Scene) -> None:
    if layer.fit:
        draw_measured_scrim(layer, scene)
        return
    rect = scene.canvas.rect(layer)
    size = _size(rect)
    direction = _direction(layer.direction, scene)
    start, end = layer.opacity
    angle = {"down": 90, "up": 270, "right": 0, "left": 180}[direction]
    lut = [round(255 * (start + (end - start) * _ease(_within(v / 255, layer.span))))
           for v in range(256)]
    mask = _ramp(size, angle).point(lut)
    overlay = Image.new("RGBA", size, scene.color("dark" if layer.color == "auto"
                                                  else layer.color))
    overlay.putalpha(mask)
    _composite(scene, overlay, rect[:2])


def _direction(direction: str, scene: Scene) -> str:
    if direction in ("start", "end"):
        return "left" if scene.canvas.side(direction) == "left" else "right"
    return direction


def _within(t: float, span: tuple[float, float]) -> float:
    low, high = span
    return min(1.0, max(0.0, (t - low) / (high - low))) if high > low else float(t >= low)


def _ease(t: float) -> float:
    """Smoothstep, so a scrim has no visible edge where it starts."""
    return t * t * (3 - 2 * t)


def draw_rect(layer: RectLayer, scene: Scene) -> None:
    rect = scene.canvas.rect(layer)
    size = _size(rect)
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    target = layer.contrast if layer.opacity >= 1 else 0
    colors = _text_grounds(layer.color, scene) if layer.holds_text else layer.color
    fill = (*shape_color(layer, colors, rect, target, scene), round(255 * layer.opacity))
    radius = scene.canvas.px(layer.radius)
    ImageDraw.Draw(overlay).rounded_rectangle((0, 0, size[0] - 1, size[1] - 1), radius, fill)
    _composite(scene, overlay, rect[:2])


def _text_grounds(colors: tuple[str, ...], scene: Scene) -> tuple[str, ...]:
    """The colors on which a brand text color reads (4.5:1), in order; all if none does."""
    texts = [scene.color(name) for name in AUTO_TEXT]
    readable = tuple(name for name in colors if max(
        contrast.contrast(scene.color(name), text) for text in texts) >= contrast.required(False))
    return readable or colors


def draw_bar(layer: Bar, scene: Scene) -> None:
    left, top, right, bottom = scene.canvas.rect(layer)
    thickness = scene.canvas.px(layer.size)
    share = layer.length
    if layer.progress and scene.job.slides:
        share *= scene.job.slide / scene.job.slides
    edge = _direction(layer.edge, scene) if layer.edge in ("start", "end") else layer.edge
    if edge in ("top", "bottom"):
        length = round((right - left) * share)
        y = top if edge == "top" else bottom - thickness
        x = right - length if scene.canvas.rtl and layer.mirror else left
        box = (x, y, x + length, y + thickness)
    else:
        length = round((bottom - top) * share)
        x = left if edge == "left" else right - thickness
        box = (x, top, x + thickness, top + length)
    if box[2] <= box[0] or box[3] <= box[1]:
        return
    if layer.opacity >= 1:
        color = shape_color(layer, layer.color, box, layer.contrast, scene)
        ImageDraw.Draw(scene.image).rectangle((box[0], box[1], box[2] - 1, box[3] - 1),
                                              fill=color)
        return
    fill = (*scene.color(layer.color[0]), round(255 * layer.opacity))
    _composite(scene, Image.new("RGBA", (box[2] - box[0], box[3] - box[1]), fill), box[:2])


def draw_rule(layer: Rule, scene: Scene) -> None:
    draw_rule_at(layer, scene.canvas.rect(layer), "start" if layer.align == "inherit"
                 else layer.align, scene)


def draw_logo(layer: LogoLayer, scene: Scene) -> None:
    rect = scene.canvas.rect(layer)
    brand = scene.job.brand
    if brand.logo is None:
        if layer.fallback == "name":
            _draw_name(layer, scene)
        return
    height = min(scene.canvas.px(layer.height), rect[3] - rect[1])
    light = logo_image(brand.logo, height, rect[2] - rect[0])
    position = aligned(rect, light.size, scene.canvas.side(layer.align), layer.valign)
    placed = (*position, position[0] + light.width, position[1] + light.height)
    logo = light
    if brand.logo_on_dark is not None and _wants_dark(layer.style, scene, placed):
        logo = logo_image(brand.logo_on_dark, height, rect[2] - rect[0])
    _composite(scene, logo, position)
    scene.logos.append((*position, position[0] + logo.width, position[1] + logo.height))


def _wants_dark(style: str, scene: Scene, box: PixelRect) -> bool:
    if style != "auto":
        return style == "dark"
    backdrop = contrast.mean_luminance(contrast.backdrop_luminances(scene.image, box))
    return contrast.ratio(backdrop, 1.0) > contrast.ratio(backdrop, 0.0)


def _draw_name(layer: LogoLayer, scene: Scene) -> None:
    """No logo file: the brand name, set as a small heading."""
    size = max(layer.height * 0.6, 0.01)
    text = TextLayer(type="text", id=layer.id, area=layer.area, box=layer.box, mirror=layer.mirror,
                text="{brand}", font="heading", size=size, min_size=min(size, 0.026),
                align=layer.align, valign=layer.valign, max_lines=1, key_path=layer.key_path)
    draw_text_layer(text, scene)


def draw_qr(layer: Qr, scene: Scene) -> None:
    rect = scene.canvas.rect(layer)
    side = max(scene.canvas.px(layer.side), layer.min_px)
    dark, light = scene.color(layer.dark), scene.color(layer.light)
    code, quiet = qr_image(scene.job.link or scene.job.qr_url, side, dark, light, layer.quiet,
                           min_side=layer.min_px)
    if code.width > rect[2] - rect[0] or code.height > rect[3] - rect[1]:
        scene.problems.append(Problem(
            scene.job.layout.source.value(layer.key_path),
            f"the QR code of {scene.tag} needs {code.width} px but its box is "
            f"{rect[2] - rect[0]}x{rect[3] - rect[1]} px; enlarge the qr layer's box"))
        return
    side_name = scene.canvas.side(layer.align)
    x, y = aligned(rect, code.size, side_name, layer.valign)
    if _blends(scene, rect, light):
        # The quiet zone is invisible on a page of its color: let it reach into the margin
        # so the visible code lines up with the text beside it.
        x += {"left": -quiet, "right": quiet}.get(side_name, 0)
        y += {"top": -quiet, "bottom": quiet}.get(layer.valign, 0)
    scene.image.paste(code, (x, y))
    value = contrast.contrast(dark, light)
    # Reported with its quiet zone: the square no other mark may enter.
    scene.shapes.append(ShapeReport(layer.name, (x, y, x + code.width, y + code.height), dark,
                                    round(value, 2), QR_CONTRAST))
    if value < QR_CONTRAST:
        scene.report_layer(layer, f"the QR code of {scene.tag} has {value:.1f}:1 between its "
                                  f"dark and light colors; scanners need {QR_CONTRAST:g}:1")


def _blends(scene: Scene, rect: PixelRect, light: contrast.RGB) -> bool:
    corner = scene.image.getpixel((rect[0], rect[1]))
    return isinstance(corner, tuple) and tuple(corner[:3]) == light


def _composite(scene: Scene, overlay: Image.Image, position: tuple[int, int]) -> None:
    scene.image.alpha_composite(overlay, (max(0, position[0]), max(0, position[1])),
                                (max(0, -position[0]), max(0, -position[1])))


def _size(rect: PixelRect) -> tuple[int, int]:
    return (max(1, rect[2] - rect[0]), max(1, rect[3] - rect[1]))


def draw_stack_layer(layer: Stack, scene: Scene) -> None:
    draw_stack(layer, scene)


LAYER_DRAW: dict[str, Painter] = {
    "background": draw_background,
    "photo": draw_photo,
    "scrim": draw_scrim,
    "rect": draw_rect,
    "bar": draw_bar,
    "rule": draw_rule,
    "logo": draw_logo,
    "text": draw_text_layer,
    "counter": draw_text_layer,
    "poster": draw_poster,
    "qr": draw_qr,
    "stack": draw_stack_layer,
    "strip": draw_strip,
}
