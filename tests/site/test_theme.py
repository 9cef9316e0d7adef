"""The page's theme from the brand: the header logo comes from any logo a brand may ship."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from toolkit.defaults import defaults_root
from toolkit.errors import Problems
from toolkit.load.brand import load_brand
from toolkit.site.theme import LOGO_HEIGHT, header_logo


@pytest.mark.parametrize("slug", ["default", "light", "bright"])
def test_every_shipped_brand_gives_the_header_a_png_logo(slug: str, tmp_path: Path) -> None:
    folder = defaults_root() / "assets" / "brands" / slug
    problems = Problems()
    brand = load_brand(slug, folder / "brand.yaml", tmp_path, problems)
    assert brand is not None, problems
    logo = header_logo(brand)
    assert logo is not None
    with Image.open(io.BytesIO(logo.data)) as image:
        assert image.format == "PNG"
        assert image.size == (logo.width, logo.height)
        assert 0 < image.height <= LOGO_HEIGHT
        assert image.convert("RGBA").getchannel("A").getbbox() is not None  # it draws something
        assert len(data := logo.data) < 8_000, len(data)  # a palette image, small for a phone
