"""`toolkit new SLUG`: a working campaign skeleton to edit."""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

import click

from toolkit.errors import ToolkitError, UsageError, display_path

SKELETON = Path(__file__).resolve().parent.parent / "data" / "skeleton"
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
