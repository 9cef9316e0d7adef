"""Cache keys: a sha256 of everything that decides an image job's bytes."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import stat as stat_module
import time
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import PIL
from PIL import features

import toolkit
from toolkit.load.fontfiles import FONT_SUFFIXES, bundled_fonts_dir
from toolkit.load.layouts import Layout
from toolkit.load.model import Brand
from toolkit.plan import ImageJob

KEY_FORMAT = 1
RACY_NS = 2_000_000_000
PACKAGE_DIR = Path(toolkit.__file__).parent
# The code that decides an image's bytes: the graphics package, the layer language it draws,
# and how it opens photos and finds fonts.
RENDERER_SOURCES = ("graphics", "load/layerspec.py", "load/layoutbody.py", "load/images.py",
                    "load/fontfiles.py", "load/brandassets.py", "colors.py", "data/languages")

# ImageJob fields left out of the key: they name or locate the image but never change its
# bytes, so identical graphics share one cache entry.
UNKEYED_FIELDS = frozenset(("campaign", "post_id", "locations", "output"))


class FileDigests:
    """Content hashes of files, memoized by (path, size, mtime_ns): unchanged files are not read.

    `known` outlives the build (it is saved in the cache folder); each file is looked at once
    per build.
    """

    def __init__(self, known: Mapping[str, Any] | None = None) -> None:
        self.known: dict[str, list[Any]] = {
            path: list(entry) for path, entry in (known or {}).items()
            if isinstance(entry, list) and len(entry) == 3}
        self.changed = False
        self._seen: dict[str, str] = {}

    def digest(self, path: Path) -> str:
        name = os.fspath(path)
        if name not in self._seen:
            self._seen[name] = self._digest(name)
        return self._seen[name]

    def _digest(self, name: str) -> str:
        try:
            stat = os.stat(name)
        except OSError:
            return "missing"
        if not stat_module.S_ISREG(stat.st_mode):
            return "missing"
        entry = self.known.get(name)
        if entry and entry[0] == stat.st_size and entry[1] == stat.st_mtime_ns:
            return str(entry[2])
        value = _sha256_file(name)
        # File times tick coarsely: a file written just now may change again, at the same size,
        # without its time moving. Only remember it once it has been still for a while.
        if time.time_ns() - stat.st_mtime_ns > RACY_NS:
            self.known[name] = [stat.st_size, stat.st_mtime_ns, value]
            self.changed = True
        return value


class JobKeys:
    """Computes job keys; brand, layout and bundled-font parts are hashed once per build."""

    def __init__(self, digests: FileDigests) -> None:
        self.digests = digests
        self._memo: dict[int, tuple[object, Any]] = {}
        self._bundled: str | None = None

    def key(self, job: ImageJob) -> str:
        # Every ImageJob field is keyed unless listed as unkeyed, so a field added to the job
        # later is covered without touching this module.
        parts: dict[str, Any] = {
            "key_format": KEY_FORMAT,
            "toolkit": toolkit.__version__,
            "renderer": renderer_version(),
            "bundled_fonts": self._bundled_fonts(),
        }
        for field in dataclasses.fields(job):
            if field.name not in UNKEYED_FIELDS:
                parts[field.name] = self._part(getattr(job, field.name))
        return _sha256_json(parts)

    def _part(self, value: Any) -> Any:
        if isinstance(value, (Brand, Layout)):
            if id(value) not in self._memo:
                self._memo[id(value)] = (value, self._shared_part(value))
            return self._memo[id(value)][1]
        if isinstance(value, Path):
            return self.digests.digest(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return [type(value).__name__, dataclasses.asdict(value)]
        if isinstance(value, (tuple, list)):
            return [self._part(item) for item in value]
        return value

    def _shared_part(self, value: Brand | Layout) -> Any:
        if isinstance(value, Layout):
            return {"file": self.digests.digest(value.path), "body": _sha256_json(value.body)}
        # The brand's slug and folder only say where it was found.
        return {field.name: self._part(getattr(value, field.name))
                for field in dataclasses.fields(value) if field.name not in ("slug", "folder")}

    def _bundled_fonts(self) -> str:
        """Every bundled font the text engine may fall back to, and the family table."""
        if self._bundled is None:
            folder = bundled_fonts_dir()
            files = sorted(p for p in folder.rglob("*") if p.is_file()
                           and p.suffix.lower() in (*FONT_SUFFIXES, ".yaml", ".yml"))
            self._bundled = _sha256_json([[p.relative_to(folder).as_posix(),
                                           self.digests.digest(p)] for p in files])
        return self._bundled


@lru_cache(maxsize=1)
def renderer_version() -> str:
    """A hash of the graphics code and the image libraries, so a code change invalidates."""
    # The language facts (data/languages/*.yaml) change how text breaks, so they count too.
    sources = sorted(path for name in RENDERER_SOURCES
                     for path in ([PACKAGE_DIR / name] if name.endswith(".py")
                                  else [*(PACKAGE_DIR / name).rglob("*.py"),
                                        *(PACKAGE_DIR / name).rglob("*.yaml")]))
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    libraries = [PIL.__version__, features.version("freetype2"), features.version("raqm")]
    digest.update(json.dumps(libraries, default=str).encode())
    return digest.hexdigest()


def _sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _sha256_json(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=_jsonable)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _jsonable(value: Any) -> Any:
    if isinstance(value, Path):
        return value.as_posix()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    return repr(value)
