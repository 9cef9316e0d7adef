"""`toolkit publish`: build, then put build/ on a git branch (GitHub Pages style) or in a zip."""

from __future__ import annotations

import time
from pathlib import Path

import click

from toolkit.build import build_workspace
from toolkit.commands.build import summary_line
from toolkit.errors import UsageError, display_path
from toolkit.load.workspace import CAMPAIGN_NAME, Workspace, load_workspace
from toolkit.load.yamlsource import load_yaml
from toolkit.output.publish import (
    check_destination,
    commit_message,
    publish_to_branch,
    repository_of,
    write_site_zip,
)
from toolkit.progress import Progress


def run_publish(root: Path, branch: str | None, remote: str, zip_file: Path | None,
                jobs: int, build: bool) -> None:
    if branch is None and zip_file is None:
        raise UsageError("say where to publish: --git BRANCH (such as gh-pages) or --zip FILE")
    workspace = load_workspace(root)
    folder = workspace.output_dir
    if zip_file is not None and zip_file.resolve().is_relative_to(folder):
        raise UsageError(f"the zip file cannot go inside {display_path(folder)}, which it "
                         "holds; name a file outside it")
    git = repository_of(workspace.root) if branch is not None else None
    if git is not None and branch is not None:
        check_destination(git, branch, remote)
    if build:
        started = time.monotonic()
        summary = build_workspace(workspace, (), folder, jobs=jobs, progress=Progress())
        click.echo(summary_line(summary, folder, time.monotonic() - started))
    elif not folder.is_dir():
        raise UsageError(f"nothing to publish: {display_path(folder)} does not exist; "
                         "run `toolkit build` first, or publish without --no-build")
    for slug in _without_site_url(workspace):
        click.echo(f"warning: campaign '{slug}' has no site_url (in toolkit.yaml or its "
                   "campaign.yaml): its published page's link previews and canonical address "
                   "need the address it is published at", err=True)
    if zip_file is not None:
        count = write_site_zip(folder, zip_file)
        click.echo(f"wrote {display_path(zip_file)}: {count} files of {display_path(folder)}/")
    if git is not None and branch is not None:
        done = publish_to_branch(git, folder, branch, remote, commit_message(git))
        if done.created:
            click.echo(f"published {display_path(folder)}/ to branch {branch} of {remote} "
                       f"(commit {done.commit[:7]})")
        else:
            click.echo(f"branch {branch} of {remote} already holds this build "
                       f"(commit {done.commit[:7]}); no new commit")


def _without_site_url(workspace: Workspace) -> list[str]:
    """Campaigns whose page does not know its public address (site_url, or the older base_url)."""
    config = workspace.config
    if getattr(config, "site_url", None) or config.base_url:
        return []
    missing = []
    for slug in workspace.campaign_slugs():
        data, _ = load_yaml(workspace.campaigns_dir / slug / CAMPAIGN_NAME)
        if not (isinstance(data, dict) and data.get("site_url")):
            missing.append(slug)
    return missing
