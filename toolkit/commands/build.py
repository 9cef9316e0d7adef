"""`toolkit build`: build campaigns into the output folder, whole or not at all."""

from __future__ import annotations

import time
from pathlib import Path

import click

from toolkit.build import BuildSummary, build_workspace
from toolkit.errors import display_path
from toolkit.load.workspace import load_workspace
from toolkit.progress import Progress


def run_build(root: Path, slugs: tuple[str, ...], out: Path | None, jobs: int,
              langs: tuple[str, ...]) -> None:
    started = time.monotonic()
    workspace = load_workspace(root)
    target = workspace.out_folder(out) if out else workspace.output_dir
    summary = build_workspace(workspace, slugs, target, langs, jobs, Progress())
    for warning in summary.warnings:
        click.echo(str(warning), err=True)
    click.echo(summary_line(summary, target, time.monotonic() - started))


def summary_line(summary: BuildSummary, target: Path, seconds: float) -> str:
    """`built 1 campaign(s) into build: 126 images (12 rendered, 114 reused), ... in 1.4s`."""
    return (f"built {len(summary.campaigns)} campaign(s) into {display_path(target)}: "
            f"{summary.images} images ({summary.rendered} rendered, {summary.reused} reused), "
            f"{summary.pages} pages, {summary.kits} kits in {seconds:.1f}s")
