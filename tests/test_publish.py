"""`toolkit publish` against a local bare repository (no network), and into a zip file."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from toolkit import __version__
from toolkit.cli import cli

IDENTITY = ["-c", "user.name=Organizer", "-c", "user.email=organizer@example.org"]


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *IDENTITY, *args], cwd=cwd, capture_output=True, text=True,
                            check=True)
    return result.stdout.strip()


@pytest.fixture
def repo(workspace, tmp_path: Path) -> tuple[Path, Path]:
    """A workspace committed to git, with `origin` a bare repository beside it."""
    root = workspace({".gitignore": "build/\n.toolkit-cache/\n.build.lock\n"})
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    git(root, "init", "--quiet", "--initial-branch", "main")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "campaign")
    git(root, "remote", "add", "origin", str(remote))
    return root, remote


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _state(root: Path) -> tuple[str, str, str, str]:
    """What a publish must leave alone: status, HEAD, the refs and the index."""
    return (git(root, "status", "--porcelain", "--ignored"), git(root, "rev-parse", "HEAD"),
            git(root, "for-each-ref"), git(root, "ls-files", "--stage"))


def test_publish_commits_exactly_the_build(runner: CliRunner, repo) -> None:
    root, remote = repo
    result = runner.invoke(cli, ["publish", "--git", "gh-pages", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "published build/ to branch gh-pages of origin (commit " in result.stdout
    published = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert published == sorted([*_files(root / "build"), ".nojekyll"])
    first = git(remote, "rev-parse", "gh-pages")
    assert git(root, "rev-parse", "gh-pages") == first  # the local branch follows
    assert git(root, "rev-parse", "--abbrev-ref", "HEAD") == "main"
    for path in ("demo/index.html", "demo/manifest.json"):
        shown = subprocess.run(["git", "show", f"gh-pages:{path}"], cwd=remote,
                               capture_output=True, check=True).stdout
        assert shown == (root / "build" / path).read_bytes()

    again = runner.invoke(cli, ["publish", "--git", "gh-pages", "--jobs", "1"])
    assert again.exit_code == 0, again.output
    assert "already holds this build" in again.stdout
    assert git(remote, "rev-parse", "gh-pages") == first
    assert git(remote, "rev-list", "--count", "gh-pages") == "1"


def test_a_new_build_is_a_new_commit_on_top(runner: CliRunner, repo) -> None:
    root, remote = repo
    assert runner.invoke(cli, ["publish", "--git", "gh-pages", "-j", "1"]).exit_code == 0
    campaign = root / "campaigns/demo/campaign.yaml"
    campaign.write_text(campaign.read_text().replace("Demo campaign", "Budget campaign"))
    result = runner.invoke(cli, ["publish", "--git", "gh-pages", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert git(remote, "rev-list", "--count", "gh-pages") == "2"
    page = git(remote, "show", "gh-pages:demo/index.html")
    assert "Budget campaign" in page


def test_a_failed_push_leaves_the_workspace_untouched(runner: CliRunner, repo) -> None:
    root, remote = repo
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'pages are frozen until Monday' >&2\nexit 1\n")
    hook.chmod(0o755)
    runner.invoke(cli, ["build", "-j", "1"])
    before = _state(root)
    result = runner.invoke(cli, ["publish", "--git", "gh-pages", "-j", "1"])
    assert result.exit_code == 1
    assert ("error: pushing to origin failed, so nothing was published and the workspace is as "
            "it was; git says: ") in result.stderr
    assert "pages are frozen until Monday" in result.stderr
    assert _state(root) == before
    assert "gh-pages" not in git(root, "branch", "--list")
    assert "Traceback" not in result.output


def test_publish_needs_a_repository_and_a_remote(runner: CliRunner, workspace) -> None:
    root = workspace()
    result = runner.invoke(cli, ["publish", "--zip", "site.zip", "--no-build"])
    assert result.exit_code == 2
    assert "nothing to publish: build does not exist" in result.stderr
    result = runner.invoke(cli, ["publish", "--git", "gh-pages"])
    assert result.exit_code == 1
    assert "is not in a git repository; `git init`" in result.stderr
    git(root, "init", "--quiet", "--initial-branch", "main")
    result = runner.invoke(cli, ["publish", "--git", "gh-pages"])
    assert result.exit_code == 1
    assert not (root / "build").exists()  # refused before building
    assert result.stderr == ("error: no git remote 'origin'; add it with `git remote add origin "
                             "URL`, or name another with --remote\n")
    result = runner.invoke(cli, ["publish", "--git", "main"])
    assert result.stderr.startswith("error: 'main' is the branch checked out here")


def test_publish_warns_without_site_url(runner: CliRunner, repo) -> None:
    root, _ = repo
    result = runner.invoke(cli, ["publish", "--git", "gh-pages", "-j", "1"])
    assert "warning: campaign 'demo' has no site_url" in result.stderr
    (root / "toolkit.yaml").write_text("site_url: https://our-group.github.io/toolkit/\n")
    result = runner.invoke(cli, ["publish", "--git", "gh-pages", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "site_url" not in result.stderr


def test_publish_warns_about_the_placeholder_site_url(runner: CliRunner, workspace,
                                                      tmp_path: Path) -> None:
    """`toolkit new` writes site_url: https://example.org/toolkit/; publishing it is a mistake.

    The campaign's site_url wins over toolkit.yaml's, so it is named even when that one is set.
    """
    root = workspace(base=False)
    assert runner.invoke(cli, ["new", "demo"]).exit_code == 0
    (root / "toolkit.yaml").write_text("site_url: https://our-group.github.io/toolkit/\n")
    result = runner.invoke(cli, ["publish", "--zip", str(tmp_path / "site.zip"), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert ("warning: campaign 'demo' has the placeholder site_url https://example.org/toolkit/ "
            "(in campaigns/demo/campaign.yaml)") in result.stderr
    campaign = root / "campaigns/demo/campaign.yaml"
    campaign.write_text(campaign.read_text().replace("site_url: https://example.org/toolkit/\n",
                                                     ""))
    result = runner.invoke(cli, ["publish", "--zip", str(tmp_path / "site.zip"), "--no-build"])
    assert result.exit_code == 0, result.output
    assert "site_url" not in result.stderr


def test_publish_zip(runner: CliRunner, workspace, tmp_path: Path) -> None:
    root = workspace()
    target = tmp_path / "site.zip"
    result = runner.invoke(cli, ["publish", "--zip", str(target), "-j", "1"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == _files(root / "build")
    first = target.read_bytes()
    assert runner.invoke(cli, ["publish", "--zip", str(target), "--no-build"]).exit_code == 0
    assert target.read_bytes() == first
    inside = runner.invoke(cli, ["publish", "--zip", "build/site.zip", "--no-build"])
    assert inside.exit_code == 2


def test_publish_needs_a_destination(runner: CliRunner, workspace) -> None:
    workspace()
    result = runner.invoke(cli, ["publish"])
    assert result.exit_code == 2
    assert "--git BRANCH (such as gh-pages) or --zip FILE" in result.stderr


def test_new_writes_a_pages_workflow_once(runner: CliRunner, workspace) -> None:
    root = workspace(base=False)
    result = runner.invoke(cli, ["new", "demo"])
    assert result.exit_code == 0, result.output
    assert "created .github/workflows/toolkit-pages.yml" in result.stdout
    workflow_file = root / ".github/workflows/toolkit-pages.yml"
    text = workflow_file.read_text()
    assert text.startswith("# Build the campaign toolkit and publish it on GitHub Pages")
    workflow = yaml.safe_load(text)
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "toolkit check" in runs and "toolkit build --jobs 2" in runs
    assert f'pip install "campaign-toolkit=={__version__}"' in runs
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "build"
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")
    assert "build/" in (root / ".gitignore").read_text().splitlines()
    workflow_file.write_text("# mine\n")
    assert runner.invoke(cli, ["new", "second"]).exit_code == 0
    assert workflow_file.read_text() == "# mine\n"
