"""`toolkit serve`: build, serve on 127.0.0.1 and rebuild on change."""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import ToolkitError


def run_serve(root: Path, port: int, jobs: int) -> None:
    raise ToolkitError("toolkit serve is not available yet")
