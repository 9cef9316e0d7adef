"""The worker pool under every start method gives the same bytes, and a killed build recovers."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "base"


def _build(workspace: Path, out: str, jobs: int, start_method: str | None) -> Path:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("TOOLKIT_START_METHOD", None)
    if start_method:
        env["TOOLKIT_START_METHOD"] = start_method
    result = subprocess.run([sys.executable, "-m", "toolkit", "build", "--jobs", str(jobs),
                             "--out", out], cwd=workspace, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return workspace / out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.skipif("spawn" not in multiprocessing.get_all_start_methods(), reason="no spawn")
def test_a_build_with_spawned_workers_matches_one_in_process(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(FIXTURE, workspace)
    alone = _build(workspace, "alone", 1, None)
    shutil.rmtree(workspace / ".toolkit-cache")  # render everything again, in spawned workers
    spawned = _build(workspace, "spawned", 2, "spawn")
    assert _files(spawned) == _files(alone)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_build_killed_at_random_moments_recovers_byte_identical() -> None:
    # bench/kill_build.py does this 20 times and more; three runs keep the suite quick.
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "kill_build.py"),
                             "--runs", "3", "--seed", "3"], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 of 3 runs recovered" in result.stdout
