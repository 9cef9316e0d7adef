"""Render the images a build needs: reuse intact cache entries, render the rest in parallel."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.cache.keys import JobKeys
from toolkit.cache.store import ImageCache
from toolkit.errors import Problem, ProblemsError, RenderError
from toolkit.plan import ImageJob
from toolkit.progress import Progress
from toolkit.workers import Failure, Task, WorkerDiedError, run_tasks


@dataclass(frozen=True)
class RenderedFiles:
    """For each job, in order, the cache file holding its image; and how many were rendered."""

    files: tuple[Path, ...]
    rendered: int
    reused: int


def render_jobs(jobs: Sequence[ImageJob], cache: ImageCache, workers: int = 1,
                progress: Progress | None = None) -> RenderedFiles:
    """Every job's image in the cache, rendering only those whose key has no intact entry."""
    keys = _job_keys(jobs, cache)
    files: dict[str, Path] = {}
    tasks: dict[str, Task] = {}
    for job, key in zip(jobs, keys, strict=True):
        if key in files or key in tasks:
            continue
        hit = cache.lookup(key, job.file_type)
        if hit is not None:
            files[key] = hit
        else:
            tasks[key] = Task(job, key)
    _render(list(tasks.values()), cache, workers, progress or Progress(enabled=False))
    for key, task in tasks.items():
        files[key] = cache.image_path(key, task.job.file_type)
    return RenderedFiles(tuple(files[key] for key in keys), len(tasks), len(jobs) - len(tasks))


def _job_keys(jobs: Sequence[ImageJob], cache: ImageCache) -> list[str]:
    digests = cache.load_digests()
    keys = JobKeys(digests)
    result = [keys.key(job) for job in jobs]
    cache.save_digests(digests)
    return result


def _render(tasks: list[Task], cache: ImageCache, workers: int, progress: Progress) -> None:
    if not tasks:
        return
    progress.start(f"rendering {len(tasks)} images", len(tasks))
    try:
        failures = run_tasks(tasks, cache, workers, progress.advance)
    except WorkerDiedError as exc:
        raise RenderError(_died_message([tasks[i].job for i in exc.indices])) from None
    finally:
        progress.finish()
    fatal = next((failure for failure in failures if failure.fatal), None)
    if fatal is not None:
        raise RenderError(_labelled(tasks[fatal.index].job, fatal), fatal.location)
    if failures:
        raise ProblemsError(Problem(f.location, _labelled(tasks[f.index].job, f))
                            for f in failures)


def _labelled(job: ImageJob, failure: Failure) -> str:
    # The renderer may already name the job; say it once.
    if job.label in failure.message:
        return failure.message
    return f"{job.label}: {failure.message}"


def _died_message(jobs: list[ImageJob]) -> str:
    where = ""
    if len(jobs) == 1:
        where = f" while rendering {jobs[0].label}"
    elif jobs:
        where = " while rendering one of: " + "; ".join(job.label for job in jobs)
    return (f"a render worker process stopped abruptly{where}; "
            "nothing was written and the previous build is untouched")
