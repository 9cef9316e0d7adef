"""N link-preview cards by this project and by the MkDocs Material social plugin, in one run.

    .venv/bin/python bench/peer.py                      # 200 cards; the peer if installed
    .venv/bin/python bench/peer.py --cards 50 --repeat 3
    .venv/bin/python bench/peer.py --baseline /tmp/old  # also an older checkout, same run

This project builds a campaign of N `headline` posts in the `facebook` format (1200x630, one
language; bench/cards.py) with a cold `toolkit build` (no cache, no output), once with
`--jobs 1` and once with every core. The peer, when `mkdocs-material[imaging]` is installed in
a separate virtual environment (`--peer-python`, default /tmp/peer/bin/python; see
bench/README.md), builds a MkDocs site of N pages whose titles and descriptions are the same
texts, with its `social` plugin making a 1200x630 card per page, cold, then again with the
plugin off to tell its page build apart. Nothing is downloaded: the peer's font cache is filled
with the project's bundled Inter.

The floor: every card this project wrote is decoded outside the timing and encoded again on one
core with the project's own settings (toolkit.graphics.encode), which is what writing the cards
costs at the very least.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import measured  # noqa: E402
from cards import make_cards  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PEER_PYTHON = Path(os.environ.get("PEER_PYTHON", "/tmp/peer/bin/python"))


@dataclass
class Run:
    name: str
    seconds: float
    cpu: float
    rss: int  # peak of the summed RSS over the process tree, bytes

    def per_card(self, cards: int) -> tuple[float, float]:
        return self.seconds / cards * 1000, self.cpu / cards * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1,
                        help="Run each case this many times, keep the fastest (wall).")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--peer-python", type=Path, default=PEER_PYTHON)
    parser.add_argument("--baseline", type=Path, action="append", default=[],
                        help="Another checkout of the toolkit to time in the same run.")
    parser.add_argument("--keep", type=Path, help="Work in this folder and keep it.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="toolkit-peer-"))
    try:
        bench(folder, args)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def bench(root: Path, args: argparse.Namespace) -> None:
    cards = args.cards
    texts = make_cards(root / "toolkit", cards)
    has_peer = args.peer_python.exists() and _has_social(args.peer_python)
    print(f"{cards} cards 1200x630, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"Pillow {Image.__version__}, peer: "
          f"{args.peer_python if has_peer else 'not installed (see bench/README.md)'}",
          flush=True)
    checkouts = [("toolkit", ROOT)] + [(f"baseline {i + 1}", Path(p).resolve())
                                       for i, p in enumerate(args.baseline)]
    runs: list[Run] = []
    for name, checkout in checkouts:
        runs.append(best(args.repeat, lambda c=checkout, n=name: toolkit_build(
            root / "toolkit", c, 1, f"{n} --jobs 1")))
        if args.jobs > 1:
            runs.append(best(args.repeat, lambda c=checkout, n=name: toolkit_build(
                root / "toolkit", c, args.jobs, f"{n} --jobs {args.jobs}")))
    if has_peer:
        make_peer_site(root / "peer", texts)
        runs.append(best(args.repeat, lambda: peer_build(root / "peer", args.peer_python,
                                                          True)))
        runs.append(best(args.repeat, lambda: peer_build(root / "peer", args.peer_python,
                                                          False)))
    # The floor from this checkout's cards (built last by the first toolkit run's settings).
    toolkit_build(root / "toolkit", ROOT, args.jobs, "toolkit (for the floor)")
    floor = encode_floor(root / "toolkit/build", cards)
    report(runs, floor, cards, args.jobs)


def best(repeat: int, run: object) -> Run:
    assert callable(run)
    results = [run() for _ in range(max(1, repeat))]
    return min(results, key=lambda r: r.seconds)


def timed(name: str, command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    _, seconds, usage, peak = measured(name, command, cwd, env)
    return Run(name, seconds, usage.ru_utime + usage.ru_stime, peak)


def toolkit_build(workspace: Path, checkout: Path, jobs: int, name: str) -> Run:
    shutil.rmtree(workspace / ".toolkit-cache", ignore_errors=True)
    shutil.rmtree(workspace / "build", ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    return timed(name, [sys.executable, "-m", "toolkit", "build", "--jobs", str(jobs)],
                 workspace, env)


def _has_social(python: Path) -> bool:
    probe = subprocess.run([str(python), "-c", "import material.plugins.social, cairosvg"],
                           capture_output=True)
    return probe.returncode == 0


def make_peer_site(site: Path, texts: list[tuple[str, str]]) -> None:
    """A MkDocs Material site of one page per card, the card's texts as title and description,
    the social plugin's font cache filled with the project's Inter (so nothing downloads)."""
    docs = site / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Cards\n", encoding="utf-8")
    for n, (title, description) in enumerate(texts, start=1):
        (docs / f"card-{n}.md").write_text(
            f"---\ndescription: \"{description}\"\n---\n\n# {title}\n\n{description}.\n",
            encoding="utf-8")
    fonts = site / "cache/fonts/Inter"
    fonts.mkdir(parents=True, exist_ok=True)
    bundled = ROOT / "assets/fonts"
    found = {p.stem: p for p in bundled.rglob("Inter-*")}
    for style in ("Regular", "Bold"):
        source = found.get(f"Inter-{style}")
        if source is None:
            sys.exit(f"no Inter-{style} under {bundled}")
        shutil.copyfile(source, fonts / f"{style}{source.suffix}")


def peer_build(site: Path, python: Path, cards: bool) -> Run:
    # Cold: the plugin's cached cards go, its (local) fonts stay.
    cache = site / "cache"
    for entry in cache.iterdir() if cache.exists() else ():
        if entry.name != "fonts":
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    shutil.rmtree(site / "site", ignore_errors=True)
    (site / "mkdocs.yml").write_text(
        "site_name: Cards benchmark\nsite_url: https://example.org/\n"
        "theme:\n  name: material\nplugins:\n  - social:\n"
        f"      enabled: {'true' if cards else 'false'}\n"
        f"      cache_dir: {cache}\n"
        "      cards_layout_options:\n        font_family: Inter\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONPATH", None)
    name = "peer social plugin" if cards else "peer, plugin off (pages only)"
    return timed(name, [str(python), "-m", "mkdocs", "build", "-q"], site, env)


def encode_floor(build: Path, cards: int) -> tuple[float, float, float]:
    """(CPU seconds, wall seconds) to encode every card again on one core, as the toolkit does,
    and the CPU seconds to encode again the WebP previews the page shows (decoded outside the
    timing, encoded with the toolkit's preview settings)."""
    from toolkit.graphics.encode import encode
    from toolkit.render.previews import WEBP_METHOD, WEBP_QUALITY

    images = sorted(build.rglob("images/**/*.png"))
    assert len(images) == cards, f"{len(images)} cards in {build}, not {cards}"
    cpu = wall = 0.0
    for path in images:
        with Image.open(path) as opened:
            image = opened.convert("RGB")
        started, process = time.perf_counter(), time.process_time()
        encode(image, "png", 72, None)
        wall += time.perf_counter() - started
        cpu += time.process_time() - process
    previews = 0.0
    for path in sorted(build.rglob("previews/**/*.webp")):
        with Image.open(path) as opened:
            image = opened.convert("RGB")
        process = time.process_time()
        image.save(io.BytesIO(), "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
        previews += time.process_time() - process
    return cpu, wall, previews


def report(runs: list[Run], floor: tuple[float, float, float], cards: int, jobs: int) -> None:
    floor_ms = floor[0] / cards * 1000
    with_previews = (floor[0] + floor[2]) / cards * 1000
    print(f"\n{'':36}{'wall/card':>11}{'CPU/card':>10}{'CPU/floor':>10}{'peak RSS':>10}")
    for run in runs:
        wall, cpu = run.per_card(cards)
        print(f"{run.name:36}{wall:8.1f} ms{cpu:7.1f} ms{cpu / floor_ms:9.2f}x"
              f"{run.rss / 2**20:7.0f} MB")
    print(f"{'encode floor (1 core, PNG)':36}{floor[1] / cards * 1000:8.1f} ms"
          f"{floor_ms:7.1f} ms")
    print(f"{'  with the WebP previews':36}{'':11}{with_previews:7.1f} ms")
    by_name = {run.name: run for run in runs}
    ours = by_name.get(f"toolkit --jobs {jobs}") or by_name["toolkit --jobs 1"]
    single = by_name["toolkit --jobs 1"]
    print(f"\ngoal: CPU of a cold --jobs 1 build per card <= 1.5x the floor: "
          f"{single.cpu / cards * 1000 / floor_ms:.2f}x "
          f"{'ok' if single.cpu / cards * 1000 <= 1.5 * floor_ms else 'MISSED'} "
          f"({single.cpu / cards * 1000 / with_previews:.2f}x the floor with the previews)")
    peer = by_name.get("peer social plugin")
    if peer is not None:
        pages = by_name["peer, plugin off (pages only)"]
        speedup = peer.seconds / ours.seconds
        print(f"goal: wall per card >= 3x faster than the peer: {speedup:.2f}x "
              f"({ours.name} vs the peer; the peer net of its page build: "
              f"{(peer.seconds - pages.seconds) / cards * 1000:.1f} ms/card, "
              f"{(peer.seconds - pages.seconds) / ours.seconds:.2f}x) "
              f"{'ok' if speedup >= 3 else 'MISSED'}")
    for run in runs:
        if run.name.startswith("baseline") and run.name.endswith("--jobs 1"):
            print(f"{run.name}: {run.cpu / single.cpu:.2f}x the CPU of toolkit --jobs 1")


if __name__ == "__main__":
    main()
