"""`toolkit publish`: build, then put build/ on a git branch (GitHub Pages style) or in a zip."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

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
    for warning in site_url_warnings(workspace):
        click.echo(f"warning: {warning}", err=True)
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


PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net", "localhost")
PLACEHOLDER_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".example.org",
                        ".example.com", ".example.net")


def site_url_warnings(workspace: Workspace) -> list[str]:
    """Campaigns whose published page does not know its public address.

    A campaign's own site_url wins over toolkit.yaml's (then the older base_url), so a campaign
    still holding the placeholder `toolkit new` writes is named even when toolkit.yaml is right.
    """
    config = workspace.config
    warnings = []
    for slug in workspace.campaign_slugs():
        data, _ = load_yaml(workspace.campaigns_dir / slug / CAMPAIGN_NAME)
        own = data.get("site_url") if isinstance(data, dict) else None
        url = own or config.site_url or config.base_url
        if not url:
            warnings.append(f"campaign '{slug}' has no site_url (in toolkit.yaml or its "
                            "campaign.yaml): its published page's link previews and canonical "
                            "address need the address it is published at")
        elif is_placeholder(str(url)):
            where = f"campaigns/{slug}/{CAMPAIGN_NAME}" if own else "toolkit.yaml"
            warnings.append(f"campaign '{slug}' has the placeholder site_url {url} (in {where}): "
                            "link previews of the published page will point there; set it to "
                            "the address the site is published at, such as "
                            "https://your-org.github.io/your-repository/")
    return warnings


def is_placeholder(url: str) -> bool:
    """An address on a host reserved for examples (RFC 2606), never a published site."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host in PLACEHOLDER_HOSTS or host.endswith(PLACEHOLDER_SUFFIXES)
