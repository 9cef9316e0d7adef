"""Read a user's text file as UTF-8, with located errors for other encodings."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from toolkit.errors import Location, Problem, ProblemsError


def read_utf8(path: Path, shown: str, max_bytes: int, save_as: str = "UTF-8") -> str:
    """The file's text; a UTF-8 byte-order mark is dropped, anything not UTF-8 is refused."""
    raw = read_limited(path, shown, max_bytes)
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00
        raise _error(Location(shown, 1, 1), f"file is encoded as UTF-32; save it as {save_as}")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _error(Location(shown, 1, 1), f"file is encoded as UTF-16; save it as {save_as}")
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as {save_as}"
        raise _error(Location(shown, line, column), message) from None


def read_limited(path: Path, shown: str, max_bytes: int) -> bytes:
    """A regular file's bytes, reading at most max_bytes: never a device such as /dev/zero, a
    FIFO that would wait for a writer, or a gigabyte read whole before its size is known."""
    try:
        kind = os.stat(path).st_mode
        if not stat.S_ISREG(kind):
            what = "a folder" if stat.S_ISDIR(kind) else "a device, pipe or socket"
            raise _error(Location(shown, 1, 1), f"cannot read file: it is {what}, not a file")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the check above
                raise _error(Location(shown, 1, 1), "cannot read file: it is not a file")
            with os.fdopen(fd, "rb", closefd=False) as handle:
                raw = handle.read(max_bytes + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _error(Location(shown, 1, 1), f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise _error(Location(shown, 1, 1), f"file is larger than {max_bytes // 1_000_000} MB")
    return raw


def _error(location: Location, message: str) -> ProblemsError:
    return ProblemsError([Problem(location, message)])
