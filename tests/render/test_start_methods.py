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


SMALL = """\
title: Demo
url: https://example.org/demo
formats: [x, bluesky, instagram-square, story]
posts:
  - id: main
    layout: headline
    text: {headline: Fund what keeps us safe}
  - id: stat
    layout: stat
    text: {number: $3M, headline: for unarmed crisis response}
action:
  email:
    subject: Please help
    body: "Dear {{ target.name }},"
    targets: targets.csv
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="SIGKILL and /proc: Linux")
def test_a_build_killed_at_random_moments_recovers_byte_identical(tmp_path: Path) -> None:
    """20 builds killed with SIGKILL (bench/kill_build.py: one in four at a random moment from
    the start, the others while render workers hold tasks, the cache now and then cleared):
    nothing of a killed build keeps running, and the next build succeeds with output
    byte-identical to a clean build."""
    import importlib.util
    import random

    spec = importlib.util.spec_from_file_location("kill_build", ROOT / "bench" / "kill_build.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    workspace = tmp_path / "ws"
    shutil.copytree(FIXTURE, workspace)
    (workspace / "campaigns/demo/campaign.yaml").write_text(SMALL, encoding="utf-8")
    runs = int(os.environ.get("TOOLKIT_KILL_RUNS", "20"))  # the issue asks for 20 at least
    problems = bench.kill_runs(workspace, runs, 2, random.Random(20261201))
    assert problems == []
