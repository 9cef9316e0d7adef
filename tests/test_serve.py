"""`toolkit serve` after an edit: the pages being looked at first (from memory, naming only files
that exist), then the whole build, which ends byte-identical to a fresh `toolkit build`; a
newer change abandons the rest of a rebuild; the template host's answers kept across rebuilds."""

from __future__ import annotations

import http.client
import json
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from toolkit.build import build_workspace
from toolkit.captions.host import TemplateHost
from toolkit.commands.serve import Superseded, rebuild, serve_workspace
from toolkit.live.firstpages import FirstPages
from toolkit.live.server import LiveState, page_of, start_server
from toolkit.load.workspace import load_workspace

CAMPAIGN = "campaigns/demo/campaign.yaml"
OLD, NEW = "Fund what keeps us safe", "Fund what keeps every one of us safe"
WAIT = 180.0  # a bound for a slow machine, not a measure


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _until(done: Callable[[], bool], what: str) -> None:
    end = time.monotonic() + WAIT
    while not done():
        if time.monotonic() > end:
            pytest.fail(f"never: {what}")
        time.sleep(0.05)


def _edit(root: Path) -> None:
    path = root / CAMPAIGN
    path.write_text(path.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")


def test_serve_ends_with_the_build_a_fresh_build_writes(workspace) -> None:
    root = workspace()
    stop, ready = threading.Event(), threading.Event()
    ports: list[int] = []

    def on_ready(port: int) -> None:
        ports.append(port)
        ready.set()

    thread = threading.Thread(target=serve_workspace, args=(root, 0, 1, stop, on_ready))
    thread.start()
    try:
        assert ready.wait(WAIT)
        port = ports[0]
        status, body = _get(port, "/__toolkit/version?page=/demo/")  # someone looks at it
        assert status == 200 and json.loads(body)["version"] == 1
        _edit(root)
        _until(lambda: NEW.encode() in _get(port, "/demo/")[1], "the page shows the edit")
        _until(lambda: NEW in (root / "build/demo/index.html").read_text(encoding="utf-8"),
               "the build folder has the edit")
    finally:
        stop.set()
        thread.join(WAIT)
    fresh = build_workspace(load_workspace(root), (), root / "fresh")
    assert fresh.rendered == 0  # serve left every image in the cache
    assert _files(root / "build") == _files(root / "fresh")


class _Abandon(Exception):
    pass


def _abandon() -> None:
    raise _Abandon()


def test_the_first_look_shows_the_edit_and_names_only_files_that_exist(workspace) -> None:
    root = workspace()
    target = root / "build"
    build_workspace(load_workspace(root), (), target)
    before = _files(target)
    _edit(root)
    state = LiveState(target)
    state.watch("demo/index.html")
    space = load_workspace(root)
    with pytest.raises(_Abandon):  # right after the first look: the rest is not written
        build_workspace(space, (), target, first=FirstPages(space, state, target, _abandon))
    assert _files(target) == before
    overlay = state.overlay
    page = overlay["demo/index.html"]
    assert isinstance(page, bytes) and NEW in page.decode("utf-8")
    assert "demo/es/index.html" not in overlay  # only the page looked at
    named = set(re.findall(r'(?:src|href)="([^"#:?]+)"', page.decode("utf-8")))
    named |= {part.split()[0] for found in re.findall(r'srcset="([^"]+)"', page.decode("utf-8"))
              for part in found.split(", ")}
    assert named
    for relative in named:
        path = f"demo/{relative}"
        assert path in overlay or (target / path).is_file(), relative
    for found in overlay.values():
        assert isinstance(found, bytes) or found.is_file()


class _Changed:
    """A watcher that always sees a change."""

    def changed(self) -> bool:
        return True


def test_a_rebuild_a_newer_change_supersedes_writes_nothing(workspace) -> None:
    root = workspace()
    state = LiveState(root / "build")
    assert rebuild(root, 1, state) is True
    before = _files(root / "build")
    _edit(root)
    state.watch("demo/index.html")
    assert rebuild(root, 1, state, _Changed()) is False  # type: ignore[arg-type]
    assert _files(root / "build") == before
    assert isinstance(state.overlay.get("demo/index.html"), bytes)  # the first look stays
    assert Superseded.__doc__


def test_complete_reloads_only_when_a_page_shown_early_came_out_different(tmp_path: Path
                                                                          ) -> None:
    (tmp_path / "index.html").write_bytes(b"<p>final</p>")
    state = LiveState(tmp_path)
    state.publish(None, tmp_path, {"index.html": b"<p>final</p>"})
    state.complete(tmp_path)
    assert state.version == 1 and state.overlay == {}
    state.publish(None, tmp_path, {"index.html": b"<p>early</p>"})
    state.complete(tmp_path)
    assert state.version == 3
    state.complete(tmp_path)  # nothing shown early: a new version
    assert state.version == 4


def test_the_server_answers_from_the_first_look_before_the_folder(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><body>old</body></html>")
    (tmp_path / "a.png").write_bytes(b"old")
    cached = tmp_path / "cached.png"
    cached.write_bytes(b"\x89PNG new")
    state = LiveState(tmp_path)
    state.publish(None, tmp_path, {"index.html": b"<html><body>new</body></html>",
                                   "a.png": cached})
    server = start_server(state, 0)
    try:
        status, body = _get(server.server_port, "/")
        assert status == 200 and b"new" in body and b"/__toolkit/live.js" in body
        assert _get(server.server_port, "/a.png") == (200, b"\x89PNG new")
        cached.unlink()  # gone from the cache: not found, never a traceback
        assert _get(server.server_port, "/a.png")[0] == 404
        _get(server.server_port, "/__toolkit/version?page=%2Fen%2F")
        assert state.watched_pages() == {"en/index.html"}
    finally:
        state.close()
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(("address", "page"), [
    ("/", "index.html"),
    ("/demo/", "demo/index.html"),
    ("/demo/es/x.html?y=1", "demo/es/x.html"),
    ("/demo/./es/", "demo/es/index.html"),
    ("/demo/../../etc/passwd", None),
    ("demo/", None),
    ("/a\0b", None),
    ("/" + "a" * 5000, None),
])
def test_page_of_an_address(address: str, page: str | None) -> None:
    assert page_of(address) == page


def test_the_host_answers_again_from_memory_while_its_sources_stay() -> None:
    host = TemplateHost()
    try:
        first = host.call("time:monotonic_ns", (), 10)
        assert host.call("time:monotonic_ns", (), 10) != first  # not kept unless asked
        with host.answers_kept("sources 1"):
            kept = host.call("time:monotonic_ns", (), 10)
            assert host.call("time:monotonic_ns", (), 10) == kept
        assert host.call("time:monotonic_ns", (), 10) != kept  # only while a build keeps them
        with host.answers_kept("sources 1"):  # the next build: the last one's answers stay
            assert host.call("time:monotonic_ns", (), 10) == kept
        with host.answers_kept("sources 2"):  # a template changed: asked again
            assert host.call("time:monotonic_ns", (), 10) != kept
    finally:
        host.close()
