"""`toolkit new SLUG`: a working campaign skeleton to edit."""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

import click

from toolkit import __version__
from toolkit.errors import ToolkitError, UsageError, display_path

DATA = Path(__file__).resolve().parent.parent / "data"
SKELETON = DATA / "skeleton"
# Workspace files written once, beside campaigns/, when they are not there yet.
WORKSPACE_FILES = {".github/workflows/toolkit-pages.yml": "toolkit-pages.yml",
                   ".gitignore": "gitignore"}
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def run_new(root: Path, slug: str) -> None:
    if not SLUG.fullmatch(slug):
        raise UsageError(f"'{slug}' is not a valid campaign name: "
                         "use lowercase letters, digits and dashes")
    folder = root / "campaigns" / slug
    if folder.exists():
        raise ToolkitError(f"{display_path(folder)} already exists")
    folder.mkdir(parents=True)
    title = slug.replace("-", " ").capitalize()
    for source in sorted(SKELETON.iterdir()):
        text = Template(source.read_text(encoding="utf-8")).substitute(slug=slug, title=title)
        (folder / source.name).write_text(text, encoding="utf-8")
    click.echo(f"created {display_path(folder / 'campaign.yaml')}; "
               "edit it, then run `toolkit check` and `toolkit build`")
    _workspace_files(root)


def _workspace_files(root: Path) -> None:
    """A .gitignore for build output, and a GitHub Actions workflow that publishes the site."""
    for relative, name in WORKSPACE_FILES.items():
        target = root / relative
        if target.exists():
            continue
        text = (DATA / "workspace" / name).read_text(encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.replace("$version", __version__), encoding="utf-8")
        if name.endswith(".yml"):
            click.echo(f"created {display_path(target)}: it publishes the site on GitHub Pages "
                       "at every push (see its comments)")
