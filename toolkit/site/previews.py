"""The WebP previews the page shows: made by the render workers (toolkit.render.previews)."""

from __future__ import annotations

from toolkit.render.previews import Preview, PreviewCache, preview_path

__all__ = ["Preview", "PreviewCache", "preview_path"]
