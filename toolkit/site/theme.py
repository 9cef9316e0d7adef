"""The brand on the page: CSS variables kept at WCAG AA contrast, and the header's logo."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

from toolkit.colors import RGB, TEXT_CONTRAST, contrast, hex_rgb, luminance, mix, rgb_hex
from toolkit.load.brandassets import is_svg, logo_image
from toolkit.load.model import Brand

UI_CONTRAST = 3.0
WHITE: RGB = (255, 255, 255)
# The header shows the logo 32 CSS px tall; twice that serves sharp screens.
LOGO_HEIGHT = 64
LOGO_COLORS = 256
DARK = 0.4


def readable_on(color: RGB, backdrop: RGB, target: float) -> RGB:
    """color, moved toward black or white just enough to reach target contrast on backdrop."""
    if contrast(color, backdrop) >= target:
        return color
    towards = (0, 0, 0) if contrast((0, 0, 0), backdrop) > contrast(WHITE, backdrop) else WHITE
    for step in range(1, 21):
        candidate = mix(color, towards, step / 20)
        if contrast(candidate, backdrop) >= target:
            return candidate
    return towards


def theme_css(brand: Brand) -> str:
    """`:root` variables the stylesheet reads; a designer's site.css may ignore them."""
    colors = brand.colors
    page = hex_rgb(colors.background)
    text = readable_on(hex_rgb(colors.text), page, TEXT_CONTRAST)
    primary = hex_rgb(colors.primary)
    header_text = readable_on(hex_rgb(colors.on_primary), primary, TEXT_CONTRAST)
    link = readable_on(primary, page, TEXT_CONTRAST)
    surface = mix(page, WHITE, 0.6)
    accent = hex_rgb(colors.accent)
    values = {
        "--page": page, "--surface": surface, "--text": text,
        "--muted": readable_on(mix(text, page, 0.3), surface, TEXT_CONTRAST),
        "--brand": primary, "--on-brand": header_text, "--link": link,
        "--button": readable_on(primary, page, UI_CONTRAST),
        "--on-button": readable_on(hex_rgb(colors.on_primary), readable_on(
            primary, page, UI_CONTRAST), TEXT_CONTRAST),
        "--accent": accent, "--focus": readable_on(accent, page, UI_CONTRAST),
        "--border": readable_on(mix(text, page, 0.55), page, UI_CONTRAST),
    }
    body = "".join(f"  {name}: {rgb_hex(value)};\n" for name, value in values.items())
    dark = "".join(f"    {name}: {rgb_hex(value)};\n" for name, value in dark_values(brand).items())
    return (f"/* From the brand {brand.slug}: generated at build time. */\n:root {{\n{body}}}\n"
            f"@media (prefers-color-scheme: dark) {{\n  :root {{\n{dark}  }}\n}}\n")


DARK_PAGE: RGB = (18, 20, 24)


def dark_values(brand: Brand) -> dict[str, RGB]:
    """The same roles for a dark page: the brand's hues lightened until they read on it."""
    colors = brand.colors
    primary, accent = hex_rgb(colors.primary), hex_rgb(colors.accent)
    page = mix(DARK_PAGE, primary, 0.12)
    surface = mix(page, WHITE, 0.06)
    text = readable_on((236, 238, 242), surface, 7.0)
    button = readable_on(primary, page, UI_CONTRAST)
    header = primary if luminance(primary) < DARK else mix(primary, (0, 0, 0), 0.6)
    return {
        "--page": page, "--surface": surface, "--text": text,
        "--muted": readable_on(mix(text, page, 0.3), surface, TEXT_CONTRAST),
        "--brand": header,
        "--on-brand": readable_on(hex_rgb(colors.on_primary), header, TEXT_CONTRAST),
        "--link": readable_on(mix(primary, WHITE, 0.5), surface, TEXT_CONTRAST),
        "--button": button,
        "--on-button": readable_on(page, button, TEXT_CONTRAST),
        "--accent": accent, "--focus": readable_on(accent, page, UI_CONTRAST),
        "--border": readable_on(mix(text, page, 0.55), page, UI_CONTRAST),
        "--error": readable_on((255, 120, 120), surface, TEXT_CONTRAST),
    }


@dataclass(frozen=True)
class HeaderLogo:
    data: bytes
    width: int
    height: int


def header_logo(brand: Brand) -> HeaderLogo | None:
    """The brand's logo for the header (drawn on the brand color), small enough for a phone."""
    on_dark = luminance(hex_rgb(brand.colors.primary)) < DARK
    path = (brand.logo_on_dark or brand.logo) if on_dark else brand.logo
    if path is None or not path.is_file():
        return None
    if is_svg(path):
        image = logo_image(path, LOGO_HEIGHT, LOGO_HEIGHT * 8)
    else:
        with Image.open(path) as source:
            image = source.convert("RGBA")
    if image.height > LOGO_HEIGHT:
        width = max(1, round(image.width * LOGO_HEIGHT / image.height))
        image = image.resize((width, LOGO_HEIGHT), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    # A logo at header size needs no more than a palette: a quarter of the bytes, same look.
    image.quantize(LOGO_COLORS, method=Image.Quantize.FASTOCTREE).save(buffer, "PNG",
                                                                        optimize=True)
    return HeaderLogo(buffer.getvalue(), image.width, image.height)
