"""The only code that writes build output: a temporary folder, swapped in whole or not at all."""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from toolkit.errors import ToolkitError


class OutputWriter:
    """Collects a build in `<out>.tmp-<pid>` beside the target and swaps it in on commit."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.temp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        self.written: set[str] = set()

    def __enter__(self) -> OutputWriter:
        if self.temp.exists():
            shutil.rmtree(self.temp)
        self.temp.mkdir(parents=True)
        return self

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        if kind is None:
            self.commit()
        else:
            shutil.rmtree(self.temp, ignore_errors=True)

    def path_for(self, relative: str) -> Path:
        """Claim a relative path; a second claim on one path is a bug in the build."""
        pure = PurePosixPath(relative)
        if pure.is_absolute() or ".." in pure.parts:
            raise ValueError(f"output path escapes the build folder: {relative}")
        if relative in self.written:
            raise RuntimeError(f"two outputs claim {relative}")
        self.written.add(relative)
        path = self.temp / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write_bytes(self, relative: str, data: bytes) -> None:
        try:
            self.path_for(relative).write_bytes(data)
        except OSError as exc:
            raise ToolkitError(f"cannot write {relative}: {exc.strerror}") from None

    def write_text(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def commit(self) -> None:
        """Swap the new build in; the old one is removed only after the swap."""
        old = self.target.with_name(f".{self.target.name}.old-{os.getpid()}")
        if self.target.exists():
            os.replace(self.target, old)
        os.replace(self.temp, self.target)
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)
