"""The image cache: rendered images by key under .toolkit-cache/images, each with a sidecar."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

from toolkit.fileio import atomic_write, write_error
from toolkit.graphics.image import RenderedImage
from toolkit.render.keys import FileDigests

CACHE_FORMAT = 1
SIGNATURES = {  # first and last bytes of a whole file
    "png": (b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"),
    "jpeg": (b"\xff\xd8\xff", b"\xff\xd9"),
}


class ImageCache:
    """Content-addressed images; an entry that fails its checks is treated as absent."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.images = root / "images"
        self.digests_file = root / "file-digests.json"

    def image_path(self, key: str, file_type: str) -> Path:
        extension = "jpg" if file_type == "jpeg" else "png"
        return self.images / key[:2] / f"{key}.{extension}"

    def sidecar_path(self, key: str) -> Path:
        return self.images / key[:2] / f"{key}.json"

    def lookup(self, key: str, file_type: str) -> Path | None:
        """The cached image for a key, if present and intact."""
        path = self.image_path(key, file_type)
        try:
            meta = json.loads(self.sidecar_path(key).read_text(encoding="utf-8"))
            stat = os.stat(path)
            # The image may be hard-linked into a build folder; a tool that edited that file in
            # place changed this one too, and its mtime or size gives it away.
            if (meta.get("format") != CACHE_FORMAT or meta.get("key") != key
                    or meta.get("size") != stat.st_size or meta.get("mtime_ns") != stat.st_mtime_ns
                    or not _looks_whole(path, file_type, stat.st_size)):
                return None
        except (OSError, ValueError, AttributeError):
            return None
        return path

    def store(self, key: str, file_type: str, image: RenderedImage) -> Path:
        """Write the image, then its sidecar; a reader trusts the image only with both."""
        path = self.image_path(key, file_type)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, image.data)
            stat = os.stat(path)
            meta = {"format": CACHE_FORMAT, "key": key, "size": stat.st_size,
                    "mtime_ns": stat.st_mtime_ns, "width": image.width, "height": image.height,
                    "boxes": [dataclasses.asdict(box) for box in image.boxes]}
            atomic_write(self.sidecar_path(key), json.dumps(meta).encode("utf-8"))
        except OSError as exc:
            raise write_error(path, exc) from None
        return path

    def load_digests(self) -> FileDigests:
        try:
            known: Any = json.loads(self.digests_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
        return FileDigests(known if isinstance(known, dict) else {})

    def save_digests(self, digests: FileDigests) -> None:
        if not digests.changed:
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            atomic_write(self.digests_file, json.dumps(digests.known).encode("utf-8"))
        except OSError as exc:
            raise write_error(self.digests_file, exc) from None
        digests.changed = False


def _looks_whole(path: Path, file_type: str, size: int) -> bool:
    head, tail = SIGNATURES["jpeg" if file_type == "jpeg" else "png"]
    if size < len(head) + len(tail):
        return False
    with open(path, "rb") as handle:
        start = handle.read(len(head))
        handle.seek(size - len(tail))
        return start == head and handle.read() == tail
