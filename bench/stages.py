"""Where an image's CPU goes, per layout and per format: composing (by layer type), encoding,
previews.

    .venv/bin/python bench/stages.py                       # the example workspace
    .venv/bin/python bench/stages.py /tmp/cards --repeat 2 # any workspace (bench/cards.py)

Plans every campaign of the workspace as `toolkit build` does, then, in this one process on one
core, draws each image (each layer type timed apart: `stack` and `text` are fitting and drawing
text), encodes it with the toolkit's settings and makes its page previews in memory (scaled and
WebP-encoded, not written). Times are CPU seconds (`time.process_time`), best of `--repeat`
rounds, so nothing else on the machine counts. Prints, per layout and per format: the images,
the milliseconds per image of each stage, and composing as a share of encoding (issue 14 asks
for at most 0.5: drawing should cost no more than half of writing the file).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.build import prepare_campaign  # noqa: E402
from toolkit.graphics import draw, layers  # noqa: E402
from toolkit.graphics.encode import encode  # noqa: E402
from toolkit.load.workspace import load_workspace  # noqa: E402
from toolkit.plan import ImageJob  # noqa: E402
from toolkit.render import previews  # noqa: E402

Times = dict[str, float]


@contextmanager
def layer_clock(spent: Times) -> Iterator[None]:
    """Each layer type's drawing time added to spent[type] while inside."""
    original = dict(layers.LAYER_DRAW)

    def timed(kind: str, paint: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            start = time.process_time()
            try:
                return paint(*args)
            finally:
                spent[kind] = spent.get(kind, 0.0) + time.process_time() - start
        return run

    for kind, paint in original.items():
        layers.LAYER_DRAW[kind] = timed(kind, paint)
    try:
        yield
    finally:
        layers.LAYER_DRAW.update(original)


def measure(job: ImageJob) -> Times:
    spent: Times = {}
    start = time.process_time()
    with layer_clock(spent):
        composition = draw.compose(job)
    spent["compose"] = time.process_time() - start
    spec = job.format.spec
    start = time.process_time()
    encode(composition.image, job.file_type, spec.dpi, spec.max_bytes)
    spent["encode"] = time.process_time() - start
    start = time.process_time()
    sizes = previews.preview_sizes(composition.image.size)
    for scaled in previews.scaled_previews(composition.image, sizes):
        previews.encode_preview(scaled)
    spent["previews"] = time.process_time() - start
    return spent


def table(title: str, rows: dict[str, list[Times]], kinds: list[str]) -> None:
    print(f"\n{title:24s} images  compose  encode previews  compose/encode   "
          + "  ".join(f"{k:>7s}" for k in kinds))
    for name, found in sorted(rows.items()):
        n = len(found)

        def ms(key: str, found: list[Times] = found, n: int = n) -> float:
            return sum(t.get(key, 0.0) for t in found) / n * 1000

        print(f"{name:24s} {n:6d} {ms('compose'):8.1f} {ms('encode'):7.1f} {ms('previews'):8.1f}"
              f"  {ms('compose') / max(ms('encode'), 1e-9):14.2f}   "
              + "  ".join(f"{ms(k):7.1f}" for k in kinds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workspace", nargs="?", type=Path, default=ROOT)
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the best is kept")
    args = parser.parse_args()
    workspace = load_workspace(args.workspace)
    jobs = [job for slug in workspace.select(()) for job in
            prepare_campaign(workspace, slug).plan.all_jobs]
    best: list[Times] = []
    for _ in range(args.repeat):
        round_ = [measure(job) for job in jobs]
        best = round_ if not best else [
            a if a["compose"] + a["encode"] <= b["compose"] + b["encode"] else b
            for a, b in zip(best, round_, strict=True)]
    kinds = sorted({k for t in best for k in t} - {"compose", "encode", "previews"},
                   key=lambda k: -sum(t.get(k, 0.0) for t in best))[:8]
    by_layout: dict[str, list[Times]] = defaultdict(list)
    by_format: dict[str, list[Times]] = defaultdict(list)
    for job, spent in zip(jobs, best, strict=True):
        by_layout[job.layout.name].append(spent)
        by_format[job.format.name].append(spent)
    print(f"{len(jobs)} images, CPU ms per image, best of {args.repeat}; the layer columns are "
          "parts of compose")
    table("layout", by_layout, kinds)
    table("format", by_format, kinds)
    table("all", {"all": best}, kinds)


if __name__ == "__main__":
    main()
