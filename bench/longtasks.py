"""The page's main-thread tasks in a Lighthouse trace, timed the way Lighthouse's simulation
times them, with what each task did.

Lighthouse (mobile preset, `throttlingMethod: simulate`) loads the page unthrottled and then
simulates a 4x slower CPU: a top-level task's simulated length is its real length times 4, or
times 2 when the task performed a layout (Lantern's `layoutTaskMultiplier` of 0.5). Its
`long-tasks` audit lists the tasks of 50 ms or more so simulated, charged to a script URL when
one is on their stack, else "Unattributable". This module computes the same lengths from the
trace (`lighthouse --save-assets`) and names the events inside each task, so that a long task
can be traced to the HTML parser, a script, a style recalculation or a layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Lighthouse's TraceProcessor.isScheduleableTask: the events that are a task of their own.
TASK_NAMES = frozenset({"RunTask", "ThreadControllerImpl::RunTask", "ThreadControllerImpl::DoWork",
                        "TaskQueueManager::ProcessTaskFromWorkQueue"})
CPU_SLOWDOWN = 4
LAYOUT_SLOWDOWN = CPU_SLOWDOWN * 0.5
LONG_MS = 50
PARTS_SHOWN = 5


@dataclass(frozen=True)
class Task:
    start_ms: float     # from the page's navigation start, real time
    real_ms: float
    simulated_ms: float
    layout: bool
    parts: tuple[str, ...]  # the largest events inside, "name (what) real-ms"


def _complete(events: list[dict[str, Any]], pid: int, tid: int) -> list[dict[str, Any]]:
    """The thread's events as complete events (ph X), begin/end pairs joined."""
    done: list[dict[str, Any]] = []
    open_: list[dict[str, Any]] = []
    for event in sorted((e for e in events if e.get("pid") == pid and e.get("tid") == tid),
                        key=lambda e: e.get("ts", 0)):
        phase = event.get("ph")
        if phase == "X" and "dur" in event:
            done.append(event)
        elif phase == "B":
            open_.append(dict(event))
        elif phase == "E" and open_:
            begun = open_.pop()
            begun["dur"] = event["ts"] - begun["ts"]
            begun["args"] = {**begun.get("args", {}), **event.get("args", {})}
            done.append(begun)
    return sorted(done, key=lambda e: (e["ts"], -e["dur"]))


def _main_thread(events: list[dict[str, Any]], url: str) -> tuple[int, int]:
    """The renderer thread that parsed the page's HTML."""
    for event in events:
        if event.get("name") == "ParseHTML" and event.get("ph") in ("B", "X"):
            parsed = event.get("args", {}).get("beginData", {}).get("url", "")
            if parsed.split("#")[0] == url.split("#")[0]:
                return event["pid"], event["tid"]
    raise ValueError(f"no ParseHTML of {url} in the trace")


def _navigation_start(events: list[dict[str, Any]], pid: int, url: str) -> float:
    starts = [e["ts"] for e in events if e.get("name") == "navigationStart" and e.get("pid") == pid
              and e.get("args", {}).get("data", {}).get("documentLoaderURL", "").split("#")[0]
              == url.split("#")[0]]
    return min(starts) if starts else 0.0


def _what(event: dict[str, Any]) -> str:
    args = event.get("args", {})
    data = args.get("data", {}) or {}
    name = event["name"]
    if name == "ParseHTML":
        begin, end = args.get("beginData", {}), args.get("endData", {})
        return (f"{begin.get('url', '').rsplit('/', 1)[-1]} lines {begin.get('startLine', 0) + 1}"
                f"-{end.get('endLine', '?')}")
    if name in ("EvaluateScript", "v8.compile", "ParseAuthorStyleSheet", "ResourceSendRequest"):
        url = data.get("url") or data.get("styleSheetUrl") or args.get("fileName", "")
        return str(url).rsplit("/", 1)[-1]
    if name == "FunctionCall":
        where = str(data.get("url", "")).rsplit("/", 1)[-1]
        return f"{where}:{data.get('lineNumber', '?')} {data.get('functionName') or '(anonymous)'}"
    if name == "EventDispatch":
        return str(data.get("type", ""))
    if name == "Layout":
        begin = args.get("beginData", {})
        return f"{begin.get('dirtyObjects', '?')} of {begin.get('totalObjects', '?')} objects"
    if name == "UpdateLayoutTree":
        return f"{args.get('elementCount', data.get('elementCount', '?'))} elements"
    return ""


def _parts(inside: list[dict[str, Any]]) -> tuple[str, ...]:
    """The largest events inside a task, each name counted once where it nests in itself."""
    largest: dict[str, tuple[float, str]] = {}
    ends: dict[str, float] = {}
    for event in inside:
        name = event["name"]
        if name in TASK_NAMES or event["ts"] < ends.get(name, -1.0):
            continue
        ends[name] = event["ts"] + event["dur"]
        total, what = largest.get(name, (0.0, ""))
        largest[name] = (total + event["dur"] / 1000, what or _what(event))
    ordered = sorted(largest.items(), key=lambda item: -item[1][0])
    return tuple(f"{name}{f' ({what})' if what else ''} {ms:.1f}"
                 for name, (ms, what) in ordered[:PARTS_SHOWN] if ms >= 0.5)


def main_thread_tasks(trace: dict[str, Any], url: str) -> list[Task]:
    """Every top-level task of the page's main thread since its navigation started."""
    events: list[dict[str, Any]] = trace["traceEvents"] if isinstance(trace, dict) else trace
    pid, tid = _main_thread(events, url)
    start = _navigation_start(events, pid, url)
    thread = _complete(events, pid, tid)
    found: list[Task] = []
    task_end = -1.0
    for index, event in enumerate(thread):
        ends = event["ts"] + event["dur"]
        if event["name"] not in TASK_NAMES or event["ts"] < task_end or ends < start:
            continue
        task_end = event["ts"] + event["dur"]
        inside = []
        for later in thread[index + 1:]:
            if later["ts"] >= task_end:
                break
            inside.append(later)
        layout = any(e["name"] == "Layout" for e in inside)
        real = event["dur"] / 1000
        found.append(Task(start_ms=(event["ts"] - start) / 1000, real_ms=real,
                          simulated_ms=real * (LAYOUT_SLOWDOWN if layout else CPU_SLOWDOWN),
                          layout=layout, parts=_parts(inside)))
    return found


def long_tasks(tasks: list[Task]) -> list[Task]:
    return sorted((t for t in tasks if t.simulated_ms >= LONG_MS), key=lambda t: -t.simulated_ms)


def describe(task: Task) -> str:
    kind = "with layout, x2" if task.layout else "x4"
    return (f"{task.simulated_ms:.0f} ms at {task.start_ms:.0f} ms ({task.real_ms:.1f} ms real, "
            f"{kind}): {'; '.join(task.parts) or 'nothing traced inside'}")
