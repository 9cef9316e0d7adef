"""One built per-target campaign shared by the module's tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from targetkit import SLUG, campaign_files, write_files

from toolkit.build import build_workspace
from toolkit.load.workspace import load_workspace


@pytest.fixture(scope="session")
def council_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_files(tmp_path_factory.mktemp("council-ws"), campaign_files())


@pytest.fixture(scope="session")
def council_build(council_workspace: Path) -> Path:
    out = council_workspace / "build"
    build_workspace(load_workspace(council_workspace), (SLUG,), out, jobs=1)
    return out


@pytest.fixture(scope="session")
def council_manifest(council_build: Path) -> dict[str, Any]:
    return json.loads((council_build / SLUG / "manifest.json").read_text(encoding="utf-8"))
