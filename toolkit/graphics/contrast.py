"""Measure WCAG contrast between a text color and the pixels actually behind it."""

from __future__ import annotations

import bisect
import math
from operator import itemgetter
from typing import cast

from PIL import Image

from toolkit.colors import LINEAR
from toolkit.colors import RGB as RGB
from toolkit.colors import contrast as contrast
from toolkit.colors import hex_rgb as hex_rgb
from toolkit.colors import luminance as luminance
from toolkit.colors import mix as mix
from toolkit.colors import ratio as ratio
from toolkit.colors import rgb_hex as rgb_hex

Samples = list[tuple[float, int]]  # (luminance, pixel count) of a backdrop, darkest first

# Sample at most this many pixels per side: enough to see a busy photo, cheap in pure Python.
SAMPLE_SIDE = 96
# The worst few percent of the backdrop decide the contrast, so one stray pixel does not.
WORST_SHARE = 0.05
# WCAG "large text" is 18 pt (24 CSS px), or 14 pt bold (about 18.7 CSS px).
LARGE_CSS_PX = 24.0
LARGE_BOLD_CSS_PX = 18.66
# A feed image is seen at about the width of a phone screen.
PHONE_CSS_WIDTH = 375


def backdrop_luminances(image: Image.Image, box: tuple[int, int, int, int]) -> Samples:
    """(luminance, pixel count) pairs of the image inside box, sampled, darkest first."""
    left, top, right, bottom = _clamp(box, image.size)
    region = image.crop((left, top, right, bottom)).convert("RGB")
    scale = max(region.width, region.height) / SAMPLE_SIDE
    if scale > 1:
        size = (max(1, round(region.width / scale)), max(1, round(region.height / scale)))
        region = region.resize(size, Image.Resampling.NEAREST)
    # An RGB image's colors are (r, g, b) tuples.
    colors = cast("list[tuple[int, tuple[int, int, int]]]",
                  region.getcolors(region.width * region.height) or [])
    # luminance() spelled out: this runs for every color of every sample, many times a photo.
    linear = LINEAR
    return sorted([(0.2126 * linear[r] + 0.7152 * linear[g] + 0.0722 * linear[b], count)
                   for count, (r, g, b) in colors])


def worst(samples: Samples, color: RGB) -> float:
    """Contrast of color against the least favourable 5% of the backdrop.

    The contrast falls as a luminance nears the text's from either side, so the samples are
    taken in order of contrast by walking outward from the text's luminance, the darker and
    the lighter side merged, until 5% of the pixels are passed: no sample is scored twice and
    most are never scored."""
    if not samples:
        return 21.0
    text_lum = luminance(color)
    threshold = sum(map(itemgetter(1), samples)) * WORST_SHARE
    lighter = bisect.bisect_left(samples, (text_lum, -1))  # the first sample not darker
    darker = lighter - 1
    seen = 0
    value = 21.0
    while lighter < len(samples) or darker >= 0:
        up = ratio(samples[lighter][0], text_lum) if lighter < len(samples) else math.inf
        down = ratio(samples[darker][0], text_lum) if darker >= 0 else math.inf
        if up <= down:
            value, seen, lighter = up, seen + samples[lighter][1], lighter + 1
        else:
            value, seen, darker = down, seen + samples[darker][1], darker - 1
        if seen > threshold:
            return value
    return value


def measure(image: Image.Image, box: tuple[int, int, int, int], colors: list[RGB]) -> float:
    """Contrast of the least legible of colors against what is behind box."""
    samples = backdrop_luminances(image, box)
    return min(worst(samples, color) for color in colors)


def mean_luminance(samples: Samples) -> float:
    total = sum(count for _, count in samples)
    return sum(lum * count for lum, count in samples) / total if total else 1.0


def readable(color: RGB, samples: Samples, target: float) -> RGB:
    """color, darkened or lightened just enough to reach target contrast on the backdrop."""
    if worst(samples, color) >= target:
        return color
    toward = (0, 0, 0) if mean_luminance(samples) > 0.18 else (255, 255, 255)
    for step in range(1, 21):
        mixed = mix(color, toward, step / 20)
        if worst(samples, mixed) >= target:
            return mixed
    return toward


def css_px(size_px: float, width: int, dpi: int, print_kind: bool) -> float:
    """The size text appears at, in CSS px: a print at its dpi, a feed image on a phone."""
    if print_kind:
        return size_px / dpi * 96
    return size_px * PHONE_CSS_WIDTH / width


def is_large(size_px: float, bold: bool, width: int, dpi: int = 72,
             print_kind: bool = False) -> bool:
    """WCAG large text, judged at the size a reader actually sees."""
    seen = css_px(size_px, width, dpi, print_kind)
    return seen >= LARGE_CSS_PX or (bold and seen >= LARGE_BOLD_CSS_PX)


def required(large: bool) -> float:
    return 3.0 if large else 4.5


def _clamp(box: tuple[int, int, int, int], size: tuple[int, int]) -> tuple[int, int, int, int]:
    left, top, right, bottom = box
    left, top = max(0, min(left, size[0] - 1)), max(0, min(top, size[1] - 1))
    right, bottom = max(left + 1, min(right, size[0])), max(top + 1, min(bottom, size[1]))
    return (left, top, right, bottom)
