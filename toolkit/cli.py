"""The `toolkit` command line: a click group whose commands each call one function."""

from __future__ import annotations

import os
from pathlib import Path

import click

from toolkit import __version__


def _jobs_default() -> int:
    return os.cpu_count() or 1


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="toolkit")
def cli() -> None:
    """Turn YAML campaigns into a complete social media toolkit."""


@cli.command()
@click.argument("slug")
def new(slug: str) -> None:
    """Create campaigns/SLUG with a working campaign to edit."""
    from toolkit.commands.new import run_new

    run_new(Path.cwd(), slug)


@cli.command()
@click.argument("slugs", nargs=-1)
@click.option("--out", type=click.Path(path_type=Path), help="Output folder.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=_jobs_default,
              show_default="CPU count", help="Worker processes for rendering.")
@click.option("--lang", "langs", multiple=True, help="Only these languages (repeatable).")
def build(slugs: tuple[str, ...], out: Path | None, jobs: int, langs: tuple[str, ...]) -> None:
    """Build all campaigns, or those named."""
    from toolkit.commands.build import run_build

    run_build(Path.cwd(), slugs, out, jobs, langs)


@cli.command()
@click.argument("slugs", nargs=-1)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(slugs: tuple[str, ...], strict: bool) -> None:
    """Validate campaigns without writing anything."""
    from toolkit.commands.check import run_check

    run_check(Path.cwd(), slugs, strict)


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=_jobs_default)
def serve(port: int, jobs: int) -> None:
    """Build, serve build/ on 127.0.0.1 and rebuild on change."""
    from toolkit.commands.serve import run_serve

    run_serve(Path.cwd(), port, jobs)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of campaign.yaml."""
    from toolkit.commands.schema import run_schema

    run_schema()


@cli.command()
@click.option("--git", "branch", metavar="BRANCH",
              help="Commit the build to this branch and push it (such as gh-pages).")
@click.option("--remote", default="origin", show_default=True,
              help="The git remote (or URL) to push the branch to.")
@click.option("--zip", "zip_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the build into this zip file, for hosts that take an upload.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=_jobs_default,
              show_default="CPU count", help="Worker processes for rendering.")
@click.option("--no-build", is_flag=True, help="Publish the last build as it is.")
def publish(branch: str | None, remote: str, zip_file: Path | None, jobs: int,
            no_build: bool) -> None:
    """Build, then publish build/ to a git branch or a zip file."""
    from toolkit.commands.publish import run_publish

    run_publish(Path.cwd(), branch, remote, zip_file, jobs, not no_build)


@cli.group()
def translate() -> None:
    """Translation files (PO or CSV) for translators who never see YAML."""


@translate.command("export")
@click.argument("slugs", nargs=-1)
@click.option("--lang", "langs", multiple=True,
              help="Language to translate into (repeatable); default: every campaign language "
                   "but the first.")
@click.option("--format", "fmt", type=click.Choice(["po", "csv"]), default="po",
              show_default=True, help="gettext PO (Poedit, Weblate, Crowdin) or CSV "
                                      "(spreadsheets).")
@click.option("--force", is_flag=True, help="Replace an existing translation file.")
def translate_export(slugs: tuple[str, ...], langs: tuple[str, ...], fmt: str,
                     force: bool) -> None:
    """Write campaigns/SLUG/locale/LANG.po with every text to translate."""
    from toolkit.commands.translate import run_export

    run_export(Path.cwd(), slugs, langs, fmt, force)


@translate.command("update")
@click.argument("slugs", nargs=-1)
@click.option("--lang", "langs", multiple=True, help="Only these languages (repeatable).")
def translate_update(slugs: tuple[str, ...], langs: tuple[str, ...]) -> None:
    """Merge new and changed texts into the existing translation files."""
    from toolkit.commands.translate import run_update

    run_update(Path.cwd(), slugs, langs)


def main() -> None:
    cli(prog_name="toolkit")
