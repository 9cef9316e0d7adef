"""The built wheel, installed in a fresh venv outside the repository, builds a campaign.

Nothing may depend on running from the source tree: the shipped templates, assets and data
must travel inside the wheel. To stay quick, the fresh venv borrows the dependencies (Pillow,
Jinja, ...) of the venv running the tests through a .pth line, which adds their folder but not
its own .pth files, so the editable install of this checkout stays invisible; set
TOOLKIT_FULL_INSTALL=1 to install the dependencies from the package index as a user would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str | Path], cwd: Path, timeout: int = 900) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # hatchling comes with the test extra: no isolated build environment to set up
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
          "-w", out, ROOT], cwd=out)
    (found,) = out.glob("campaign_toolkit-*.whl")
    return found


def test_the_wheel_ships_templates_assets_and_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("toolkit/_defaults/templates/site/page.html",
                   "toolkit/_defaults/templates/graphics/headline.yaml",
                   "toolkit/_defaults/assets/fonts/families.yaml",
                   "toolkit/data/formats.yaml", "toolkit/data/skeleton/campaign.yaml",
                   "toolkit/py.typed"):
        assert needed in names
    assert not any(name.startswith(("src/", "tests/", "campaigns/")) for name in names)


def test_the_installed_wheel_builds_a_new_campaign(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / "python"
    install = [sys.executable, "-m", "pip", "--python", python, "install", "-q", wheel]
    if not os.environ.get("TOOLKIT_FULL_INSTALL"):
        install.insert(-1, "--no-deps")
        target = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                      cwd=tmp_path).strip()
        Path(target, "borrowed-dependencies.pth").write_text(
            sysconfig.get_paths()["purelib"] + "\n")
    _run(install, cwd=tmp_path)
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    toolkit = bin_dir / "toolkit"
    _run([toolkit, "new", "demo"], cwd=workspace)
    _run([toolkit, "check"], cwd=workspace)
    output = _run([toolkit, "build", "--jobs", "1"], cwd=workspace)
    assert "built 1 campaign(s)" in output
    assert (workspace / "build" / "demo" / "index.html").is_file()
    assert (workspace / "build" / "demo" / "manifest.json").is_file()
    located = _run([python, "-c", "import toolkit; print(toolkit.__file__)"],
                   cwd=workspace)
    assert str(env_dir) in located and str(ROOT) not in located
