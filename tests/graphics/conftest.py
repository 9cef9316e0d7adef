"""Graphics fixtures: inline campaigns planned into image jobs, and synthetic photos."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphicskit import JobsFactory, write_campaign

from toolkit.load.campaign import load_campaign
from toolkit.load.workspace import load_workspace
from toolkit.plan import ImageJob, plan_campaign


@pytest.fixture
def make_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> JobsFactory:
    """Plan an inline campaign: make_jobs(posts, languages=..., formats=..., files=...)."""

    def make(posts: list[dict], languages: tuple[str, ...] = ("en",),
             formats: tuple[str, ...] = (), files: dict[str, bytes] | None = None,
             extra: dict | None = None) -> tuple[ImageJob, ...]:
        root = write_campaign(tmp_path / "ws", posts, languages, formats, files, extra)
        monkeypatch.chdir(root)
        campaign = load_campaign(load_workspace(root), "t")
        return plan_campaign(campaign).jobs

    return make
