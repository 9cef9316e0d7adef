"""`toolkit serve`: build, serve the output on 127.0.0.1, rebuild and reload on change."""

from __future__ import annotations

import errno
import threading
import time
import traceback
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path

import click

from toolkit.build import build_workspace
from toolkit.commands.build import summary_line
from toolkit.errors import ToolkitError, display_path
from toolkit.interrupts import terminate_as_interrupt
from toolkit.live.server import HOST, LiveState, start_server
from toolkit.live.watch import Watcher
from toolkit.load.workspace import load_workspace
from toolkit.progress import Progress

POLL_SECONDS = 0.1  # a look at mtimes and sizes costs about a millisecond


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
                    rebuild(root, jobs, state)
    except KeyboardInterrupt:
        pass
    finally:
        state.close()
        if server is not None:
            server.shutdown()
            server.server_close()
            click.echo("stopped", err=True)


def rebuild(root: Path, jobs: int, state: LiveState) -> None:
    """Build incrementally and publish the outcome; errors are shown, never raised."""
    started = time.monotonic()
    target = state.folder
    try:
        workspace = load_workspace(root)
        target = workspace.output_dir
        summary = build_workspace(workspace, (), target, jobs=jobs, progress=Progress())
    except ToolkitError as exc:
        message = exc.format_message()
    except Exception:  # a bug: keep serving, show it in the terminal and the page
        message = "internal error while building:\n" + traceback.format_exc()
    else:
        click.echo(summary_line(summary, target, time.monotonic() - started), err=True)
        state.publish(None, target)
        return
    click.echo(message, err=True)
    state.publish(message, target)


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
