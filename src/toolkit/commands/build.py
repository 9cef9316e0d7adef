"""`toolkit build`: build campaigns into the output folder, whole or not at all."""

from __future__ import annotations

import time
from pathlib import Path

import click

from toolkit.build import build_workspace
from toolkit.errors import display_path
from toolkit.workspace import load_workspace


def run_build(root: Path, slugs: tuple[str, ...], out: Path | None, jobs: int,
              langs: tuple[str, ...]) -> None:
    started = time.monotonic()
    workspace = load_workspace(root)
    target = out.resolve() if out else workspace.output_dir
    summary = build_workspace(workspace, slugs, target, langs)
    seconds = time.monotonic() - started
    click.echo(f"built {len(summary.campaigns)} campaign(s) into {display_path(target)}: "
               f"{summary.rendered} images rendered, {summary.reused} reused from cache, "
               f"{summary.pages} pages, {summary.kits} kits in {seconds:.1f}s")
