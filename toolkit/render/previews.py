"""Small WebP previews of every graphic for the page, cached by the image's content key.

A phone shows thumbnails a few hundred pixels wide; the full PNG or JPEG is only downloaded.
Each preview is made once and kept in .toolkit-cache/previews, named by the source image's
cache key and the preview settings, so a rebuild reuses it and two builds give the same bytes.
The render worker makes them right after encoding an image, from the pixels it already has
(a PNG decodes to exactly those pixels; a JPEG's previews are made from its decoded bytes), so
the page writer only links them; an image whose previews are missing (an older cache) gets them
made from the file.
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
WEBP_QUALITY = 62  # 12 % fewer bytes than 72, no difference visible at thumbnail size
# Effort 2 of libwebp's 0-6: on the example's graphics about 2.3 x faster to encode than 3 and
# files 3.6 % larger; 0 and 1 make them 25-50 % larger (bench/README.md).
WEBP_METHOD = 2
# 2: halved with a box filter before Lanczos, the smaller from the larger; 3: a width half of a
# larger one is that one halved
PREVIEW_VERSION = 3


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

    def previews(self, source: Path, size: tuple[int, int] | None = None
                 ) -> list[tuple[Path, int, int]]:
        """(file, width, height) for each preview width the source allows, smallest first;
        made from the file when missing. `size` spares opening the source to learn it."""
        if size is None:
            with Image.open(source) as probe:
                size = probe.size
        found = self._entries(source.stem, size)
        if not all(_intact(path) for path, _, _ in found):
            with Image.open(source) as opened:
                self._make(found, opened.convert("RGB"))
        return found

    def store(self, key: str, image: Image.Image) -> None:
        """Make the previews of a freshly rendered image (its exact decoded pixels)."""
        self._make(self._entries(key, image.size), image)

    def _entries(self, key: str, size: tuple[int, int]) -> list[tuple[Path, int, int]]:
        found = []
        for width, height in preview_sizes(size):
            digest = hashlib.sha256(f"{key}|{width}|{_settings()}".encode()).hexdigest()[:32]
            found.append((self.folder / digest[:2] / f"{digest}.webp", width, height))
        return found

    def _make(self, entries: list[tuple[Path, int, int]], image: Image.Image) -> None:
        sizes = [(width, height) for _, width, height in entries]
        scaled = dict(zip(sorted(sizes, reverse=True), scaled_previews(image, sizes), strict=True))
        for path, width, height in entries:
            if not _intact(path):
                _store(path, encode_preview(scaled[width, height]))


def preview_sizes(size: tuple[int, int]) -> list[tuple[int, int]]:
    """(width, height) of each preview an image of this size gets, smallest first."""
    full_width, full_height = size
    widths = [w for w in PREVIEW_WIDTHS if w < full_width] or [full_width]
    return [(width, max(1, round(full_height * width / full_width))) for width in widths]


def scaled_previews(image: Image.Image, sizes: list[tuple[int, int]]) -> list[Image.Image]:
    """The image scaled to each size, largest first: each smaller preview is scaled from the
    ones before, which costs a fraction of scaling the full image again."""
    made = [image if image.mode == "RGB" else image.convert("RGB")]
    for width, height in sorted(sizes, reverse=True):
        made.append(_scaled(made, width, height))
    return made[1:]


def _scaled(made: list[Image.Image], width: int, height: int) -> Image.Image:
    """(width, height) from the smallest image made so far: exactly halved (a box average) if
    one is twice as large, else Lanczos after halving while that stays at least as large (the
    box average keeps the detail Lanczos would, at a fraction of its cost)."""
    for larger in made:
        if larger.size == (2 * width, 2 * height):
            return larger.reduce(2)
    image = made[-1]
    while image.width >= 2 * width and image.height >= 2 * height:
        image = image.reduce(2)
    if image.size == (width, height):
        return image
    return image.resize((width, height), Image.Resampling.LANCZOS)


def encode_preview(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    return buffer.getvalue()


def _store(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        try:
            temp.write_bytes(data)
        except FileNotFoundError:  # the shard's folder, made once (a mkdir per file costs more)
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
