"""File writes shared by the image cache and the output writer: plain, atomic and linked."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from pathlib import Path

from toolkit.errors import ToolkitError, display_path


def write_file(path: Path, data: bytes) -> None:
    """Write bytes; every build write goes through here, so a full disk is reported once."""
    with open(path, "wb") as handle:
        handle.write(data)


def atomic_write(path: Path, data: bytes) -> None:
    """Write beside the target, then rename over it: readers see the old file or the new one."""
    temp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write_file(temp, data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link a finished file into place, or copy it where links are not possible."""
    try:
        os.link(source, target)
        return
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP,
                             errno.EOPNOTSUPP):
            raise
    shutil.copyfile(source, target)


def write_error(path: Path, exc: OSError) -> ToolkitError:
    """The message a user reads when a write fails: which file, and the system's reason."""
    reason = exc.strerror or str(exc)
    return ToolkitError(f"cannot write {display_path(path)}: {reason}")
