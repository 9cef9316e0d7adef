"""The HTTP side of `toolkit serve`: the build folder, a live-reload script and build errors."""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from functools import partial
from html import escape
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

HOST = "127.0.0.1"
VERSION_PATH = "/__toolkit/version"
LONG_POLL_SECONDS = 20.0
MAX_PATH = 2048  # characters of a request path; longer ones are answered 400
WATCH_SECONDS = 3 * LONG_POLL_SECONDS  # a page that asked this recently is being looked at
MAX_WATCHED = 32  # pages remembered as looked at, the most recent

# Files of a build under way, by relative path: their bytes, or the cache file to send.
Overlay = dict[str, bytes | Path]

# The site's Content-Security-Policy allows only its own origin's scripts and styles, so the
# live-reload code is served as files, never inlined.
LIVE_FILES = {
    "/__toolkit/live.js": ("text/javascript; charset=utf-8", """(function () {
  var version = Number(document.currentScript.dataset.version);
  var page = encodeURIComponent(location.pathname);
  function poll() {
    fetch("VERSION_PATH?since=" + version + "&page=" + page, {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (state) { if (state.version !== version) location.reload(); else poll(); })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
""".replace("VERSION_PATH", VERSION_PATH)),
    "/__toolkit/live.css": ("text/css; charset=utf-8", """#toolkit-build-error {
  position: fixed; inset: 0; z-index: 2147483647; overflow: auto; margin: 0; padding: 1.5rem;
  background: #1b1b1b; color: #fff; font: 14px/1.5 ui-monospace, monospace;
}
#toolkit-build-error pre { white-space: pre-wrap; font: inherit; }
"""),
}

RELOAD_SNIPPET = ('<link rel="stylesheet" href="/__toolkit/live.css">'
                  '<script src="/__toolkit/live.js" data-version="%d"></script>')
ERROR_OVERLAY = ('<div id="toolkit-build-error" role="alert"><strong>toolkit build failed'
                 '</strong><pre>%s</pre></div>')

ERROR_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>toolkit build failed</title></head>
<body></body></html>
"""


class LiveState:
    """The latest build attempt: a version that grows with every attempt, and its error; the
    pages being looked at, and the files a rebuild has ready before it is whole."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.version = 0
        self.error: str | None = None
        self.closed = False
        self.changes = threading.Condition()
        self.overlay: Overlay = {}
        self.watched: dict[str, float] = {}

    def publish(self, error: str | None, folder: Path | None = None,
                overlay: Overlay | None = None) -> None:
        """A new version: a finished build (or its error), or with `overlay` the files of
        one under way, shown in place of the folder's."""
        with self.changes:
            self.version += 1
            self.error = error
            self.folder = folder or self.folder
            self.overlay = overlay or {}
            self.changes.notify_all()

    def complete(self, folder: Path) -> None:
        """The build that published an overlay is whole in `folder`: a new version only if a
        file it showed early came out different (a page that showed it reloads once)."""
        with self.changes:
            shown = self.overlay
            self.folder, self.overlay = folder, {}
            if not shown or self.error is not None or not _holds(folder, shown):
                self.version += 1
                self.error = None
                self.changes.notify_all()

    def file(self, relative: str) -> bytes | Path | None:
        with self.changes:
            return self.overlay.get(relative)

    def watch(self, page: str) -> None:
        """Someone looks at page (a path in the build folder)."""
        with self.changes:
            self.watched.pop(page, None)
            self.watched[page] = time.monotonic()
            while len(self.watched) > MAX_WATCHED:
                self.watched.pop(next(iter(self.watched)))

    def watched_pages(self) -> set[str]:
        with self.changes:
            recent = time.monotonic() - WATCH_SECONDS
            return {page for page, seen in self.watched.items() if seen >= recent}

    def wait(self, since: int | None, timeout: float) -> dict[str, Any]:
        """The state once its version differs from `since` (or at once, or after timeout)."""
        with self.changes:
            if since is not None:
                self.changes.wait_for(lambda: self.version != since or self.closed, timeout)
            return {"version": self.version, "error": self.error}

    def close(self) -> None:
        with self.changes:
            self.closed = True
            self.changes.notify_all()


def _holds(folder: Path, files: Overlay) -> bool:
    """Whether folder has every file given by its bytes, byte for byte."""
    for relative, data in files.items():
        if isinstance(data, bytes):
            try:
                if (folder / relative).read_bytes() != data:
                    return False
            except OSError:
                return False
    return True


def page_of(address: str) -> str | None:
    """The page an address shows, as a path in the build folder (`/a/` is `a/index.html`)."""
    path = unquote(urlsplit(address).path)
    if len(path) > MAX_PATH or "\0" in path or not path.startswith("/"):
        return None
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    if path.endswith("/") or not parts:
        parts.append("index.html")
    return "/".join(parts)


class LiveServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A reloading page drops its pending version request; that is not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def start_server(state: LiveState, port: int) -> ThreadingHTTPServer:
    """Serve on 127.0.0.1:port (0 picks a free port) from a background thread."""
    server = LiveServer((HOST, port), partial(LiveHandler, state))
    threading.Thread(target=server.serve_forever, name="toolkit-serve", daemon=True).start()
    return server


def inject(html: str, version: int, error: str | None) -> str:
    """Add the reload script (and the error, if the last build failed) before </body>."""
    snippet = RELOAD_SNIPPET % version
    if error is not None:
        snippet = ERROR_OVERLAY % escape(error) + snippet
    end = html.lower().rfind("</body>")
    return html + snippet if end < 0 else html[:end] + snippet + html[end:]


class LiveHandler(SimpleHTTPRequestHandler):
    """Files from the build folder; HTML gets the reload script on its way out, not on disk."""

    def __init__(self, state: LiveState, *args: Any, **kwargs: Any) -> None:
        self.state = state
        super().__init__(*args, directory=str(state.folder), **kwargs)

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def _respond(self, body: bool) -> None:
        try:
            self._respond_checked(body)
        except (ValueError, OSError) as exc:  # a NUL byte, a path longer than the system takes
            if isinstance(exc, ConnectionError):
                raise
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n", body)

    def _respond_checked(self, body: bool) -> None:
        if len(self.path) > MAX_PATH or "\0" in self.path or "%00" in self.path:
            return self._send(HTTPStatus.BAD_REQUEST, "text/plain; charset=utf-8",
                              b"bad request\n", body)
        url = urlsplit(self.path)
        if url.path == VERSION_PATH:
            return self._version(url.query, body)
        if url.path in LIVE_FILES:
            kind, text = LIVE_FILES[url.path]
            return self._send(HTTPStatus.OK, kind, text.encode(), body)
        path = Path(self.translate_path(self.path))
        if path.is_dir() and url.path.endswith("/"):
            path = path / "index.html"
        live = self.state.wait(None, 0)
        page = page_of(self.path)
        early = self.state.file(page) if page else None
        if early is not None:
            return self._early(path, early, live, body)
        if path.suffix == ".html" and path.is_file():
            html = inject(path.read_text(encoding="utf-8", errors="replace"),
                          live["version"], live["error"])
            return self._send(HTTPStatus.OK, "text/html; charset=utf-8", html.encode(), body)
        if live["error"] is not None and not path.exists():
            page = inject(ERROR_PAGE, live["version"], live["error"])
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/html; charset=utf-8",
                              page.encode(), body)
        if body:
            super().do_GET()
        else:
            super().do_HEAD()

    def _early(self, path: Path, found: bytes | Path, live: dict[str, Any], body: bool) -> None:
        """A file of the rebuild under way, not yet in the build folder."""
        data = found if isinstance(found, bytes) else found.read_bytes()
        if path.suffix == ".html":
            html = inject(data.decode("utf-8", "replace"), live["version"], live["error"])
            return self._send(HTTPStatus.OK, "text/html; charset=utf-8", html.encode(), body)
        self._send(HTTPStatus.OK, self.guess_type(str(path)), data, body)

    def _version(self, query: str, body: bool) -> None:
        asked = parse_qs(query)
        watched = page_of(asked.get("page", [""])[0])
        if watched is not None:
            self.state.watch(watched)
        since = asked.get("since", [""])[0]
        # Only a version this server could have given: "²", "1e9" or 10**5000 are no version.
        known = re.fullmatch(r"-?[0-9]{1,18}", since) is not None
        live = self.state.wait(int(since) if known else None, LONG_POLL_SECONDS if known else 0)
        self._send(HTTPStatus.OK, "application/json", json.dumps(live).encode(), body)

    def _send(self, status: HTTPStatus, kind: str, data: bytes, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for build results."""
