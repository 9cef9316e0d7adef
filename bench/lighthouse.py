"""Lighthouse 12 (mobile preset) on the example toolkit page, served with gzip and without.

    npm install --prefix tests/site/.lighthouse lighthouse@12      # once; gitignored
    python bench/lighthouse.py [--build build] [--page la-unarmed-response-2024/index.html]

Builds nothing: point it at a finished build. Serves the build folder from 127.0.0.1 twice:
once gzip-compressed (as any real host does) and once plain, like `python -m http.server`, as
an organizer previews it. Drives Debian's Chromium (CHROME_PATH=/usr/bin/chromium). Prints the
four category scores, the metrics and the first view's byte weight (the bytes the page actually
transferred, gzip included), and every main-thread task of 50 ms or more at Lighthouse's
simulated 4x CPU slowdown, with what it did (from the trace: bench/longtasks.py). Ends with the
longest task of each run and their median. Not a test: it needs npm and takes a minute a run.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import statistics
import subprocess
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from longtasks import describe, long_tasks, main_thread_tasks

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tests/site/.lighthouse/node_modules/.bin/lighthouse"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".ics", ".txt")


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class Gzip(Quiet):
    """Text files gzip-compressed when the browser accepts it, as static hosts do."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix in COMPRESSIBLE and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(path.read_bytes(), 9, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return _Body(body)
        return super().send_head()


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


class Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """Chromium drops requests it no longer needs (a broken pipe): not worth a traceback."""


def run(build: Path, page: str, handler: type[Quiet],
        runs: int) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Each run's Lighthouse report and its trace."""
    httpd = Server(("127.0.0.1", 0), functools.partial(handler, directory=str(build)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/{page}"
    results = []
    try:
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "report.json"
                subprocess.run([str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}",
                                "--quiet", "--save-assets",
                                "--chrome-flags=--headless=new --no-sandbox"],
                               check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
                trace = next(Path(tmp).glob("*.trace.json"))
                results.append((json.loads(out.read_text(encoding="utf-8")),
                                json.loads(trace.read_text(encoding="utf-8"))))
    finally:
        httpd.shutdown()
        httpd.server_close()
    return results


def summary(report: dict[str, Any]) -> dict[str, Any]:
    audits = report["audits"]
    scores = {name: round(cat["score"] * 100) for name, cat in report["categories"].items()}
    metrics = {key: audits[key]["displayValue"] for key in (
        "first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
        "cumulative-layout-shift", "speed-index")}
    failed = sorted(key for key, audit in audits.items()
                    if audit.get("score") is not None and audit["score"] < 1
                    and audit.get("scoreDisplayMode") in ("binary", "metricSavings", "numeric"))
    tasks = audits.get("long-tasks", {}).get("details", {}).get("items", [])
    work = {item["groupLabel"]: round(item["duration"]) for item in
            audits.get("mainthread-work-breakdown", {}).get("details", {}).get("items", [])}
    scripts = {item["url"].rsplit("/", 1)[-1]: round(item["total"]) for item in
               audits.get("bootup-time", {}).get("details", {}).get("items", [])}
    tasks_where = [(t.get("url", "").rsplit("/", 1)[-1], round(t["duration"])) for t in tasks]
    requests = sorted(((round(r.get("transferSize", 0) / 1024, 1), r["url"].split("/", 3)[-1])
                       for r in audits["network-requests"]["details"]["items"]), reverse=True)
    return {"requests": requests, "work": work, "scripts": scripts, "tasks_where": tasks_where,
            "scores": scores, "metrics": metrics,
            "bytes": audits["total-byte-weight"]["numericValue"],
            "dom": audits.get("dom-size", audits.get("dom-size-insight", {})).get("numericValue"),
            "long_tasks_ms": [round(t["duration"]) for t in tasks],
            "not_passed": failed}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", type=Path, default=ROOT / "build")
    parser.add_argument("--page", default="la-unarmed-response-2024/index.html")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--only", choices=("gzip", "plain"))
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: npm install --prefix tests/site/.lighthouse "
                         "lighthouse@12")
    longest: dict[str, list[float]] = {}
    for name, handler in (("gzip", Gzip), ("plain", Quiet)):
        if args.only and args.only != name:
            continue
        for report, trace in run(args.build.resolve(), args.page, handler, args.runs):
            found = summary(report)
            tasks = main_thread_tasks(trace, report["finalDisplayedUrl"])
            longest.setdefault(name, []).append(max(t.simulated_ms for t in tasks))
            kib = found["bytes"] / 1024
            print(f"{name}: {json.dumps(found['scores'])} {json.dumps(found['metrics'])} "
                  f"bytes {kib:.1f} KiB, DOM {found['dom']}, long tasks {found['long_tasks_ms']}"
                  f"\n  not passed: {', '.join(found['not_passed']) or 'none'}"
                  f"\n  main thread ms: {found['work']}\n  scripts ms: {found['scripts']}"
                  f"\n  long tasks at: {found['tasks_where']}"
                  f"\n  requests (KiB transferred): {found['requests']}"
                  f"\n  tasks of 50 ms or more at 4x, from the trace:")
            for task in long_tasks(tasks):
                print(f"    {describe(task)}")
    for name, values in longest.items():
        print(f"{name}: longest task per run {[round(v) for v in values]} ms, "
              f"median {statistics.median(values):.0f} ms")


if __name__ == "__main__":
    main()
