"""Failures the build-infra tests (tests/build/) do not stage: a photo damaged after it was
checked, a failed swap, an output folder that holds someone's files.

Each ends in one clear error, and the previous build stays byte for byte as it was.
"""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from toolkit import build as build_module
from toolkit.cli import cli
from toolkit.output import writer as writer_module

CAMPAIGN = """\
title: Demo
url: https://example.org/demo
formats: [x, bluesky]
posts:
  - id: main
    layout: headline
    text: {headline: Fund what keeps us safe}
  - id: photo
    layout: photo
    background: images/hall.jpg
    text: {headline: Meet us at City Hall}
"""


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (160, 90), (40, 90, 140)).save(buffer, "JPEG")
    return buffer.getvalue()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


@pytest.fixture
def built(workspace, runner: CliRunner) -> Path:
    """A workspace with one finished build; then a post edited, so the next build renders."""
    root = workspace({"campaigns/demo/campaign.yaml": CAMPAIGN,
                      "campaigns/demo/images/hall.jpg": _jpeg()})
    result = runner.invoke(cli, ["build", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    campaign = root / "campaigns/demo/campaign.yaml"
    campaign.write_text(campaign.read_text().replace("City Hall", "the council"))
    return root


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_photo_damaged_after_the_check_fails_the_build_cleanly(
        built: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    before = _snapshot(built / "build")
    original = build_module.render_images

    def damage_then_render(*args, **kwargs):  # type: ignore[no-untyped-def]
        photo = built / "campaigns/demo/images/hall.jpg"
        photo.write_bytes(photo.read_bytes()[:200])  # cut off, as a sync in progress leaves it
        return original(*args, **kwargs)

    monkeypatch.setattr(build_module, "render_images", damage_then_render)
    result = runner.invoke(cli, ["build", "--jobs", jobs])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "post 'photo'" in result.stderr and "hall.jpg" in result.stderr
    assert "damaged or truncated" in result.stderr
    assert _snapshot(built / "build") == before
    assert _leftovers(built) == []


def test_a_failed_swap_puts_the_previous_build_back(
        built: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _snapshot(built / "build")
    real_replace = os.replace

    def failing_replace(source, target):  # type: ignore[no-untyped-def]
        if ".build.tmp-" in str(source):
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        real_replace(source, target)

    monkeypatch.setattr(writer_module.os, "replace", failing_replace)
    result = runner.invoke(cli, ["build", "--jobs", "1"])
    assert result.exit_code == 1, result.exception
    assert result.stderr == ("error: cannot put the new build in place of build: Invalid "
                             "cross-device link; the previous build is untouched\n")
    monkeypatch.undo()
    assert _snapshot(built / "build") == before
    assert _leftovers(built) == []


@pytest.mark.parametrize("out", ["notes", ".", "campaigns", ".."])
def test_a_folder_of_other_files_is_never_replaced(workspace, runner: CliRunner,
                                                  out: str) -> None:
    root = workspace({"notes/todo.txt": "call Ada\n"})
    before = _snapshot(root.parent)
    result = runner.invoke(cli, ["build", "--out", out])
    assert result.exit_code == 1, result.output
    assert "will not build into" in result.stderr
    assert "choose a new or empty folder" in result.stderr
    assert _snapshot(root.parent) == before


def test_an_empty_folder_and_an_earlier_build_may_be_replaced(workspace,
                                                             runner: CliRunner) -> None:
    root = workspace({"campaigns/demo/campaign.yaml": CAMPAIGN.split("  - id: photo")[0]})
    (root / "empty").mkdir()
    assert runner.invoke(cli, ["build", "--out", "empty"]).exit_code == 0
    assert (root / "empty/.toolkit-build").is_file()
    assert runner.invoke(cli, ["build", "--out", "empty"]).exit_code == 0


def test_an_output_folder_outside_the_workspace_is_refused(workspace,
                                                          runner: CliRunner) -> None:
    root = workspace({"toolkit.yaml": "output: ../elsewhere\n"})
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 1
    assert result.stderr.startswith("toolkit.yaml:1:9: error: output folder '../elsewhere'")
    assert not (root.parent / "elsewhere").exists()
