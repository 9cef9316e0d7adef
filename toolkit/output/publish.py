"""Put a built site where hosts take it: a commit on a git branch (pushed), or a zip file.

The git route works like `mkdocs gh-deploy` (ghp-import): the build becomes a tree through a
temporary index, a commit on top of the branch's last one, and a push; the working tree, the
index, HEAD and every ref stay as they were until the push has succeeded, so a failed push
leaves the workspace untouched. Credentials are git's business (its credential helper, SSH).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from toolkit import __version__
from toolkit.errors import ToolkitError, display_path

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# GitHub Pages runs Jekyll unless this file is present, and Jekyll drops files starting with _.
NO_JEKYLL = ".nojekyll"
FALLBACK_IDENTITY = {"GIT_AUTHOR_NAME": "Campaign Toolkit",
                     "GIT_AUTHOR_EMAIL": "toolkit@localhost",
                     "GIT_COMMITTER_NAME": "Campaign Toolkit",
                     "GIT_COMMITTER_EMAIL": "toolkit@localhost"}


class PublishError(ToolkitError):
    """Publishing failed; nothing in the workspace was changed."""


@dataclass(frozen=True)
class Published:
    """What a git publish did: the commit the branch holds, and whether it is new."""

    commit: str
    created: bool


def write_site_zip(folder: Path, target: Path) -> int:
    """Zip every file of folder (sorted, fixed timestamps: the same build, the same bytes)."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    partial = target.with_name(f".{target.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), ZIP_EPOCH)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise PublishError(f"cannot write {display_path(target)}: {exc.strerror}") from None
    return len(files)


class Git:
    """The `git` command in one repository, with errors that say what git said."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def run(self, *args: str, env: dict[str, str] | None = None, input: bytes | None = None,
            check: bool = True, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
        try:
            result = subprocess.run(["git", *args], cwd=cwd or self.root, capture_output=True,
                                    env={**os.environ, **(env or {})}, input=input, check=False)
        except FileNotFoundError:
            raise PublishError("publishing to a branch needs the `git` command; install git "
                               "(https://git-scm.com)") from None
        if check and result.returncode != 0:
            raise PublishError(f"git {args[0]} failed: {_said(result)}")
        return result

    def out(self, *args: str, env: dict[str, str] | None = None) -> str:
        return self.run(*args, env=env).stdout.decode().strip()


def _said(result: subprocess.CompletedProcess[bytes]) -> str:
    text = (result.stderr or result.stdout).decode(errors="replace").strip()
    lines = [line.strip().removeprefix("fatal: ").removeprefix("error: ")
             for line in text.splitlines() if line.strip() and not line.startswith("hint:")]
    return "; ".join(lines) or f"exit status {result.returncode}"


def repository_of(folder: Path) -> Git:
    """The git repository the workspace is in, or a PublishError saying how to make one."""
    git = Git(folder)
    found = git.run("rev-parse", "--show-toplevel", check=False)
    if found.returncode != 0:
        raise PublishError(f"{display_path(folder) or '.'} is not in a git repository; "
                           "`git init`, commit the workspace and add the remote to publish to "
                           "(`git remote add origin URL`), or publish with --zip")
    return Git(Path(found.stdout.decode().strip()))


def check_destination(git: Git, branch: str, remote: str) -> None:
    """Refuse a branch or remote that cannot work, before anything is built."""
    _check_branch(git, branch)
    _check_remote(git, remote)


def publish_to_branch(git: Git, folder: Path, branch: str, remote: str, message: str
                      ) -> Published:
    """Commit folder as the whole tree of branch, on top of its last commit, and push it."""
    check_destination(git, branch, remote)
    parent = _remote_head(git, remote, branch) or _local_head(git, branch)
    tree = _tree_of(git, folder)
    if parent and git.out("rev-parse", f"{parent}^{{tree}}") == tree:
        commit, created = parent, False
    else:
        commit, created = _commit(git, tree, parent, message), True
    pushed = git.run("push", remote, f"{commit}:refs/heads/{branch}",
                     check=False)
    if pushed.returncode != 0:
        raise PublishError(f"pushing to {remote} failed, so nothing was published and the "
                           f"workspace is as it was; git says: {_said(pushed)}")
    git.run("update-ref", f"refs/heads/{branch}", commit)
    return Published(commit, created)


def _check_branch(git: Git, branch: str) -> None:
    if git.run("check-ref-format", "--branch", branch, check=False).returncode != 0:
        raise PublishError(f"'{branch}' is not a valid branch name")
    current = git.run("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    if current.stdout.decode().strip() == branch:
        raise PublishError(f"'{branch}' is the branch checked out here, with your campaign "
                           "files; publish to a branch of its own, such as gh-pages")


def _check_remote(git: Git, remote: str) -> None:
    if git.run("remote", "get-url", remote, check=False).returncode == 0:
        return
    if "/" in remote or ":" in remote:
        return  # a URL or a path: git pushes there directly
    known = git.out("remote").split()
    listed = f" (remotes: {', '.join(known)})" if known else ""
    raise PublishError(f"no git remote '{remote}'{listed}; add it with `git remote add "
                       f"{remote} URL`, or name another with --remote")


def _remote_head(git: Git, remote: str, branch: str) -> str:
    """The branch's last commit on the remote (fetched), or '' when it has none yet."""
    fetched = git.run("fetch", "--quiet", "--no-tags", remote, f"refs/heads/{branch}",
                      check=False)
    if fetched.returncode != 0:
        said = _said(fetched)
        if "couldn't find remote ref" in said:
            return ""
        raise PublishError(f"cannot fetch '{branch}' from {remote}, so nothing was published; "
                           f"git says: {said}")
    return git.out("rev-parse", "FETCH_HEAD")


def _local_head(git: Git, branch: str) -> str:
    found = git.run("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}",
                    check=False)
    return found.stdout.decode().strip() if found.returncode == 0 else ""


def _tree_of(git: Git, folder: Path) -> str:
    """A tree object of every file in folder plus .nojekyll, through a throwaway index."""
    with tempfile.TemporaryDirectory(prefix="toolkit-publish-") as temp:
        env = {"GIT_INDEX_FILE": str(Path(temp) / "index"), "GIT_WORK_TREE": str(folder)}
        git.run("add", "--all", "--force", "--", ".", env={**env, "GIT_DIR": _git_dir(git)},
                cwd=folder)
        if not (folder / NO_JEKYLL).exists():
            blob = git.run("hash-object", "-w", "--stdin", input=b"").stdout.decode().strip()
            git.run("update-index", "--add", "--cacheinfo", f"100644,{blob},{NO_JEKYLL}",
                    env=env)
        return git.out("write-tree", env=env)


def _git_dir(git: Git) -> str:
    return str((git.root / git.out("rev-parse", "--git-dir")).resolve())


def _commit(git: Git, tree: str, parent: str, message: str) -> str:
    args = ["commit-tree", tree, "-m", message] + (["-p", parent] if parent else [])
    result = git.run(*args, check=False)
    if result.returncode != 0 and b"tell me who you are" in result.stderr.lower():
        result = git.run(*args, env=FALLBACK_IDENTITY, check=False)
    if result.returncode != 0:
        raise PublishError(f"git commit-tree failed: {_said(result)}")
    return result.stdout.decode().strip()


def commit_message(git: Git) -> str:
    """`Publish toolkit site from 1a2b3c4 with Campaign Toolkit 0.1.0`, like gh-deploy's."""
    head = git.run("rev-parse", "--short", "HEAD", check=False)
    source = f" from {head.stdout.decode().strip()}" if head.returncode == 0 else ""
    return f"Publish toolkit site{source} with Campaign Toolkit {__version__}"
