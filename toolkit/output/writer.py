"""The only code that writes build output: a temporary folder, swapped in whole or not at all."""

from __future__ import annotations

import glob
import os
import shutil
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Protocol

from toolkit.errors import ToolkitError, display_path
from toolkit.fileio import link_or_copy, write_file
from toolkit.interrupts import interrupts_held
from toolkit.output.lock import pid_alive

MARKER = ".toolkit-build"
MARKER_TEXT = b"Written by campaign-toolkit: every build replaces this folder whole.\n"


def check_target(target: Path) -> None:
    """Refuse to replace a folder that is not an earlier build: its files would be lost."""
    try:
        _check_target(target)
    except OSError as exc:  # a folder we may not list, a path too long, /proc
        raise cannot_build(target, exc) from None


def cannot_build(target: Path, exc: OSError) -> ToolkitError:
    """The output folder cannot be written at all: a read-only disk, /proc, no permission."""
    reason = exc.strerror or str(exc)
    return ToolkitError(f"cannot build into {display_path(target)}: {reason}; "
                        "the previous build is untouched")


def _check_target(target: Path) -> None:
    if not target.exists() or (target / MARKER).is_file() or _is_old_build(target):
        return
    if target.is_dir() and not any(target.iterdir()):
        return
    if not target.is_dir():
        raise ToolkitError(f"will not build into {display_path(target)}: it is not a folder "
                           "(a build writes a folder of pages and images); choose a new or "
                           "empty folder")
    raise ToolkitError(f"will not build into {display_path(target)}: the folder holds files "
                       "that are not a toolkit build, and a build replaces its output folder "
                       "whole; choose a new or empty folder")


def _is_old_build(target: Path) -> bool:
    """A build from before the marker file: an index page and campaign manifests."""
    return (target / "index.html").is_file() and any(target.glob("*/manifest.json"))


class Writer(Protocol):
    """Where the build's outputs go, each by its relative path: a folder, or memory."""

    written: set[str]

    def write_bytes(self, relative: str, data: bytes) -> None: ...

    def write_text(self, relative: str, text: str) -> None: ...

    def link_file(self, relative: str, source: Path) -> None: ...


def _claimed(written: set[str], relative: str) -> None:
    """Claim a relative path; a second claim on one path is a bug in the build."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts:
        raise ValueError(f"output path escapes the build folder: {relative}")
    if relative in written:
        raise RuntimeError(f"two outputs claim {relative}")
    written.add(relative)


class MemoryWriter:
    """Keeps what a build would write in memory, files from the caches by their path:
    `toolkit serve` shows the pages someone is looking at before the whole build is written."""

    def __init__(self) -> None:
        self.written: set[str] = set()
        self.files: dict[str, bytes | Path] = {}

    def write_bytes(self, relative: str, data: bytes) -> None:
        _claimed(self.written, relative)
        self.files[relative] = data

    def write_text(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def link_file(self, relative: str, source: Path) -> None:
        _claimed(self.written, relative)
        self.files[relative] = source


class OutputWriter:
    """Collects a build in `.<out>.tmp-<pid>` beside the target and swaps it in on commit."""

    def __init__(self, target: Path, check: Callable[[], None] | None = None) -> None:
        """`check` is called before each file is claimed; what it raises abandons the build."""
        self.target = target
        self.check = check
        self.temp = self._sibling("tmp", os.getpid())
        self.old = self._sibling("old", os.getpid())
        self.written: set[str] = set()

    def __enter__(self) -> OutputWriter:
        check_target(self.target)
        if self.temp.exists():
            shutil.rmtree(self.temp)
        self.temp.mkdir(parents=True)
        return self

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        try:
            if kind is None:
                self.commit()
        finally:
            shutil.rmtree(self.temp, ignore_errors=True)

    def path_for(self, relative: str) -> Path:
        """Claim a relative path; a second claim on one path is a bug in the build."""
        if self.check is not None:
            self.check()
        _claimed(self.written, relative)
        path = self.temp / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write_bytes(self, relative: str, data: bytes) -> None:
        try:
            write_file(self.path_for(relative), data)
        except OSError as exc:
            raise ToolkitError(f"cannot write {relative}: {exc.strerror}") from None

    def write_text(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def link_file(self, relative: str, source: Path) -> None:
        """Place a finished file (from the image cache) by hard link, or by copy if need be."""
        try:
            link_or_copy(source, self.path_for(relative))
        except OSError as exc:
            raise ToolkitError(f"cannot write {relative}: {exc.strerror}") from None

    def commit(self) -> None:
        """Swap the new build in; the old one is removed only after the swap."""
        self.write_bytes(MARKER, MARKER_TEXT)
        try:
            self._swap()
        except OSError as exc:
            raise ToolkitError(f"cannot put the new build in place of "
                               f"{display_path(self.target)}: {exc.strerror or exc}; "
                               "the previous build is untouched") from None
        shutil.rmtree(self.old, ignore_errors=True)

    def _swap(self) -> None:
        # Between the two renames there is no build folder; a signal must not land there.
        with interrupts_held():
            had_target = self.target.exists()
            if had_target:
                os.replace(self.target, self.old)
            try:
                os.replace(self.temp, self.target)
            except BaseException:
                if had_target:
                    os.replace(self.old, self.target)
                raise

    def _sibling(self, kind: str, pid: int) -> Path:
        return self.target.with_name(f".{self.target.name}.{kind}-{pid}")


def clear_leftovers(target: Path) -> None:
    """Remove the folders of killed builds; put back a previous build caught in mid-swap.

    Call it holding the OutputLock: another build of the folder may be writing otherwise.
    """
    pattern = glob.escape(f".{target.name}.") + "*-*"
    for path in sorted(target.parent.glob(pattern)):
        kind, _, pid = path.name[len(target.name) + 2:].partition("-")
        if kind not in ("tmp", "old") or not pid.isdigit() or _running(int(pid)):
            continue
        if kind == "old" and not target.exists():
            os.replace(path, target)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    """Whether another live process has this id (our own leftovers are stale)."""
    return pid != os.getpid() and pid_alive(pid)
    return True
