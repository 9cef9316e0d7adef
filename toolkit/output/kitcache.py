"""The kit cache: finished zips by content key under .toolkit-cache/kits."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from toolkit.fileio import write_error
from toolkit.output.kits import Kit, write_zip


class KitCache:
    """Zips named by their content key; one that does not open as a zip is made again."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "kits"

    def path(self, kit: Kit) -> Path:
        """The finished zip for this kit, writing it first if the cache lacks it."""
        path = self.folder / f"{kit.key()}.zip"
        if _intact(path):
            return path
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_zip(kit.files, temp)
            os.replace(temp, path)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise write_error(path, exc) from None
        return path


def _intact(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return bool(archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False
