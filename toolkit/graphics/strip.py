"""The brand strip: the logo at a size a feed shows, and beside it the call to action over the
campaign's short link (or the brand's handle)."""

from __future__ import annotations

from PIL import Image, ImageChops, ImageDraw

from toolkit.graphics import contrast
from toolkit.graphics.canvas import PixelRect, aligned
from toolkit.graphics.palette import dark_ground, light_ground
from toolkit.graphics.scene import Scene
from toolkit.graphics.typeset import draw_stack
from toolkit.load.brandassets import logo_image
from toolkit.load.layerspec import Stack, Strip, TextLayer
from toolkit.plan import ShapeReport

# Space between the logo and the texts, and between the call to action and the link (short
# side fractions); the share of the strip's width a logo may take.
LOGO_GAP = 0.035
TEXT_GAP = 0.008
LOGO_SHARE = 0.45
# A logo whose ink melts into its ground (a yellow logo tile on a yellow story band) is set on a
# plate: when more than LOST_SHARE of its opaque pixels differ from the ground by less than
# LOST_LEVELS of luminance (0-255). The plate's padding is a share of the logo's height.
LOST_SHARE = 0.2
LOST_LEVELS = 32
PLATE_PAD = 0.3


def draw_strip(layer: Strip, scene: Scene) -> None:
    canvas = scene.canvas
    rect = canvas.rect(layer)
    if layer.area != "live":
        # In the band or on the canvas the strip still keeps the side margins of the live area.
        rect = (max(rect[0], canvas.live[0]), rect[1], min(rect[2], canvas.live[2]), rect[3])
    logo_box = _draw_logo(layer, rect, scene) if layer.logo else None
    items = []
    if layer.cta and scene.job.cta.strip():
        items.append(_text(layer, "cta", "", "heading", layer.cta_size))
    if layer.link and scene.job.strip_link:
        items.append(_text(layer, "link", "{link}", "body", layer.size))
    if not items:
        return
    left, top, right, bottom = rect
    logo_side = canvas.side(layer.align)
    if logo_box is not None and layer.arrange == "stacked":
        top = logo_box[3] + canvas.px(LOGO_GAP) // 2
    elif logo_box is not None:
        gap = canvas.px(LOGO_GAP)
        if logo_side == "right":
            right = logo_box[0] - gap
        else:
            left = logo_box[2] + gap
    if layer.arrange == "split" and logo_box is not None:
        text_align = "right" if logo_side != "right" else "left"
    else:
        text_align = logo_side if logo_side != "center" else "center"
    if right - left < canvas.safe_floor * 4 or bottom - top < canvas.safe_floor:
        return
    box = (left / canvas.width, top / canvas.height, (right - left) / canvas.width,
           (bottom - top) / canvas.height)
    stack = Stack(type="stack", id=layer.id, area="canvas", box=box, mirror=False,
                  items=tuple(items), gap=TEXT_GAP, align=text_align,
                  valign="top" if layer.arrange == "stacked" else layer.valign,
                  key_path=layer.key_path)
    draw_stack(stack, scene)


def _text(layer: Strip, field: str, text: str, font: str, size: float) -> TextLayer:
    # The call to action is the post's (or campaign's) `cta` field: a text that cannot fit is
    # reported where it was written. The link is fixed text, reported as strip-link whichever
    # strip layer (a carousel's last slide has its own) drew it.
    return TextLayer(type="text", id=f"strip-{field}", field="" if text else field,
                     text=text, font=font, size=size,
                min_size=min(layer.min_size, size), color=layer.color, max_lines=2,
                leading=1.1, key_path=layer.key_path)


def _draw_logo(layer: Strip, rect: PixelRect, scene: Scene) -> PixelRect | None:
    brand = scene.job.brand
    if brand.logo is None:
        return None
    height = min(scene.canvas.px(layer.height), rect[3] - rect[1])
    max_width = round((rect[2] - rect[0]) * LOGO_SHARE)
    light = logo_image(brand.logo, height, max_width)
    side = scene.canvas.side(layer.align)
    valign = "top" if layer.arrange == "stacked" else layer.valign
    x, y = aligned(rect, light.size, side, valign)
    placed = (x, y, x + light.width, y + light.height)
    logo = light
    if brand.logo_on_dark is not None and _wants_dark(layer.style, scene, placed):
        logo = logo_image(brand.logo_on_dark, height, max_width)
        x, y = aligned(rect, logo.size, side, valign)
        placed = (x, y, x + logo.width, y + logo.height)
    if logo_melts(logo, scene.image.crop(placed)):
        logo = _on_plate(logo, scene, height, max_width)
        x, y = aligned(rect, logo.size, side, valign)
        placed = (x, y, x + logo.width, y + logo.height)
    scene.image.alpha_composite(logo, (x, y))
    scene.logos.append(placed)
    return placed


def logo_melts(logo: Image.Image, ground: Image.Image) -> bool:
    """Whether much of the logo's ink is about as light as the ground it would sit on."""
    ink = logo.getchannel("A").point(lambda a: 255 if a > 128 else 0)
    drawn = ImageChops.difference(logo.convert("RGB").convert("L"), ground.convert("L"))
    counts = drawn.histogram(mask=ink)
    total = sum(counts)
    return total > 0 and sum(counts[:LOST_LEVELS]) / total > LOST_SHARE


def _on_plate(logo: Image.Image, scene: Scene, height: int, max_width: int) -> Image.Image:
    """The logo on a rounded plate of the brand's dark ground (its on-dark version when it has
    one), or of its light ground when the logo is dark, so every part of it shows. The plate
    grows around the logo, which keeps its height."""
    brand = scene.job.brand
    pad = max(2, round(height * PLATE_PAD))
    inner_height = height  # the plate grows around the logo; the logo keeps its size
    on_dark = brand.logo_on_dark or brand.logo
    dark = dark_ground(brand.colors)
    art = logo_image(on_dark, inner_height, max(1, max_width - 2 * pad)) if on_dark else logo
    plate_color = dark if not logo_melts(art, Image.new("RGB", art.size, dark)) \
        else light_ground(brand.colors)
    if plate_color != dark:
        art = logo_image(brand.logo, inner_height, max(1, max_width - 2 * pad)) \
            if brand.logo else art
    plate = Image.new("RGBA", (art.width + 2 * pad, art.height + 2 * pad), (0, 0, 0, 0))
    ImageDraw.Draw(plate).rounded_rectangle((0, 0, plate.width - 1, plate.height - 1),
                                            radius=pad, fill=(*plate_color, 255))
    plate.alpha_composite(art, (pad, pad))
    return plate


def _wants_dark(style: str, scene: Scene, box: PixelRect) -> bool:
    if style != "auto":
        return style == "dark"
    backdrop = contrast.mean_luminance(contrast.backdrop_luminances(scene.image, box))
    return contrast.ratio(backdrop, 1.0) > contrast.ratio(backdrop, 0.0)


__all__ = ["ShapeReport", "draw_strip", "logo_melts"]
