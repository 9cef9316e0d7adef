"""Contrast: WCAG ratios, measuring against real pixels, large-text judgement."""

from __future__ import annotations

import random

from PIL import Image

from toolkit.graphics import contrast


def test_wcag_ratio_of_known_pairs() -> None:
    assert round(contrast.contrast((255, 255, 255), (0, 0, 0)), 2) == 21.0
    assert round(contrast.contrast((255, 255, 255), (118, 118, 118)), 2) == 4.54
    assert contrast.contrast((18, 59, 93), (18, 59, 93)) == 1.0


def test_measure_uses_the_worst_part_of_the_backdrop() -> None:
    image = Image.new("RGB", (200, 100), (0, 0, 0))
    image.paste((255, 255, 255), (100, 0, 200, 100))  # right half white
    white = (255, 255, 255)
    assert round(contrast.measure(image, (0, 0, 100, 100), [white]), 1) == 21.0
    assert round(contrast.measure(image, (0, 0, 200, 100), [white]), 1) == 1.0
    mostly_black = (0, 0, 104, 100)  # 4% white: below the 5% that decides
    assert round(contrast.measure(image, mostly_black, [white]), 1) == 21.0


def _worst_by_sorting(samples: contrast.Samples, color: contrast.RGB) -> float:
    """The definition: every sample scored, sorted, the one where 5% of the pixels are passed."""
    text = contrast.luminance(color)
    scored = sorted((contrast.ratio(lum, text), count) for lum, count in samples)
    threshold = sum(count for _, count in scored) * contrast.WORST_SHARE
    seen = 0
    for value, count in scored:
        seen += count
        if seen > threshold:
            return value
    return scored[-1][0]


def test_worst_walks_to_the_same_answer_as_sorting_every_sample() -> None:
    chance = random.Random(14)
    for _ in range(300):
        side = chance.choice([1, 2, 7, 40])
        image = Image.new("RGB", (side, side))
        palette = [tuple(chance.randrange(256) for _ in range(3))
                   for _ in range(chance.choice([1, 3, 50, 2000]))]
        image.putdata([chance.choice(palette) for _ in range(side * side)])
        samples = contrast.backdrop_luminances(image, (0, 0, side, side))
        assert samples == sorted(samples)
        # Text colors on the backdrop's own luminances too (ties on both sides of the walk).
        for color in [chance.choice(palette), (0, 0, 0), (255, 255, 255),
                      tuple(chance.randrange(256) for _ in range(3))]:
            assert contrast.worst(samples, color) == _worst_by_sorting(samples, color)


def test_readable_darkens_a_light_accent_just_enough() -> None:
    cream = contrast.backdrop_luminances(Image.new("RGB", (10, 10), (255, 251, 242)),
                                         (0, 0, 10, 10))
    accent = (244, 162, 97)
    fixed = contrast.readable(accent, cream, 3.0)
    assert contrast.worst(cream, fixed) >= 3.0
    assert fixed != accent and fixed[0] > fixed[2]  # still orange, only darker


def test_large_text_is_judged_at_the_size_people_see() -> None:
    assert contrast.is_large(70, bold=False, width=1080)  # ~24 CSS px on a phone
    assert not contrast.is_large(40, bold=False, width=1080)
    assert contrast.is_large(55, bold=True, width=1080)
    assert contrast.is_large(100, bold=False, width=2550, dpi=300, print_kind=True)
