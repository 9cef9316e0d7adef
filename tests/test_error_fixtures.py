"""Every malformed input in fixtures/errors gets its whole located message, exit 1, no traceback.

Each case folder overlays the base workspace; `expected.txt` is the exact stderr of `toolkit
check` run in the workspace (or of the command in `command.txt`). `setup.txt` holds what files
cannot: lines `symlink LINK TARGET` make LINK (inside the workspace) point at TARGET.
Regenerate with `TOOLKIT_UPDATE_GOLDENS=1 pytest tests/test_error_fixtures.py`, then read every
changed file before committing it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli

ERRORS = Path(__file__).parent / "fixtures" / "errors"
CASES = sorted(p.name for p in ERRORS.iterdir() if p.is_dir())
CONTROL_FILES = ("expected.txt", "command.txt", "setup.txt")


def _overlay(case: Path, root: Path) -> None:
    for source in case.rglob("*"):
        if source.is_file() and source.name not in CONTROL_FILES:
            target = root / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def _setup(case: Path, root: Path) -> None:
    setup = case / "setup.txt"
    for line in setup.read_text().splitlines() if setup.exists() else ():
        action, link, target = line.split()
        assert action == "symlink", line
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        (root / link).unlink(missing_ok=True)  # a link may replace a file of the base
        (root / link).symlink_to(target)


@pytest.mark.parametrize("name", CASES)
def test_error_case(name: str, workspace, runner: CliRunner) -> None:
    case = ERRORS / name
    root = workspace()
    _overlay(case, root)
    _setup(case, root)
    command_file = case / "command.txt"
    args = command_file.read_text().split() if command_file.exists() else ["check"]
    result = runner.invoke(cli, args)
    expected_file = case / "expected.txt"
    if os.environ.get("TOOLKIT_UPDATE_GOLDENS"):
        expected_file.write_text(result.stderr)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr == expected_file.read_text()
