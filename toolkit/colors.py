"""Colors as WCAG sees them: hex parsing, relative luminance and contrast ratios."""

from __future__ import annotations

RGB = tuple[int, int, int]

# WCAG 2.2 AA: normal text needs 4.5:1.
TEXT_CONTRAST = 4.5


def hex_rgb(color: str) -> RGB:
    value = color.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def rgb_hex(rgb: RGB) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


LINEAR = [_linear(c) for c in range(256)]  # by 8-bit channel value


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance of an sRGB color."""
    r, g, b = rgb
    return 0.2126 * LINEAR[r] + 0.7152 * LINEAR[g] + 0.0722 * LINEAR[b]


def ratio(a: float, b: float) -> float:
    """Contrast ratio of two luminances, from 1 to 21."""
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def contrast(a: RGB, b: RGB) -> float:
    return ratio(luminance(a), luminance(b))


def mix(a: RGB, b: RGB, amount: float) -> RGB:
    r, g, bl = (round(x + (y - x) * amount) for x, y in zip(a, b, strict=True))
    return (r, g, bl)
