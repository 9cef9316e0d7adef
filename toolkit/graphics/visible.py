"""Keep shapes and ornaments visible: the first of a layer's colors that keeps its contrast with
the pixels it sits on, else another exact brand color, reported so `toolkit check` names it."""

from __future__ import annotations

from toolkit.graphics import contrast
from toolkit.graphics.canvas import PixelRect
from toolkit.graphics.palette import BLACK, FALLBACK_ROLES, WHITE
from toolkit.graphics.scene import Scene
from toolkit.load.layerspec import Layer
from toolkit.plan import ShapeReport

# Text colors `auto` chooses from: the brand's text colors, then its page color.
AUTO_TEXT = ("text", "on_primary", "background")


def shape_color(layer: Layer, colors: tuple[str, ...], box: PixelRect, target: float,
                scene: Scene) -> contrast.RGB:
    """The color to draw a shape in over what is inside box now (measured before drawing)."""
    if target <= 0:
        return scene.color(colors[0])
    samples = contrast.backdrop_luminances(scene.image, box)
    first = contrast.worst(samples, scene.color(colors[0]))
    for name in colors:
        rgb = scene.color(name)
        value = contrast.worst(samples, rgb)
        if value >= target:
            scene.shapes.append(ShapeReport(layer.name, box, rgb, round(value, 2), target))
            return rgb
    tried = [scene.color(name) for name in colors]
    chosen: tuple[str, contrast.RGB, float] | None = None
    for role in FALLBACK_ROLES:
        rgb = scene.color(role)
        if rgb in tried:
            continue
        value = contrast.worst(samples, rgb)
        if value >= target:
            chosen = (role, rgb, value)
            break
    if chosen is None:
        black, white = contrast.worst(samples, BLACK), contrast.worst(samples, WHITE)
        chosen = ("black", BLACK, black) if black >= white else ("white", WHITE, white)
    role, rgb, value = chosen
    scene.shapes.append(ShapeReport(layer.name, box, rgb, round(value, 2), target, True))
    named = " or ".join(colors)
    scene.report_layer(layer, f"the {layer.name} {layer.type} of layout "
                              f"'{scene.job.layout.name}' in {scene.tag} is drawn in {role}: "
                              f"{named} has {first:.1f}:1 against what it sits on, under "
                              f"{target:g}:1; give the layer a list of colors to try")
    return rgb


def text_color(colors: tuple[str, ...], samples: contrast.Samples, target: float,
               scene: Scene) -> contrast.RGB:
    """The first of colors that reaches target on the backdrop (`auto`: the most legible of the
    brand's text colors), else the most legible of them."""
    best: tuple[float, contrast.RGB] | None = None
    for name in colors:
        names = AUTO_TEXT if name == "auto" else (name,)
        for rgb in (scene.color(n) for n in names):
            value = contrast.worst(samples, rgb)
            if best is None or value > best[0]:
                best = (value, rgb)
        if best is not None and best[0] >= target:
            return best[1]
    assert best is not None
    return best[1]
