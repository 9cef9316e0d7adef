"""Fixtures for site tests: one built site shared by the module's tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitekit import build_site, site_files, write_files


@pytest.fixture(scope="session")
def site_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_files(tmp_path_factory.mktemp("site-ws"), site_files())


@pytest.fixture(scope="session")
def site(site_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built test site (build/ of the three-language demo workspace)."""
    return build_site(site_workspace, tmp_path_factory.mktemp("site-out") / "build")
