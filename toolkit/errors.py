"""Errors a user can cause, each located as `path:line:col` and printed without a traceback."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click


def display_path(path: Path | str) -> str:
    """A path as the user should read it: relative to the current folder when inside it."""
    text = os.fspath(path)
    try:
        relative = os.path.relpath(text)
    except ValueError:
        return text
    return text if relative.startswith("..") else relative


@dataclass(frozen=True)
class Location:
    """A place in a source file; line and column count from 1."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        # A problem of the whole file is shown at its start: every message an editor or CI
        # can jump to has the same path:line:column shape.
        return f"{self.path}:{max(self.line, 1)}:{max(self.column, 1)}"

    @classmethod
    def of_file(cls, path: Path | str) -> Location:
        return cls(display_path(path), 0, 0)


@dataclass(frozen=True)
class Problem:
    """One error or warning with where it was found."""

    location: Location | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = f"{self.location}: " if self.location else ""
        return f"{prefix}{self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ToolkitError(click.ClickException):
    """Root of every error a user's input can cause; exits 1 without a traceback."""

    exit_code = 1

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.location = location

    def format_message(self) -> str:
        return str(Problem(self.location, self.message))

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.format_message(), err=True, file=file)


class ProblemsError(ToolkitError):
    """Several problems reported at once, as a file's validation finds them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=_problem_order)
        super().__init__("\n".join(str(p) for p in self.problems))

    def format_message(self) -> str:
        return self.message


class UsageError(ToolkitError):
    """The command line itself is wrong."""

    exit_code = 2


class RenderError(ToolkitError):
    """A job failed while rendering; the message names the post, format and language."""


def _problem_order(problem: Problem) -> tuple[str, int, int]:
    loc = problem.location
    if loc is None:
        return ("", 0, 0)
    return (loc.path, loc.line, loc.column)


class Problems:
    """Collects problems while a stage runs, so every one of them is reported at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, location: Location | None, message: str) -> None:
        self.items.append(Problem(location, message, "error"))

    def warn(self, location: Location | None, message: str) -> None:
        self.items.append(Problem(location, message, "warning"))

    def extend(self, other: Iterable[Problem]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def raise_errors(self) -> None:
        if self.errors:
            raise ProblemsError(self.errors)
