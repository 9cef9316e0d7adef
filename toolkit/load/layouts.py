"""Find graphic layouts on the search path and read the header every layout declares."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.errors import Problems
from toolkit.load.fields import Bool, Context, MapOf, Record, Str, spec
from toolkit.load.model import TREATMENTS
from toolkit.load.yamlsource import SourceMap, load_yaml

LAYOUTS_DIR = "templates/graphics"


@dataclass(frozen=True, kw_only=True)
class LayoutField:
    """One text field a layout draws."""

    required: bool = spec(Bool(), default=True)
    label: str = spec(Str(), default="")


@dataclass(frozen=True, kw_only=True)
class LayoutHeader:
    """What a campaign needs to know of a layout: its fields and where it can be used."""

    description: str = spec(Str(), default="")
    fields: dict[str, LayoutField] | None = spec(MapOf(Record(LayoutField)), default=None)
    kind: str = spec(Str(choices=("social", "print")), default="social")
    needs_background: bool = spec(Bool(), default=False)
    slides: bool = spec(Bool(), default=False)
    treatment: str = spec(Str(choices=TREATMENTS), default="scrim",
                          doc="How a photo carries the text when the post does not say.")
    post_link: bool = spec(Bool(), default=False,
                           doc="Posts may give a `link` (written out) and `qr` (its QR code).")


HEADER_KEYS = frozenset(("description", "fields", "kind", "needs_background", "slides",
                         "treatment", "post_link"))


@dataclass(frozen=True)
class Layout:
    """A layout file: its header, plus the raw body the graphics engine interprets."""

    name: str
    path: Path
    header: LayoutHeader
    body: Mapping[str, Any]
    source: SourceMap


def layout_names(search_dirs: tuple[Path, ...]) -> list[str]:
    names: set[str] = set()
    for base in search_dirs:
        names.update(p.stem for p in (base / LAYOUTS_DIR).glob("*.yaml"))
    return sorted(names)


def find_layout_file(name: str, search_dirs: tuple[Path, ...]) -> Path | None:
    for base in search_dirs:
        candidate = base / LAYOUTS_DIR / f"{name}.yaml"
        if candidate.exists() or candidate.is_symlink():
            return candidate
    return None


def load_layout(name: str, path: Path, workspace: Path, problems: Problems) -> Layout | None:
    """Read a layout and check its header; `layoutbody.compile_layout` checks its body."""
    data, source = load_yaml(path)
    ctx = Context(source, problems, workspace, path.parent)
    if not isinstance(data, dict):
        ctx.error((), "a layout must be a mapping")
        return None
    header_data = {k: v for k, v in data.items() if k in HEADER_KEYS}
    header = Record(LayoutHeader).check(header_data, (), ctx)
    if header is None:
        return None
    if header.fields is None:
        header = dataclasses.replace(header, fields={})
    body = {k: v for k, v in data.items() if k not in HEADER_KEYS}
    return Layout(name, path, header, body, source)
