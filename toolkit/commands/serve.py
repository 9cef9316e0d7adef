"""`toolkit serve`: build, serve the output on 127.0.0.1, rebuild and reload on change."""

from __future__ import annotations

import errno
import hashlib
import threading
import time
import traceback
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path

import click

from toolkit.build import build_workspace
from toolkit.captions.host import template_host
from toolkit.commands.build import summary_line
from toolkit.defaults import defaults_root
from toolkit.errors import ToolkitError, display_path
from toolkit.filestamps import folder_stamps
from toolkit.interrupts import terminate_as_interrupt
from toolkit.live.firstpages import FirstPages
from toolkit.live.server import HOST, LiveState, start_server
from toolkit.live.watch import Watcher
from toolkit.load.workspace import Workspace, load_workspace
from toolkit.progress import Progress

TEMPLATES_DIR = "templates"

POLL_SECONDS = 0.05  # a look at mtimes and sizes costs about a millisecond


def run_serve(root: Path, port: int, jobs: int) -> None:
    serve_workspace(root, port, jobs)


def serve_workspace(root: Path, port: int, jobs: int, stop: threading.Event | None = None,
                    on_ready: Callable[[int], None] | None = None,
                    poll: float = POLL_SECONDS) -> None:
    """Serve until Ctrl-C (or `stop` is set); a failed build is shown, and serving goes on."""
    root = root.resolve()
    stop = stop or threading.Event()
    watcher = Watcher(root)
    state = LiveState(root / "build")
    server = None
    try:
        with terminate_as_interrupt():
            rebuild(root, jobs, state)
            server = _start(state, port)
            click.echo(f"serving {display_path(state.folder)}/ at "
                       f"http://{HOST}:{server.server_port}/ (Ctrl-C to stop)", err=True)
            if on_ready is not None:
                on_ready(server.server_port)
            while not stop.wait(poll):
                if watcher.changed():
                    _settle(watcher, poll)
                    while not rebuild(root, jobs, state, watcher):
                        _settle(watcher, poll)  # a newer change stopped it: build that
    except KeyboardInterrupt:
        pass
    finally:
        state.close()
        if server is not None:
            server.shutdown()
            server.server_close()
            click.echo("stopped", err=True)


class Superseded(Exception):  # noqa: N818 (a state, not an error the user sees)
    """The sources changed again while the rest of a rebuild was written."""


class _Looking:
    """Looks at the sources while a rebuild writes what nobody is looking at yet."""

    def __init__(self, watcher: Watcher | None) -> None:
        self.watcher = watcher
        self.looked = 0.0

    def __call__(self) -> None:
        now = time.monotonic()
        if self.watcher is None or now - self.looked < POLL_SECONDS:
            return
        self.looked = now
        if self.watcher.changed():
            raise Superseded()


class _LookingProgress(Progress):
    """The progress bar, which looks at the sources as each image is done."""

    def __init__(self, looking: _Looking) -> None:
        super().__init__()
        self.looking = looking

    def advance(self, count: int = 1) -> None:
        super().advance(count)
        self.looking()


def rebuild(root: Path, jobs: int, state: LiveState, watcher: Watcher | None = None) -> bool:
    """Build incrementally and publish the outcome; errors are shown, never raised.

    Once the images the pages someone is looking at show are rendered, those pages are made
    and shown from memory (with every file they name that is ready) while the rest of the
    build is rendered and written. If `watcher` sees the sources change meanwhile, the rest
    is abandoned (the build folder stays as it was) and False returned: build again."""
    started = time.monotonic()
    target = state.folder
    first = None
    try:
        workspace = load_workspace(root)
        target = workspace.output_dir
        looking = _Looking(watcher)
        first = FirstPages(workspace, state, target, looking)
        with template_host().answers_kept(template_sources(workspace)):
            summary = build_workspace(workspace, (), target, jobs=jobs,
                                      progress=_LookingProgress(looking), first=first)
    except Superseded:
        shown = _first_times(started, first.times if first else {})
        click.echo(f"changed again after {time.monotonic() - started:.1f}s{shown}: building "
                   "that", err=True)
        return False
    except ToolkitError as exc:
        message = exc.format_message()
    except Exception:  # a bug: keep serving, show it in the terminal and the page
        message = "internal error while building:\n" + traceback.format_exc()
    else:
        line = summary_line(summary, target, time.monotonic() - started)
        click.echo(line + _first_times(started, first.times), err=True)
        state.complete(target)
        return True
    click.echo(message, err=True)
    state.publish(message, target)
    return True


def _first_times(started: float, times: dict[str, float]) -> str:
    """`; looked-at pages shown after 0.62s (prepared 0.31s, images 0.15s, pages 0.16s)`."""
    if "shown" not in times:
        return ""
    return (f"; looked-at pages shown after {times['shown'] - started:.2f}s (prepared "
            f"{times['prepared'] - started:.2f}s, their images "
            f"{times['images'] - times['prepared']:.2f}s, pages "
            f"{times['shown'] - times['images']:.2f}s)")


def template_sources(workspace: Workspace) -> str:
    """A fingerprint of every file the template host may read: the templates/ folders of
    every search path (each file's size, time and identity, links followed)."""
    folders = [workspace.root, defaults_root()]
    if workspace.campaigns_dir.is_dir():
        folders += sorted(p for p in workspace.campaigns_dir.iterdir() if p.is_dir())
    digest = hashlib.sha256()
    for path, size, modified, identity in folder_stamps(
            (base / TEMPLATES_DIR for base in folders), follow_links=True):
        digest.update(f"{path}\0{size}\0{modified}\0{identity}\n"
                      .encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _start(state: LiveState, port: int) -> ThreadingHTTPServer:
    try:
        return start_server(state, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ToolkitError(f"port {port} is in use; choose another with --port") from None
        raise


def _settle(watcher: Watcher, poll: float) -> None:
    """Wait until files stop changing: editors and `git checkout` write in several steps."""
    for _ in range(10):
        time.sleep(poll)
        if not watcher.changed():
            return
