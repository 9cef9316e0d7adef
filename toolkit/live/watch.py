"""Notice changes to what a build reads by polling modification times and sizes."""

from __future__ import annotations

import os
from pathlib import Path

WATCHED = ("campaigns", "templates", "assets", "toolkit.yaml")

Snapshot = dict[str, tuple[int, int]]


class Watcher:
    """Compares the workspace's sources with the last look; hidden files are ignored."""

    def __init__(self, root: Path, names: tuple[str, ...] = WATCHED) -> None:
        self.paths = [root / name for name in names]
        self.last = self.snapshot()

    def snapshot(self) -> Snapshot:
        found: Snapshot = {}
        for path in self.paths:
            if path.is_file():
                _add(found, str(path))
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if not name.startswith("."):
                        _add(found, os.path.join(folder, name))
        return found

    def changed(self) -> bool:
        """Whether anything was added, removed or modified since the last call."""
        current = self.snapshot()
        if current == self.last:
            return False
        self.last = current
        return True


def _add(found: Snapshot, path: str) -> None:
    try:
        stat = os.stat(path)
    except OSError:  # removed while we looked
        return
    found[path] = (stat.st_mtime_ns, stat.st_size)
