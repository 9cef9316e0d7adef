"""`toolkit check`: everything `build` checks, with nothing written."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.build import prepare_campaign
from toolkit.errors import Problem, ProblemsError, ToolkitError
from toolkit.graphics.fitcheck import check_graphics
from toolkit.load.workspace import load_workspace


def run_check(root: Path, slugs: tuple[str, ...], strict: bool) -> None:
    workspace = load_workspace(root)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    chosen = workspace.select(slugs)
    for slug in chosen:
        try:
            result = prepare_campaign(workspace, slug)
        except ProblemsError as exc:
            errors.extend(exc.problems)
            continue
        warnings.extend(result.warnings)
        found = check_graphics(result.plan.jobs)
        errors.extend(p for p in found if p.is_error)
        warnings.extend(p for p in found if not p.is_error)
    for problem in warnings:
        click.echo(str(problem), err=True)
    if errors:
        raise ProblemsError(errors)
    if strict and warnings:
        raise ToolkitError(f"{len(warnings)} warning(s), and --strict makes warnings fail")
    noun = "campaign" if len(chosen) == 1 else "campaigns"
    click.echo(f"checked {len(chosen)} {noun}: no errors, {len(warnings)} warning(s)")
