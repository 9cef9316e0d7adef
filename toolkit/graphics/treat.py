"""Photo treatments: a scrim measured on the photo's pixels where the text goes, and a duotone
in two brand colors.

A measured scrim lays the texts it protects out first (without drawing them), finds for each
the weakest opacity at which the brand's light (or dark) text reaches its contrast on the
actual pixels behind it, and draws that opacity only over the text, fading out beyond it. It
goes dark under light text or light under dark text, whichever needs the thinner veil.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageOps

from toolkit.graphics import contrast
from toolkit.graphics.canvas import PixelRect
from toolkit.graphics.scene import Scene
from toolkit.graphics.typeset import TextSpot, text_spots
from toolkit.graphics.visible import AUTO_TEXT
from toolkit.load.images import PhotoError, decoded_photo
from toolkit.load.layerspec import Scrim, Stack, Strip, TextLayer

# Each text over a photo is measured at its WCAG contrast (4.5:1, 3:1 large) plus a little, so
# antialiased edges and the worst few percent of the backdrop still read; the search's steps.
HEADROOM = 1.1
SEARCH_STEPS = 9
# A light veil (under dark text) only over a bright photo: dark scrims keep a photo's colors
# truer than a milky one. Judged on the whole photo, so every format of a post agrees (and its
# emphasis is drawn one way in all of them).
LIGHT_PHOTO = 0.5
# Duotone: the light end defaults to the first of these brand colors that stands clearly apart
# from the dark end (a tonal range a photo can be read in), else the one furthest from it.
LIGHT_ENDS = ("accent", "secondary", "primary", "light")
DUOTONE_RANGE = 4.5


def draw_measured_scrim(layer: Scrim, scene: Scene) -> None:
    """The scrim of `fit`: as strong as the texts under it need, and only where they are."""
    rect = scene.canvas.rect(layer)
    spots = _protected(layer, scene)
    if not spots:
        return
    pad = scene.canvas.px(layer.pad)
    boxes = [(s.box[0] - pad, s.box[1] - pad, s.box[2] + pad, s.box[3] + pad) for s in spots]
    color, alpha = _veil(layer, spots, scene)
    scene.scrims.append((layer.name, rect, color, round(alpha, 3)))
    if alpha <= 0:
        return
    mask = _mask(layer, rect, boxes, alpha, scene)
    overlay = Image.new("RGBA", mask.size, (*color, 255))
    overlay.putalpha(mask)
    scene.image.alpha_composite(overlay, (rect[0], rect[1]))


def _protected(layer: Scrim, scene: Scene) -> list[TextSpot]:
    found: list[TextSpot] = []
    for target in scene.layers:
        if target.id not in layer.fit:
            continue
        if isinstance(target, Stack | TextLayer):
            found += text_spots(target, scene)
        elif isinstance(target, Strip):
            live = scene.canvas.live
            box = scene.canvas.rect(target)
            found.append(TextSpot((max(box[0], live[0]), box[1], min(box[2], live[2]), box[3]),
                                  contrast.required(False), False))
    return [s for s in found if s.box[2] > s.box[0] and s.box[3] > s.box[1]]


def _veil(layer: Scrim, spots: list[TextSpot], scene: Scene) -> tuple[contrast.RGB, float]:
    """The scrim's color and opacity: dark under light text or light under dark text."""
    texts = [scene.color(name) for name in AUTO_TEXT]
    dark_text = min(texts, key=contrast.luminance)
    light_text = max(texts, key=contrast.luminance)
    ground, text = scene.color("dark" if layer.color == "auto" else layer.color), light_text
    if layer.color == "auto" and _bright_photo(scene):
        ground, text = scene.color("light"), dark_text
    # Emphasis is drawn in the accent when the accent reads on this ground (else it is
    # highlighted, on its own block): then the accent must read on the veil too.
    accent = scene.color("accent")
    colored = contrast.contrast(accent, ground) >= contrast.required(False)
    alpha = max(_needed(scene.image, tile, spot.needs, ground,
                        list(spot.colors) or ([text, accent] if colored and spot.emphasis
                                              else [text]),
                        layer.opacity) for spot in spots for tile in _tiles(spot.box))
    return ground, alpha


def _bright_photo(scene: Scene) -> bool:
    path = scene.job.background
    if path is None:
        return False
    try:
        stat = path.stat()
        return _photo_luminance(str(path), stat.st_mtime_ns, stat.st_size) > LIGHT_PHOTO
    except (PhotoError, OSError):  # the photo layer reports it
        return False


@lru_cache(maxsize=8)
def _photo_luminance(path: str, mtime_ns: int, size: int) -> float:
    """The mean luminance of the whole photo (not a crop: the same for every format)."""
    photo = decoded_photo(path, mtime_ns, size)
    thumb = photo.convert("RGB").resize((64, 64), Image.Resampling.BOX)
    return contrast.mean_luminance(contrast.backdrop_luminances(thumb, (0, 0, 64, 64)))


def _tiles(box: PixelRect) -> list[PixelRect]:
    """A long box in squares: a bright patch under one word is not averaged away by the rest."""
    width, height = box[2] - box[0], box[3] - box[1]
    side = max(8, min(width, height))
    return [(x, y, min(x + side, box[2]), min(y + side, box[3]))
            for y in range(box[1], box[3], side) for x in range(box[0], box[2], side)]


def _needed(image: Image.Image, box: PixelRect, needs: float, ground: contrast.RGB,
            texts: list[contrast.RGB], bounds: tuple[float, float]) -> float:
    """The least opacity of ground over box at which its texts read (bisection)."""
    region = _sample(image, box)
    solid = Image.new("RGB", region.size, ground)
    low, high = bounds
    target = needs * HEADROOM

    def reads(alpha: float) -> bool:
        veiled = Image.blend(region, solid, alpha)
        samples = contrast.backdrop_luminances(veiled, (0, 0, *veiled.size))
        return all(contrast.worst(samples, text) >= target for text in texts)

    if reads(low):
        return low
    if not reads(high):
        return high
    for _ in range(SEARCH_STEPS):
        middle = (low + high) / 2
        low, high = (low, middle) if reads(middle) else (middle, high)
    return high


def _sample(image: Image.Image, box: PixelRect) -> Image.Image:
    left, top = max(0, box[0]), max(0, box[1])
    right, bottom = min(image.width, box[2]), min(image.height, box[3])
    region = image.crop((left, top, max(left + 1, right), max(top + 1, bottom))).convert("RGB")
    scale = max(region.width, region.height) / contrast.SAMPLE_SIDE
    if scale > 1:
        region = region.resize((max(1, round(region.width / scale)),
                                max(1, round(region.height / scale))), Image.Resampling.NEAREST)
    return region


def _mask(layer: Scrim, rect: PixelRect, boxes: list[PixelRect], alpha: float, scene: Scene
          ) -> Image.Image:
    """Solid over the texts and on to the scrim's far edge, easing out over `feather`."""
    width, height = rect[2] - rect[0], rect[3] - rect[1]
    direction = layer.direction
    if direction in ("start", "end"):
        direction = "left" if scene.canvas.side(direction) == "left" else "right"
    vertical = direction in ("down", "up")
    length = height if vertical else width
    origin = rect[1] if vertical else rect[0]
    if direction == "down":
        edge = min(b[1] for b in boxes) - origin
    elif direction == "up":
        edge = max(b[3] for b in boxes) - origin
    elif direction == "right":
        edge = min(b[0] for b in boxes) - origin
    else:
        edge = max(b[2] for b in boxes) - origin
    feather = max(1, scene.canvas.px(layer.feather))
    rises = direction in ("down", "right")  # dark toward the end of the axis
    values = []
    for i in range(length):
        away = (edge - i) if rises else (i - edge)  # > 0: beyond the text, outside the solid
        t = 1.0 if away <= 0 else max(0.0, 1 - away / feather)
        values.append(round(255 * alpha * t * t * (3 - 2 * t)))
    line = Image.new("L", (1, length) if vertical else (length, 1))
    line.putdata(values)
    return line.resize((width, height), Image.Resampling.NEAREST)


def duotone(photo: Image.Image, dark: contrast.RGB, light: contrast.RGB) -> Image.Image:
    """The photo's tones mapped from dark (shadows) to light (highlights)."""
    gray = ImageOps.autocontrast(ImageOps.grayscale(photo), cutoff=1)
    return ImageOps.colorize(gray, dark, light).convert(photo.mode)


def duotone_colors(names: tuple[str, str], scene: Scene) -> tuple[contrast.RGB, contrast.RGB]:
    """The two ends; `auto` at the light end is a brand color well apart from the dark one."""
    dark = scene.color(names[0])
    if names[1] != "auto":
        return dark, scene.color(names[1])
    ends = [scene.color(n) for n in LIGHT_ENDS]
    apart = [c for c in ends if contrast.contrast(c, dark) >= DUOTONE_RANGE]
    return dark, (apart[0] if apart else max(ends, key=lambda c: contrast.contrast(c, dark)))
