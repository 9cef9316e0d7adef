"""Run render tasks in worker processes (or in this one): images go to the cache, outcomes back.

Workers start with `fork` on Linux (cheapest: everything is imported already) and with `spawn`
elsewhere (Windows, macOS, or `TOOLKIT_START_METHOD=spawn`); both give the same bytes.
A worker ends itself as soon as its build process is gone, so a killed build leaves no workers.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from types import FrameType
from typing import Any

from toolkit.errors import Problem, ProblemsError, ToolkitError
from toolkit.graphics import image as graphics
from toolkit.plan import ImageJob
from toolkit.render.cache import ImageCache
from toolkit.render.previews import PreviewCache

IDLE = -1
MAX_CHUNK = 4
START_METHOD_VARIABLE = "TOOLKIT_START_METHOD"
PARENT_POLL_SECONDS = 0.2


@dataclass(frozen=True)
class Task:
    """One image to render and the cache key to store it under."""

    job: ImageJob
    key: str


@dataclass(frozen=True)
class Failure:
    """Why a task failed; a fatal one stops the build, the others are reported together."""

    index: int
    problems: tuple[Problem, ...]
    fatal: bool = False

    @classmethod
    def of(cls, index: int, exc: ToolkitError, fatal: bool = False) -> Failure:
        if isinstance(exc, ProblemsError):
            return cls(index, tuple(exc.problems), fatal)
        return cls(index, (Problem(exc.location, exc.message),), fatal)


class WorkerDiedError(Exception):
    """A worker process ended abruptly; `indices` are the tasks it was rendering."""

    def __init__(self, indices: list[int]) -> None:
        super().__init__(f"a worker process ended abruptly (tasks {indices})")
        self.indices = indices


@dataclass
class _State:
    """What a process renders: set in each worker by its initializer, or here for one job."""

    tasks: Sequence[Task] = ()
    cache: ImageCache | None = None
    busy: Any = None
    slot: int = -1


_state = _State()


def run_tasks(tasks: Sequence[Task], cache: ImageCache, workers: int,
              on_done: Callable[[int], None]) -> list[Failure]:
    """Render every task, stopping at the first fatal failure; returns the failures."""
    if workers <= 1 or len(tasks) <= 1:
        return _run_here(tasks, cache, on_done)
    return _run_pool(tasks, cache, min(workers, len(tasks)), on_done)


def _run_here(tasks: Sequence[Task], cache: ImageCache,
              on_done: Callable[[int], None]) -> list[Failure]:
    global _state
    _state = _State(tasks, cache)
    failures: list[Failure] = []
    try:
        for index in range(len(tasks)):
            failure = _render(index)
            on_done(1)
            if failure is not None:
                failures.append(failure)
                if failure.fatal:
                    break
    finally:
        _state = _State()
    return failures


def _run_pool(tasks: Sequence[Task], cache: ImageCache, workers: int,
              on_done: Callable[[int], None]) -> list[Failure]:
    context = _context()
    busy = context.Array("q", [IDLE] * workers, lock=False)
    slots = context.Value("i", 0)
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                   initargs=(tasks, cache, busy, slots))
    failures: list[Failure] = []
    try:
        pending = {executor.submit(_render_chunk, chunk) for chunk in _chunks(len(tasks), workers)}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                count, found = future.result()
                on_done(count)
                failures.extend(found)
            if any(failure.fatal for failure in failures):
                break
    except BrokenProcessPool:
        executor.shutdown(wait=True)
        raise WorkerDiedError([index for index in busy if index != IDLE]) from None
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return failures


def _context() -> BaseContext:
    chosen = os.environ.get(START_METHOD_VARIABLE, "")
    if chosen in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context(chosen)
    # fork starts workers with everything already imported, the cheapest start on Linux; macOS
    # system libraries are not safe to fork, and Windows cannot.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _chunks(count: int, workers: int) -> list[range]:
    size = max(1, min(MAX_CHUNK, count // (workers * 4)))
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def _start_worker(tasks: Sequence[Task], cache: ImageCache, busy: Any, slots: Any) -> None:
    global _state
    # The parent decides what Ctrl-C stops; it shuts the pool down itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    _die_with_parent()
    with slots.get_lock():
        slot = slots.value
        slots.value += 1
    _state = _State(tasks, cache, busy, slot)


def _die_with_parent() -> None:
    """End this worker when the build process ends, however it ends (even by kill -9)."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:  # the kernel's own notice, at once; the watcher below covers the rest
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
        if os.getppid() != parent:  # the parent died before the notice was set
            os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    if sys.platform == "win32":
        kernel32 = ctypes.WinDLL("kernel32")
        handle = kernel32.OpenProcess(0x00100000, False, parent)  # SYNCHRONIZE
        if handle:
            kernel32.WaitForSingleObject(handle, 0xFFFFFFFF)
        os._exit(1)
    while os.getppid() == parent:  # an orphan is handed to another parent
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _stop_worker(signum: int, frame: FrameType | None) -> None:
    # A worker stopped by the pool clears its slot, so the one that died abruptly is the one
    # whose slot still names a task.
    if _state.busy is not None:
        _state.busy[_state.slot] = IDLE
    os._exit(128 + signum)


def _render_chunk(chunk: range) -> tuple[int, list[Failure]]:
    failures = []
    for count, index in enumerate(chunk, start=1):
        failure = _render(index)
        if failure is not None:
            failures.append(failure)
            if failure.fatal:
                return count, failures
    return len(chunk), failures


def _render(index: int) -> Failure | None:
    task, cache = _state.tasks[index], _state.cache
    assert cache is not None
    _mark(index)
    try:
        try:
            image, pixels = graphics.render_with_pixels(task.job)
        except ToolkitError as exc:
            return Failure.of(index, exc)
        except Exception:
            message = "the renderer failed unexpectedly:\n" + traceback.format_exc()
            return Failure(index, (Problem(None, message),), fatal=True)
        try:
            cache.store(task.key, task.job.file_type, image)
            # The page's previews, from the pixels at hand rather than the file decoded later.
            PreviewCache(cache.root).store(task.key, pixels)
        except ToolkitError as exc:
            return Failure.of(index, exc, fatal=True)
        return None
    finally:
        _mark(IDLE)


def _mark(index: int) -> None:
    if _state.busy is not None:
        _state.busy[_state.slot] = index
