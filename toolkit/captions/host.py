"""Author templates run in a separate process, the template host, under real limits.

Jinja's sandbox and the guards of `sandbox.py` stop what they can see coming. Work done inside
one call of a builtin (`'%*s' % (4*10**9, 'x')`, `|tojson` of a list of lists, comparing
nested lists) is invisible to them, so the host bounds it for real: where the system has
`resource`, each request may add at most MEMORY_BYTES of address space (RLIMIT_AS) and use at
most CPU_SECONDS of CPU time (RLIMIT_CPU); on every system the build waits a request's deadline
plus GRACE_SECONDS for the answer, then kills the host and reports the template.

The host is started with the `spawn` method (no fork, so it works the same on Linux, macOS and
Windows), serves every render of the build (and of every rebuild of `toolkit serve`), and exits
as soon as its end of the pipe closes: a build killed with `kill -9` takes it along. Where no
process can be started, templates render in the build's own process under the guards alone.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import traceback
import types
from collections.abc import Callable, Iterator
from typing import Any

from toolkit.errors import ProblemsError

if sys.platform == "win32":
    from multiprocessing.connection import PipeConnection as Connection
else:
    from multiprocessing.connection import Connection

MEMORY_BYTES = 1 << 30  # address space one request may add to the host
CPU_SECONDS = 30  # CPU time one request may use before the system stops the host
GRACE_SECONDS = 2.0  # wall time past a request's deadline before the build kills the host
START_SECONDS = 60.0  # for the host to import Jinja and the toolkit, on a loaded machine
PRELOAD = ("toolkit.captions.templates", "toolkit.site.environment")


class HostUnavailable(Exception):  # noqa: N818 (a state, not an error the user sees)
    """No host process here, or this request cannot be sent to one: render in process."""


class HostStopped(Exception):  # noqa: N818
    """The host ran past the deadline, or its memory or CPU limit stopped it."""

    def __init__(self, timed_out: bool) -> None:
        super().__init__("timed out" if timed_out else "stopped by its limits")
        self.timed_out = timed_out


class TemplateHost:
    """One host process, started on first use and restarted after it is stopped."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Connection | None = None
        self._fresh = True
        self._unavailable = os.environ.get("TOOLKIT_TEMPLATE_HOST") == "0"
        # Request -> answer, when kept: those of this build, and of the one before it.
        self._answers: dict[bytes, Any] = {}
        self._before: dict[bytes, Any] = {}
        self._answers_for: str | None = None  # while answers are kept: their sources
        self._kept_for: str | None = None  # the sources of the last build that kept them

    @contextlib.contextmanager
    def answers_kept(self, sources: str) -> Iterator[None]:
        """For one build: answer a request the host answered in this build or the one
        before from memory, as long as `sources` (a fingerprint of every file a handler may
        read) is the same as then. `toolkit serve` rebuilds after one post changed, and every
        other caption and page asks the same."""
        with self._lock:
            same = sources == self._kept_for
            self._before = self._answers if same else {}
            self._answers, self._answers_for = {}, sources
        try:
            yield
        finally:
            with self._lock:
                self._kept_for, self._answers_for = sources, None

    def _kept(self, data: bytes) -> tuple[bool, Any]:
        if self._answers_for is None:
            return False, None
        if data not in self._answers and data in self._before:
            self._answers[data] = self._before.pop(data)
        return data in self._answers, self._answers.get(data)

    def start(self) -> None:
        """Start the host now (it imports while the build reads YAML); returns at once."""
        with self._lock:
            self._start()

    def _start(self) -> None:
        if self._process is not None or self._unavailable:
            return
        try:
            context = multiprocessing.get_context("spawn")
            ours, theirs = context.Pipe()
            process = context.Process(target=serve, args=(theirs,),
                                      name="toolkit-template-host", daemon=True)
            # `spawn` runs the parent's main script again in the child unless it is guarded by
            # `if __name__ == "__main__"`; the host needs nothing of it, so it is not told of it.
            main = sys.modules.get("__main__")
            sys.modules["__main__"] = types.ModuleType("__main__")
            try:
                process.start()
            finally:
                if main is not None:
                    sys.modules["__main__"] = main
            theirs.close()
        except (OSError, ValueError, RuntimeError, AssertionError):
            self._unavailable = True  # e.g. started from a daemon process: render in process
            return
        self._process, self._conn, self._fresh = process, ours, True

    def _await_ready(self) -> None:
        """The first answer is the host's word that it has imported what requests need."""
        assert self._conn is not None
        if not self._conn.poll(START_SECONDS):
            raise EOFError("the template host did not start")
        self._conn.recv()
        self._fresh = False

    def call(self, handler: str, args: tuple[Any, ...], seconds: float) -> Any:
        """handler(*args) in the host ("module:function"); its ProblemsError raised here."""
        with self._lock:
            self._start()
            if self._conn is None:
                raise HostUnavailable()
            try:
                # The build's folder too: paths in messages are shown relative to it.
                data = pickle.dumps((handler, args, _folder()),
                                    protocol=pickle.HIGHEST_PROTOCOL)
            except (pickle.PicklingError, TypeError, AttributeError):
                raise HostUnavailable() from None  # something only this process can hold
            known, answer = self._kept(data)
            if known:
                return answer
            wait = seconds + GRACE_SECONDS
            try:
                if self._fresh:
                    self._await_ready()
                self._conn.send_bytes(data)
                if not self._conn.poll(wait):
                    self._stop()
                    raise HostStopped(timed_out=True)
                status, value = self._conn.recv()
            except (EOFError, OSError):
                self._stop()
                raise HostStopped(timed_out=False) from None
        if status == "ok":
            with self._lock:
                if self._answers_for is not None:
                    self._answers[data] = value
            return value
        if status == "problems":
            raise ProblemsError(value)
        if status == "memory":
            raise HostStopped(timed_out=False)
        raise RuntimeError(f"template host: {value}")  # a bug in the toolkit: show it

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _stop(self) -> None:
        process, conn = self._process, self._conn
        self._process, self._conn = None, None
        if conn is not None:
            conn.close()
        if process is not None:
            process.kill()
            process.join(5)


_HOST = TemplateHost()
atexit.register(_HOST.close)


def _folder() -> str:
    try:
        return os.getcwd()
    except OSError:  # the build's folder was removed under it
        return "."


def template_host() -> TemplateHost:
    return _HOST


def run_hosted(handler: str, args: tuple[Any, ...], seconds: float,
               local: Callable[[], Any]) -> Any:
    """handler(*args) in the host; local() where no host can run it."""
    try:
        return _HOST.call(handler, args, seconds)
    except HostUnavailable:
        return local()


# --- the host's side -------------------------------------------------------------------------

def serve(conn: Connection) -> None:
    """Answer requests until the build closes its end of the pipe (or dies)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the build; the build stops us
    _no_core_files()
    for module in PRELOAD:
        importlib.import_module(module)
    conn.send(("ready", None))
    handlers: dict[str, Callable[..., Any]] = {}
    while True:
        try:
            handler, args, folder = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            os.chdir(folder)
        except OSError:
            pass
        _limit_request()
        try:
            if handler not in handlers:
                module, _, name = handler.partition(":")
                handlers[handler] = getattr(importlib.import_module(module), name)
            reply: tuple[str, Any] = ("ok", handlers[handler](*args))
        except ProblemsError as exc:
            reply = ("problems", list(exc.problems))
        except MemoryError:
            reply = ("memory", None)
        except Exception:  # a bug: the build shows it
            reply = ("bug", traceback.format_exc())
        try:
            conn.send(reply)
        except (OSError, MemoryError):
            return


def _no_core_files() -> None:
    if sys.platform == "win32":
        return
    import resource
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass


def _limit_request() -> None:
    """Memory and CPU the next request may use, on top of what the host uses now."""
    if sys.platform == "win32":  # the wall-clock deadline and the guards still hold
        return
    import resource
    usage = resource.getrusage(resource.RUSAGE_SELF)
    _set_limit(resource, resource.RLIMIT_CPU, int(usage.ru_utime + usage.ru_stime) + CPU_SECONDS)
    size = _address_space()
    if size:
        _set_limit(resource, resource.RLIMIT_AS, size + MEMORY_BYTES)


def _set_limit(resource: Any, kind: int, value: int) -> None:
    soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    try:
        resource.setrlimit(kind, (value, hard))
    except (ValueError, OSError):
        pass


def _address_space() -> int:
    """The host's virtual memory size in bytes (Linux), or 0 where it cannot be read."""
    if sys.platform == "win32":
        return 0
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")
