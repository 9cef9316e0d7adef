"""Read a user's text file as UTF-8, with located errors for other encodings."""

from __future__ import annotations

import codecs
from pathlib import Path

from toolkit.errors import Location, Problem, ProblemsError


def read_utf8(path: Path, shown: str, max_bytes: int, save_as: str = "UTF-8") -> str:
    """The file's text; a UTF-8 byte-order mark is dropped, anything not UTF-8 is refused."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _error(Location(shown), f"cannot read file: {exc.strerror}") from None
    if len(raw) > max_bytes:
        raise _error(Location(shown, 1, 1), f"file is larger than {max_bytes // 1_000_000} MB")
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


def _error(location: Location, message: str) -> ProblemsError:
    return ProblemsError([Problem(location, message)])
