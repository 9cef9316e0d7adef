"""Contrast: WCAG ratios, measuring against real pixels, large-text judgement."""

from __future__ import annotations

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
