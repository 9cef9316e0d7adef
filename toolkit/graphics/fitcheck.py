"""Dry layout fit for `toolkit check`: text that cannot fit, uncovered characters, contrast."""

from __future__ import annotations

from toolkit.errors import Problem, ProblemsError
from toolkit.graphics.draw import compose
from toolkit.plan import ImageJob


def check_graphics(jobs: tuple[ImageJob, ...]) -> list[Problem]:
    """Compose every job without encoding; its errors and warnings, each reported once."""
    found: dict[Problem, None] = {}
    for job in jobs:
        try:
            problems = compose(job).problems
        except ProblemsError as exc:  # the layout body itself is invalid
            problems = tuple(exc.problems)
        for problem in problems:
            found.setdefault(problem)
    return list(found)
