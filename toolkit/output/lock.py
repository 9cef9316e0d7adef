"""One build per output folder: an exclusive lock on `.<out>.lock` beside it."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from toolkit.errors import ToolkitError, display_path

WAIT_SECONDS = 10.0
POLL_SECONDS = 0.1


class OutputLock:
    """Held while a build renders and writes; a second build waits, then fails clearly."""

    def __init__(self, target: Path, wait: float = WAIT_SECONDS) -> None:
        self.target = target
        self.path = target.with_name(f".{target.name}.lock")
        self.wait = wait
        self.fd: int | None = None

    def __enter__(self) -> OutputLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            self._acquire(fd)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        return self

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        if self.fd is None:
            return
        # Unlock explicitly: forked workers share this open file, and closing our copy alone
        # would keep the lock while any of them lives.
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
        self.fd = None

    def _acquire(self, fd: int) -> None:
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise self._busy_error(fd) from None
                time.sleep(POLL_SECONDS)

    def _busy_error(self, fd: int) -> ToolkitError:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        who = f" (pid {holder})" if holder.isdigit() else ""
        return ToolkitError(f"another build is writing {display_path(self.target)}/{who}; "
                            "try again when it finishes")
