"""Benchmark `toolkit build`: cold, warm no-op, one-post edit and peak memory, against a floor."""

from __future__ import annotations

import argparse
import io
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "nl", "pl")
SUMMARY = re.compile(r"(\d+) images \((\d+) rendered, (\d+) reused\)")
GOALS = {"cold": 1.0, "warm": 0.10, "edit": 0.20, "rss_mb": 400}

POSTS = {  # layout -> its text fields, with {n} and {lang} filled in per post
    "headline": {"headline": "Post {n}: fund *care* not cages ({lang})",
                 "subhead": "Tell the council before the vote, number {n}"},
    "quote": {"quote": "When help came, it was someone who *listened*. Story {n}.",
              "attribution": "A neighbour, district {n}"},
    "stat": {"number": "${n}M", "headline": "for crisis response, {lang} post {n}"},
    "event": {"title": "Public comment {n}", "when": "May {n}, 10 am",
              "where": "City Hall, 200 N Spring St"},
    "photo": {"headline": "Our streets, our *safety* {n}", "subhead": "Speak up, {lang}"},
}


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the build and its workers
    rendered: int
    reused: int
    images: int
    max_rss: int  # bytes, largest single process (wait4)
    tree_rss: int  # bytes, peak of the sum over the build's process tree (sampled)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=None,
                        help="Posts (default 40), or per-target posts with --targets (default 3).")
    parser.add_argument("--targets", type=int, default=0,
                        help="Per-target case: this many targets, every post per_target.")
    parser.add_argument("--langs", type=int, default=2, choices=range(1, len(LANGUAGES) + 1))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="Build in this folder and keep it.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="toolkit-bench-"))
    posts = args.posts or (3 if args.targets else 40)
    try:
        bench(folder, posts, LANGUAGES[:args.langs], args.jobs, args.targets)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def bench(root: Path, posts: int, langs: tuple[str, ...], jobs: int, targets: int = 0) -> None:
    if targets:
        make_target_workspace(root, posts, targets, langs)
        shape = f"{targets} targets x {posts} per-target posts"
    else:
        make_workspace(root, posts, langs)
        shape = f"{posts} posts"
    print(f"workspace {root}: {shape} x 9 formats x {len(langs)} languages, "
          f"--jobs {jobs}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"Pillow {Image.__version__}", flush=True)
    shutil.rmtree(root / ".toolkit-cache", ignore_errors=True)
    cold = build(root, jobs)
    warm = build(root, jobs)
    if targets:
        edit_target(root / "campaigns/bench/targets.csv")
        expected = posts * 9 * len(langs)
    else:
        edit_post(root / "campaigns/bench/campaign.yaml")
        expected = 9 * len(langs)
    edit = build(root, jobs)
    assert warm.rendered == 0, f"a no-op build rendered {warm.rendered} images"
    assert edit.rendered == expected, f"a one-{'target' if targets else 'post'} edit " \
        f"rendered {edit.rendered} images, not {expected}"
    floor = encode_floor(root / "build")
    report(cold, warm, edit, floor, "one-target edit" if targets else "one-post edit")


def make_workspace(root: Path, posts: int, langs: tuple[str, ...]) -> None:
    campaign = root / "campaigns/bench"
    campaign.mkdir(parents=True, exist_ok=True)
    make_photo(campaign / "photo.jpg")
    layouts = list(POSTS)
    lines = ["title: Benchmark campaign", "url: https://example.org/bench",
             f"languages: [{', '.join(langs)}]", "posts:"]
    for n in range(1, posts + 1):
        layout = layouts[(n - 1) % len(layouts)]
        lines += [f"  - id: post-{n}", f"    layout: {layout}", "    text:"]
        for name, text in POSTS[layout].items():
            values = ", ".join(f'{lang}: "{text.format(n=n, lang=lang)}"' for lang in langs)
            lines.append(f"      {name}: {{{values}}}")
        if layout == "photo":
            lines.append("    background: photo.jpg")
    (campaign / "campaign.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


TARGET_POSTS = {  # per-target posts: layout -> text templates that name the target
    "headline": {"headline": "{{{{ target.title }}}} {{{{ target.name }}}}: fund *care* ({lang})",
                 "subhead": "District {{{{ target.district }}}} asks, post {n}"},
    "quote": {"quote": "{{{{ target.name }}}}, when help came it was someone who *listened*.",
              "attribution": "A neighbour in district {{{{ target.district }}}}, {lang}"},
    "stat": {"number": "${n}M", "headline": "for crisis response in district "
                                          "{{{{ target.district }}}} ({lang})"},
}


def make_target_workspace(root: Path, posts: int, targets: int, langs: tuple[str, ...]) -> None:
    """One campaign whose every post is per_target, a targets table of `targets` rows with
    handles on some platforms only, phones and a translated title column."""
    campaign = root / "campaigns/bench"
    campaign.mkdir(parents=True, exist_ok=True)
    layouts = list(TARGET_POSTS)
    lines = ["title: Benchmark campaign", "url: https://example.org/bench",
             f"languages: [{', '.join(langs)}]", "posts:"]
    for n in range(1, posts + 1):
        layout = layouts[(n - 1) % len(layouts)]
        lines += [f"  - id: post-{n}", f"    layout: {layout}", "    per_target: true",
                  "    text:"]
        for name, text in TARGET_POSTS[layout].items():
            values = ", ".join(f'{lang}: "{text.format(n=n, lang=lang)}"' for lang in langs)
            lines.append(f"      {name}: {{{values}}}")
        lines.append('    caption: "{{ target.mention }}: {{ post.lead }} {{ url }}"')
    lines += ["action:", "  email:", "    subject: Please", '    body: "Dear {{ target.name }},"',
              "    targets: targets.csv"]
    (campaign / "campaign.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    title_columns = [f"title:{lang}" for lang in langs[1:]]
    rows = [",".join(["district", "name", "title", *title_columns, "email", "x", "bluesky",
                      "mastodon", "phone"])]
    for n in range(1, targets + 1):
        handles = [f"Member{n}" if n % 2 else "", f"member{n}.bsky.social" if n % 3 else "",
                   f"member{n}@mastodon.social" if n % 5 == 0 else ""]
        rows.append(",".join([str(n), f"Member Number{n}", "Councilmember",
                              *(f"Council {lang} {n}" for lang in langs[1:]),
                              f"member{n}@example.org", *handles, f"(555) 010-{n:04d}"]))
    (campaign / "targets.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def edit_target(path: Path) -> None:
    """Rename the first target: only that target's images change."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Member Number1,", "Member Renamed1,", 1), encoding="utf-8")


def make_photo(path: Path) -> None:
    """A photo-like background: gradients and blurred shapes, so JPEG has real work."""
    image = Image.linear_gradient("L").resize((2000, 1500)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for i in range(40):
        x, y = (i * 397) % 2000, (i * 211) % 1500
        draw.ellipse((x, y, x + 300, y + 200), fill=((i * 50) % 256, (i * 90) % 256, 120))
    image.filter(ImageFilter.GaussianBlur(6)).save(path, "JPEG", quality=90)


def edit_post(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Post 1:", "Post one:"), encoding="utf-8")


def build(root: Path, jobs: int) -> Run:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "toolkit", "build", "--jobs", str(jobs)]
    output, seconds, usage, peak = measured("build", command, root, env)
    match = SUMMARY.search(output)
    assert match, output
    images, rendered, reused = (int(g) for g in match.groups())
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, rendered, reused, images, usage.ru_maxrss * 1024, peak)


def measured(name: str, command: list[str], cwd: Path, env: dict[str, str]
             ) -> tuple[str, float, resource.struct_rusage, int]:
    """Run a command to its end: its output, wall seconds, resource usage and the peak RSS
    summed over it and its children; exits with the output if it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    sampler = TreeSampler(process.pid)
    sampler.start()
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    sampler.stop()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{name} failed:\n{output}")
    return output, seconds, usage, sampler.peak


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and its descendants every 20 ms, from /proc."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.02):
            self.peak = max(self.peak, sum(rss(pid) for pid in tree(self.pid)))

    def stop(self) -> None:
        self.done.set()
        self.join()


def tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def encode_floor(build: Path) -> dict[str, float]:
    """Seconds to re-encode every output image on one core, decoding outside the timing."""
    seconds = {"png": 0.0, "jpeg": 0.0, "cpu": 0.0}
    for path in sorted(build.rglob("images/**/*")):
        if path.suffix not in (".png", ".jpg"):
            continue
        with Image.open(path) as image:
            image.load()
            kind = "PNG" if path.suffix == ".png" else "JPEG"
            options = {"quality": 94} if kind == "JPEG" else {}
            started, cpu = time.perf_counter(), time.process_time()
            image.save(io.BytesIO(), kind, **options)
            seconds["png" if kind == "PNG" else "jpeg"] += time.perf_counter() - started
            seconds["cpu"] += time.process_time() - cpu
    return seconds


def report(cold: Run, warm: Run, edit: Run, floor: dict[str, float],
           edit_name: str = "one-post edit") -> None:
    total = floor["png"] + floor["jpeg"]
    peak = max(run.tree_rss for run in (cold, warm, edit)) / 2**20
    largest = max(run.max_rss for run in (cold, warm, edit)) / 2**20
    rows = [
        ("cold build", cold, cold.seconds / total, "x floor", GOALS["cold"]),
        ("warm no-op", warm, warm.seconds / cold.seconds, "x cold", GOALS["warm"]),
        (edit_name, edit, edit.seconds / cold.seconds, "x cold", GOALS["edit"]),
    ]
    print(f"\n{'':16}{'seconds':>9}{'cpu s':>8}{'rendered':>10}{'reused':>8}{'ratio':>16}"
          f"{'goal':>9}")
    for name, run, ratio, unit, goal in rows:
        verdict = "ok" if ratio <= goal else "MISSED"
        print(f"{name:16}{run.seconds:9.2f}{run.cpu:8.2f}{run.rendered:10d}{run.reused:8d}"
              f"{ratio:9.2f} {unit:6}{'<= ' + format(goal, 'g'):>9}  {verdict}")
    print(f"{'floor (1 core)':16}{total:9.2f}{floor['cpu']:8.2f}   PNG {floor['png']:.2f}s + "
          f"JPEG {floor['jpeg']:.2f}s for {cold.images} images")
    verdict = "ok" if peak <= GOALS["rss_mb"] else "MISSED"
    print(f"{'peak RSS':16}{peak:9.0f} MB summed over the build's processes "
          f"(largest single process {largest:.0f} MB); goal <= {GOALS['rss_mb']} MB  {verdict}")


if __name__ == "__main__":
    main()
