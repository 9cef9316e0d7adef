"""The output lock: one build at a time, never kept by children, stale locks taken over."""

from __future__ import annotations

import ast
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import toolkit
from toolkit.errors import ToolkitError
from toolkit.output import lock as lock_module
from toolkit.output.lock import OutputLock

PACKAGE = Path(toolkit.__file__).parent
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="fork and kill are POSIX")


def test_a_second_lock_waits_then_names_the_holder(tmp_path: Path) -> None:
    with OutputLock(tmp_path / "build"):
        started = time.monotonic()
        busy = rf"another build is writing .*\(pid {os.getpid()}\)"
        with pytest.raises(ToolkitError, match=busy):
            with OutputLock(tmp_path / "build", wait=0.3):
                pass
        assert time.monotonic() - started >= 0.3
    with OutputLock(tmp_path / "build", wait=0):  # released on exit
        pass


def test_the_lock_file_names_pid_and_host(tmp_path: Path) -> None:
    with OutputLock(tmp_path / "build"):
        text = (tmp_path / ".build.lock").read_text()
    assert text == f"{os.getpid()} {socket.gethostname()}\n"


@posix_only
def test_a_forked_child_does_not_keep_the_lock(tmp_path: Path) -> None:
    lock = OutputLock(tmp_path / "build")
    lock.__enter__()
    pid = os.fork()
    if pid == 0:  # the child outlives the lock's release below
        time.sleep(2)
        os._exit(0)
    try:
        lock.__exit__(None, None, None)
        with OutputLock(tmp_path / "build", wait=0):
            pass
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)


@posix_only
def test_a_lock_held_for_a_dead_build_is_taken_over(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # An orphan of an older toolkit still holds the lock of a build that is gone.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    lock_file = tmp_path / ".build.lock"
    lock_file.write_text(f"{dead} {socket.gethostname()}\n")
    code = ("import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR); "
            "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)")
    orphan = subprocess.Popen([sys.executable, "-c", code, str(lock_file)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert orphan.stdout is not None and orphan.stdout.readline() == "held\n"
        monkeypatch.setattr(lock_module, "STALE_SECONDS", 0.2)
        with OutputLock(tmp_path / "build", wait=5):
            assert lock_file.read_text().split()[0] == str(os.getpid())
    finally:
        orphan.kill()
        orphan.wait()


@posix_only
def test_a_live_holder_is_never_taken_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    lock_file = tmp_path / ".build.lock"
    code = ("import fcntl, os, socket, sys, time; "
            "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); fcntl.flock(fd, fcntl.LOCK_EX); "
            "os.write(fd, f'{os.getpid()} {socket.gethostname()}\\n'.encode()); "
            "print('held', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(lock_file)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        monkeypatch.setattr(lock_module, "STALE_SECONDS", 0.0)
        with pytest.raises(ToolkitError, match=f"pid {holder.pid}"):
            with OutputLock(tmp_path / "build", wait=0.5):
                pass
    finally:
        holder.kill()
        holder.wait()


def test_no_module_imports_fcntl_unconditionally() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level, outside any `if`
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not {"fcntl", "msvcrt", "termios"} & set(names), path
