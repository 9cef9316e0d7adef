"""The grounds a brand gives its layouts, and the colors shapes fall back on to stay visible.

A brand names its roles (primary, accent, ...), but a layout needs to know which of them make a
solid dark ground and a light page. With a light primary (a pale yellow, a sky blue), panels
and bands set in the primary would vanish into a light page and white type on them would not
read; `dark` is then the darkest brand color instead, so the image is still designed.
"""

from __future__ import annotations

from toolkit.colors import RGB, contrast, hex_rgb, luminance
from toolkit.load.model import BrandColors

WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)
# White text needs 4.5:1 on a ground for the primary to serve as the dark ground.
GROUND_CONTRAST = 4.5
# The brand roles a shape may fall back on, in order, when its own colors do not keep 3:1.
FALLBACK_ROLES = ("accent", "dark", "secondary", "primary", "text", "on_primary", "light",
                  "background")
FIXED = {"white": WHITE, "black": BLACK}


def _palette(colors: BrandColors) -> list[RGB]:
    return [hex_rgb(getattr(colors, role)) for role in
            ("primary", "secondary", "accent", "text", "background", "on_primary")]


def dark_ground(colors: BrandColors) -> RGB:
    """The primary when white text reads on it, else the darkest brand color."""
    primary = hex_rgb(colors.primary)
    if contrast(primary, WHITE) >= GROUND_CONTRAST:
        return primary
    return min(_palette(colors), key=luminance)


def light_ground(colors: BrandColors) -> RGB:
    """The background when black text reads on it, else the lightest brand color."""
    background = hex_rgb(colors.background)
    if contrast(background, BLACK) >= GROUND_CONTRAST:
        return background
    return max(_palette(colors), key=luminance)


def role_rgb(colors: BrandColors, name: str) -> RGB:
    """A brand role, a derived ground (dark, light), white/black or "#RRGGBB" as RGB."""
    if name.startswith("#"):
        return hex_rgb(name)
    if name in FIXED:
        return FIXED[name]
    if name == "dark":
        return dark_ground(colors)
    if name == "light":
        return light_ground(colors)
    return hex_rgb(getattr(colors, name))
