"""Shared fixtures: a CLI runner and a factory for small workspaces on disk."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


WorkspaceFactory = Callable[..., Path]


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WorkspaceFactory:
    """Copy the base fixture workspace, overlay `files` ({path: text or bytes}), chdir into it."""

    def make(files: dict[str, str | bytes] | None = None, base: bool = True) -> Path:
        root = tmp_path / "ws"
        if base:
            shutil.copytree(FIXTURES / "base", root, dirs_exist_ok=True)
        root.mkdir(exist_ok=True)
        for relative, content in (files or {}).items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        monkeypatch.chdir(root)
        return root

    return make
