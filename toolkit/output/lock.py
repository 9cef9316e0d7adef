"""One build per output folder: an exclusive lock on `.<out>.lock` beside it, on every system.

The lock is the operating system's (`flock` on POSIX, `msvcrt.locking` on Windows), so it ends
with the process that holds it. No child keeps it: the descriptor is not inherited by programs
started later, and a forked render worker closes its copy at once. The file also names the
holder (`pid host`), so a lock still held although its build is gone (kept by workers of an
older toolkit, say) is recognised as stale and taken over.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from pathlib import Path

from toolkit.errors import ToolkitError, display_path

WAIT_SECONDS = 10.0
POLL_SECONDS = 0.1
STALE_SECONDS = 1.0  # a dead holder must stay dead this long before its lock is taken over
LOCK_OFFSET = 1 << 20  # Windows locks a byte range: lock one byte far from the holder's name

_held: set[int] = set()  # descriptors of locks this process holds, closed in forked children


class OutputLock:
    """Held while a build renders and writes; a second build waits, then fails clearly."""

    def __init__(self, target: Path, wait: float = WAIT_SECONDS) -> None:
        self.target = target
        self.path = target.with_name(f".{target.name}.lock")
        self.wait = wait
        self.fd: int | None = None

    def __enter__(self) -> OutputLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.wait
        while True:
            fd = _open(self.path)
            try:
                if self._acquire(fd, deadline):
                    break
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)  # the stale file was replaced: lock the new one
        self.fd = fd
        _held.add(fd)
        return self

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        if self.fd is None:
            return
        _held.discard(self.fd)
        _unlock(self.fd)
        os.close(self.fd)
        self.fd = None

    def _acquire(self, fd: int, deadline: float) -> bool:
        """Lock fd and write our name into it; False when the file was replaced meanwhile."""
        dead_since: float | None = None
        while not _try_lock(fd):
            now = time.monotonic()
            holder = _read(fd)
            if _is_stale(holder):
                dead_since = dead_since if dead_since is not None else now
                if now - dead_since >= STALE_SECONDS:
                    _replace_stale(self.path, fd)
                    return False
            else:
                dead_since = None
            if now >= deadline:
                raise self._busy_error(holder)
            time.sleep(POLL_SECONDS)
        if not _same_file(fd, self.path):
            _unlock(fd)
            return False
        _write(fd, f"{os.getpid()} {socket.gethostname()}\n")
        return True

    def _busy_error(self, holder: str) -> ToolkitError:
        pid = holder.split()[0] if holder.split() else ""
        who = f" (pid {pid})" if pid.isdigit() else ""
        return ToolkitError(f"another build is writing {display_path(self.target)}/{who}; "
                            "try again when it finishes")


def _open(path: Path) -> int:
    # O_CLOEXEC (and Python's default non-inheritable descriptors) keep it from started programs.
    return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)


def _read(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 200).decode("utf-8", "replace").strip()


def _write(fd: int, text: str) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, text.encode("utf-8"))


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _is_stale(holder: str) -> bool:
    """The lock names a process of this machine that no longer runs."""
    if sys.platform == "win32":
        return False  # Windows ends a lock with its process and never lets a child inherit it
    parts = holder.split()
    if len(parts) != 2 or not parts[0].isdigit() or parts[1] != socket.gethostname():
        return False
    return not pid_alive(int(parts[0]))


def _replace_stale(path: Path, fd: int) -> None:
    # Whoever still holds the old file's lock keeps it on a file no build opens any more.
    if _same_file(fd, path):
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


if sys.platform == "win32":
    import msvcrt

    PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
    ERROR_ACCESS_DENIED = 5
    STILL_ACTIVE = 259

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def pid_alive(pid: int) -> bool:
        # os.kill(pid, 0) would end the process here: ask for its exit code instead.
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            return bool(kernel32.GetLastError() == ERROR_ACCESS_DENIED)
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def pid_alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def _close_in_child() -> None:
        # A forked worker must not keep the build's lock alive after the build is gone.
        for fd in _held:
            try:
                os.close(fd)
            except OSError:
                pass
        _held.clear()

    os.register_at_fork(after_in_child=_close_in_child)
