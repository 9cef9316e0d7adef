"""Render the images a build needs: reuse intact cache entries, render the rest in parallel."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import Problem, ProblemsError, RenderError
from toolkit.plan import ImageJob
from toolkit.progress import Progress
from toolkit.render.cache import ImageCache
from toolkit.render.keys import JobKeys
from toolkit.render.pool import Task, WorkerDiedError, run_tasks

# Modules that memoize by file path: the graphics, and the loaders of photos and fonts.
MEMO_MODULES = ("toolkit.graphics.", "toolkit.load.images", "toolkit.load.fontfiles")
LRU_CACHE = type(functools.lru_cache(maxsize=None)(lambda: None))


@dataclass(frozen=True)
class RenderedFiles:
    """For each job, in order, the cache file holding its image and whether it was drawn now
    (a job whose image another job drew counts as reused); and how many were rendered."""

    files: tuple[Path, ...]
    rendered: int
    reused: int
    fresh: tuple[bool, ...] = ()


def render_jobs(jobs: Sequence[ImageJob], cache: ImageCache, workers: int = 1,
                progress: Progress | None = None,
                draw: Callable[[ImageJob], bool] | None = None) -> RenderedFiles:
    """Every job's image in the cache, rendering only those whose key has no intact entry.
    With `draw`, only the jobs it chooses are rendered: the others' files may be missing."""
    keys = _job_keys(jobs, cache)
    files: dict[str, Path] = {}
    tasks: dict[str, Task] = {}
    for job, key in zip(jobs, keys, strict=True):
        if key in files or key in tasks:
            continue
        hit = cache.lookup(key, job.file_type)
        if hit is not None:
            files[key] = hit
        elif draw is None or draw(job):
            tasks[key] = Task(job, key)
        else:
            files[key] = cache.image_path(key, job.file_type)
    # Largest images first, so no worker is left with a big one while the others idle.
    ordered = sorted(tasks.values(), key=lambda task: -_pixels(task.job))
    _render(ordered, cache, workers, progress or Progress(enabled=False))
    for key, task in tasks.items():
        files[key] = cache.image_path(key, task.job.file_type)
    drawn = set(tasks)
    fresh = []
    for key in keys:
        fresh.append(key in drawn)
        drawn.discard(key)
    return RenderedFiles(tuple(files[key] for key in keys), len(tasks), len(jobs) - len(tasks),
                         tuple(fresh))


def _pixels(job: ImageJob) -> int:
    return job.format.width * job.format.height


def _job_keys(jobs: Sequence[ImageJob], cache: ImageCache) -> list[str]:
    digests = cache.load_digests()
    keys = JobKeys(digests)
    result = [keys.key(job) for job in jobs]
    cache.save_digests(digests)
    return result


def forget_renderer_memos() -> None:
    """Clear what the graphics code memoized by file path (fonts, logos, photos).

    A long-running process (`toolkit serve`) renders again after those files changed; workers
    are forked from this process, so they start from what it remembers.
    """
    for name, module in list(sys.modules.items()):
        if name.startswith(MEMO_MODULES) and module is not None:
            for value in list(vars(module).values()):
                if isinstance(value, LRU_CACHE):
                    value.cache_clear()


def _render(tasks: list[Task], cache: ImageCache, workers: int, progress: Progress) -> None:
    if not tasks:
        return
    forget_renderer_memos()
    progress.start(f"rendering {len(tasks)} images", len(tasks))
    try:
        failures = run_tasks(tasks, cache, workers, progress.advance)
    except WorkerDiedError as exc:
        raise RenderError(_died_message([tasks[i].job for i in exc.indices])) from None
    finally:
        progress.finish()
    fatal = next((failure for failure in failures if failure.fatal), None)
    if fatal is not None:
        problem = _labelled(tasks[fatal.index].job, fatal.problems[0])
        raise RenderError(problem.message, problem.location)
    if failures:
        found = {_labelled(tasks[f.index].job, p): None for f in failures for p in f.problems}
        raise ProblemsError(found)


def _labelled(job: ImageJob, problem: Problem) -> Problem:
    # The layout engine names the post in some messages; say it once.
    if f"post '{job.post_id}'" in problem.message:
        return problem
    return Problem(problem.location, f"{job.label}: {problem.message}", problem.severity)


def _died_message(jobs: list[ImageJob]) -> str:
    where = ""
    if len(jobs) == 1:
        where = f" while rendering {jobs[0].label}"
    elif jobs:
        where = " while rendering one of: " + "; ".join(job.label for job in jobs)
    return (f"a render worker process stopped abruptly{where}; "
            "nothing was written and the previous build is untouched")
