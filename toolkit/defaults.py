"""Locate the defaults shipped with the toolkit (bundled assets and templates)."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def defaults_root() -> Path:
    """Return the folder holding the shipped `assets/` and `templates/`."""
    # An installed wheel carries its defaults inside the package; a source checkout
    # (flat layout) keeps them at the top of the repository, beside the package.
    packaged = _HERE / "_defaults"
    if (packaged / "assets").is_dir():
        return packaged
    return _HERE.parent
