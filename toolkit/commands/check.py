"""`toolkit check`: everything `build` checks, with nothing written."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.build import prepare_campaign
from toolkit.captions.host import template_host
from toolkit.errors import Problem, ProblemsError, ToolkitError
from toolkit.graphics.fitcheck import check_graphics
from toolkit.load.workspace import load_workspace
from toolkit.site import check_pages


def run_check(root: Path, slugs: tuple[str, ...], strict: bool) -> None:
    workspace = load_workspace(root)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    chosen = workspace.select(slugs)
    template_host().start()  # it imports while the campaigns load
    prepared = []
    for slug in chosen:
        try:
            result = prepare_campaign(workspace, slug)
        except ProblemsError as exc:
            errors.extend(exc.problems)
            continue
        prepared.append(result)
        warnings.extend(result.warnings)
        found = check_graphics(result.plan.all_jobs)
        errors.extend(p for p in found if p.is_error)
        warnings.extend(p for p in found if not p.is_error)
    if not errors:  # the pages, as the build writes them: their templates run only now
        errors.extend(check_pages(workspace, prepared))
    for problem in warnings:
        click.echo(str(problem), err=True)
    if errors:
        raise ProblemsError(errors)
    if strict and warnings:
        raise ToolkitError(f"{len(warnings)} warning(s), and --strict makes warnings fail")
    noun = "campaign" if len(chosen) == 1 else "campaigns"
    click.echo(f"checked {len(chosen)} {noun}: no errors, {len(warnings)} warning(s)")
