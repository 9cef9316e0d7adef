"""Stamps of files: enough to tell that a file was added, removed, changed or replaced, without
reading it. What is read once and kept (site words, compiled templates, the template host's
answers) is kept while the stamps of its files stay the same."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

Stamp = tuple[str, int, int, int]  # path, size, modification time (ns), identity (inode)


def stamp(path: str | Path) -> Stamp:
    """The stamp of the file path leads to (links followed); -1s when it cannot be read."""
    try:
        stat = os.stat(path)
    except OSError:
        return (str(path), -1, -1, -1)
    return (str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino)


def folder_stamps(folders: Iterable[str | Path], follow_links: bool = False
                  ) -> tuple[Stamp, ...]:
    """The stamp of every file under the folders, in a stable order."""
    found = []
    for base in folders:
        for folder, subdirs, files in os.walk(base, followlinks=follow_links):
            subdirs.sort()
            found += [stamp(os.path.join(folder, name)) for name in sorted(files)]
    return tuple(found)
