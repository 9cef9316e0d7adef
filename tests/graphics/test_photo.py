"""Background photos: EXIF orientation, color profiles, cover crop around the focal point."""

from __future__ import annotations

import io
from pathlib import Path

from graphicskit import photo_bytes
from PIL import Image, ImageCms, ImageDraw

from toolkit.graphics.photo import cover
from toolkit.load.images import load_photo

RED = (230, 30, 30)


def _sideways_photo(path: Path) -> None:
    """Stored landscape with EXIF orientation 6: shown upright it is portrait, dot top-left."""
    shown = Image.new("RGB", (600, 800), (30, 120, 60))
    ImageDraw.Draw(shown).ellipse((20, 20, 120, 120), fill=RED)
    stored = shown.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(path, "JPEG", exif=exif.tobytes(), quality=95)


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    path = tmp_path / "sideways.jpg"
    _sideways_photo(path)
    assert Image.open(path).size == (800, 600)
    upright = load_photo(path)
    assert upright.size == (600, 800)
    assert _near(upright.getpixel((70, 70)), RED)
    assert not _near(upright.getpixel((530, 730)), RED)


def test_icc_tagged_photo_is_converted_and_loses_its_profile(tmp_path: Path) -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    path = tmp_path / "tagged.png"
    Image.new("RGB", (64, 64), (200, 40, 40)).save(path, icc_profile=profile)
    assert Image.open(path).info.get("icc_profile")
    loaded = load_photo(path)
    assert loaded.mode == "RGB" and not loaded.info.get("icc_profile")
    assert _near(loaded.getpixel((5, 5)), (200, 40, 40), 3)


def test_cmyk_photo_becomes_rgb(tmp_path: Path) -> None:
    path = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (40, 40), (0, 255, 255, 0)).save(path, "JPEG")
    loaded = load_photo(path)
    assert loaded.mode == "RGB"
    red, green, blue = loaded.getpixel((10, 10))
    assert red > 200 and green < 80 and blue < 80


def test_cover_fills_the_box_and_keeps_the_focal_point(tmp_path: Path) -> None:
    source = Image.new("RGB", (2000, 1000), (0, 0, 0))
    ImageDraw.Draw(source).rectangle((1700, 100, 1800, 200), fill=RED)
    square = cover(source, (500, 500), (0.875, 0.15))
    assert square.size == (500, 500)
    colors = {rgb for _, rgb in square.getcolors(500 * 500) or []}
    assert any(_near(rgb, RED) for rgb in colors)
    centered = cover(source, (500, 500), (0.5, 0.5))
    assert not any(_near(rgb, RED) for _, rgb in centered.getcolors(500 * 500) or [])


def test_cover_at_the_edge_does_not_leave_the_photo() -> None:
    source = Image.open(io.BytesIO(photo_bytes((800, 600))))
    wide = cover(source.convert("RGB"), (1600, 300), (1.0, 1.0))
    assert wide.size == (1600, 300)


def _near(a: tuple, b: tuple, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a[:3], b[:3], strict=True))


def test_cover_survives_a_crop_a_hair_longer_than_the_photo() -> None:
    # 1080x845 from 2400x1600: the covering height computes as 1600.0000000000002.
    photo = Image.new("RGB", (2400, 1600), (10, 20, 30))
    covered = cover(photo, (1080, 845), (0.5, 0.9))
    assert covered.size == (1080, 845)
