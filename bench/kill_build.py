"""Kill -9 a build at random moments; the next build must succeed, byte-identical to a clean one.

    .venv/bin/python bench/kill_build.py                 # 20 runs on the test fixture workspace
    .venv/bin/python bench/kill_build.py --runs 40 --jobs 2 --seed 7

Each run starts `toolkit build --jobs N` in its own session and kills it with SIGKILL: one run
in four after a random delay from the start (loading, planning, writing), the others within
0.4 s after its render workers have started, while they hold tasks. It checks that no process
of the killed build is left behind, then builds again and compares the output with a clean
build of the same workspace, file by file. POSIX only (it sends SIGKILL; it finds the workers
in /proc, on Linux).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "base"
ORPHAN_GRACE = 3.0  # seconds the killed build's workers get to notice and end
WORKER_WINDOW = 0.4  # seconds after the workers start in which a kill lands while they render


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--workspace", type=Path, default=FIXTURE)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    problems = kill_runs(args.workspace, args.runs, args.jobs, random.Random(seed))
    print(f"seed {seed}: {args.runs - len(problems)} of {args.runs} runs recovered")
    for problem in problems:
        print("FAILED:", problem)
    return 1 if problems else 0


def kill_runs(source: Path, runs: int, jobs: int, rng: random.Random) -> list[str]:
    """Run the kill/rebuild cycle `runs` times; returns what went wrong, if anything."""
    with tempfile.TemporaryDirectory(prefix="toolkit-kill-") as temp:
        clean, work = Path(temp) / "clean", Path(temp) / "work"
        shutil.copytree(source, clean)
        shutil.copytree(source, work)
        started = time.monotonic()
        _build(clean, jobs)
        full = time.monotonic() - started
        problems = []
        for run in range(runs):
            after_workers = run % 4 != 0
            delay = rng.uniform(0.0, WORKER_WINDOW if after_workers else full * 1.1)
            survivors = _kill_build(work, jobs, delay, after_workers)
            if survivors:
                problems.append(f"run {run} (kill after {delay:.2f}s): processes {survivors} "
                                "of the killed build still ran")
            result = _build(work, jobs, check=False)
            if result.returncode != 0:
                problems.append(f"run {run} (kill after {delay:.2f}s): the next build failed: "
                                f"{result.stderr.strip()[-500:]}")
                continue
            differences = _differences(clean / "build", work / "build")
            if differences:
                problems.append(f"run {run} (kill after {delay:.2f}s): output differs: "
                                f"{differences[:5]}")
            if run % 3 == 2:  # now and then from a cold cache, as after a first build
                shutil.rmtree(work / ".toolkit-cache", ignore_errors=True)
        return problems


def _command(jobs: int) -> list[str]:
    return [sys.executable, "-m", "toolkit", "build", "--jobs", str(jobs)]


def _environment() -> dict[str, str]:
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), path) if p)}


def _build(root: Path, jobs: int, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(jobs), cwd=root, env=_environment(), capture_output=True,
                          text=True, check=check, timeout=300)


def _kill_build(root: Path, jobs: int, delay: float, after_workers: bool) -> list[int]:
    """Start a build, SIGKILL it after delay seconds (counted from the moment its workers
    started, if after_workers); the pids of its processes left running."""
    process = subprocess.Popen(_command(jobs), cwd=root, env=_environment(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    while after_workers and process.poll() is None and len(_session_members(process.pid)) < 2:
        time.sleep(0.01)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
    deadline = time.monotonic() + ORPHAN_GRACE
    while (left := _session_members(process.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in left:  # do not leave them behind for the next run
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return left


def _session_members(session: int) -> list[int]:
    """Live processes of a session (Linux /proc); elsewhere nothing is checked."""
    members = []
    proc = Path("/proc")
    if not proc.is_dir():
        return members
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[3]) == session:
            members.append(int(entry.name))
    return members


def _differences(expected: Path, actual: Path) -> list[str]:
    found: list[str] = []
    _compare(filecmp.dircmp(expected, actual, ignore=[]), "", found)
    return found


def _compare(cmp: filecmp.dircmp[str], prefix: str, found: list[str]) -> None:
    found += [f"only in clean: {prefix}{name}" for name in cmp.left_only]
    found += [f"only after kill: {prefix}{name}" for name in cmp.right_only]
    _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
    found += [f"differs: {prefix}{name}" for name in mismatch + errors]
    for name, sub in cmp.subdirs.items():
        _compare(sub, f"{prefix}{name}/", found)


if __name__ == "__main__":
    sys.exit(main())
