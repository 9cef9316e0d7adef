"""Check, while validating, that each image a campaign or brand names can be decoded.

A damaged photo or a decompression bomb is reported once, at the YAML line that names it,
instead of once per format and language when the graphics are drawn.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.graphics.photo import PhotoError, load_photo
from toolkit.load.fields import Context
from toolkit.load.yamlsource import KeyPath


def check_image(path: Path | None, key_path: KeyPath, ctx: Context, kind: str = "image") -> bool:
    """Whether the image at path (already resolved inside the workspace) decodes safely."""
    if path is None:
        return True
    try:
        load_photo(path)
    except PhotoError as exc:
        ctx.error(key_path, f"{kind} '{_named(path, ctx.base_dir)}' cannot be used: {exc}")
        return False
    except OSError as exc:
        ctx.error(key_path, f"{kind} '{path.name}' cannot be read: {exc.strerror}")
        return False
    return True


def _named(path: Path, base_dir: Path) -> str:
    try:
        return path.relative_to(base_dir.resolve()).as_posix()
    except ValueError:
        return path.name
