"""Small WebP previews of every graphic for the page, cached by the image's content key.

A phone shows thumbnails a few hundred pixels wide; the full PNG or JPEG is only downloaded.
Each preview is made once from the cached full image and kept in .toolkit-cache/previews,
named by the source image's cache key and the preview settings, so a rebuild reuses it and two
builds give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image

from toolkit.fileio import write_error

# Widths offered in srcset; a source narrower than a width gets no preview of that width.
PREVIEW_WIDTHS = (240, 360, 480)
WEBP_QUALITY = 72
WEBP_METHOD = 6
PREVIEW_VERSION = 1


@dataclass(frozen=True)
class Preview:
    path: str  # relative to the campaign folder of the build
    width: int
    height: int


def _settings() -> str:
    return f"v{PREVIEW_VERSION}-q{WEBP_QUALITY}-m{WEBP_METHOD}-pil{PIL.__version__}"


class PreviewCache:
    """WebP previews by (source key, width); an entry that does not open is made again."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "previews"

    def previews(self, source: Path) -> list[tuple[Path, int, int]]:
        """(file, width, height) for each preview width the source allows, smallest first."""
        key = source.stem
        with Image.open(source) as probe:
            full_width, full_height = probe.size
        widths = [w for w in PREVIEW_WIDTHS if w < full_width] or [full_width]
        found = []
        image: Image.Image | None = None
        for width in widths:
            height = max(1, round(full_height * width / full_width))
            digest = hashlib.sha256(f"{key}|{width}|{_settings()}".encode()).hexdigest()[:32]
            path = self.folder / digest[:2] / f"{digest}.webp"
            if not _intact(path):
                if image is None:
                    with Image.open(source) as opened:
                        image = opened.convert("RGB")
                _store(path, _encode(image, width, height))
            found.append((path, width, height))
        return found


def _encode(image: Image.Image, width: int, height: int) -> bytes:
    small = image if image.size == (width, height) else image.resize(
        (width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    return buffer.getvalue()


def _store(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(data)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise write_error(path, exc) from None


def _intact(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(12)
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP" and path.stat().st_size > 20
    except OSError:
        return False


def preview_path(output: str, width: int) -> str:
    """images/en/post-x.png -> previews/en/post-x-240.webp"""
    stem = output.rsplit(".", 1)[0]
    if stem.startswith("images/"):
        stem = stem[len("images/"):]
    return f"previews/{stem}-{width}.webp"
