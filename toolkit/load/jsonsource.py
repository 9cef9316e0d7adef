"""Read a JSON file with located errors, and find where values stand when one is wrong."""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, but unlisted in the stubs
from pathlib import Path
from typing import Any

from toolkit.errors import Location, Problem, ProblemsError, display_path
from toolkit.load.textfile import read_utf8
from toolkit.load.yamlsource import KeyPath

# What the json module says, as an organizer would understand it.
_PLAIN_REASONS = {
    "Expecting value": "a value is missing here (a comma too many?)",
    "Expecting property name enclosed in double quotes":
        "expected a name in double quotes here (a comma too many?)",
    "Expecting ',' delimiter": "a comma is missing here",
    "Expecting ':' delimiter": "a colon is missing here",
    "Extra data": "more text after the end of the data",
    "Unterminated string starting at": "this quote is never closed",
    "Invalid control character at": "a line break inside quotes",
}
MAX_JSON_BYTES = 50_000_000
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def load_json(path: Path) -> tuple[Any, str]:
    """Parse one JSON file; returns the data and its text (to locate values later)."""
    shown = display_path(path)
    text = read_utf8(path, shown, MAX_JSON_BYTES)
    if not text.strip():
        raise _error(shown, 1, 1, "file is empty")
    try:
        return json.loads(text, parse_constant=_refuse_constant), text
    except json.JSONDecodeError as exc:
        reason = _PLAIN_REASONS.get(exc.msg, exc.msg)
        raise _error(shown, exc.lineno, exc.colno, f"invalid JSON: {reason}") from None
    except RecursionError:
        raise _error(shown, 1, 1, "invalid JSON: nested too deeply") from None
    except ValueError as exc:  # a number too long to convert, NaN or Infinity
        raise _error(shown, 1, 1, f"invalid JSON: {exc}") from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _error(shown: str, line: int, column: int, message: str) -> ProblemsError:
    return ProblemsError([Problem(Location(shown, line, column), message)])


def locate(text: str, shown: str, key_paths: Collection[KeyPath]) -> dict[KeyPath, Location]:
    """Where each key path's value starts in a valid JSON text (or its nearest parent)."""
    offsets = _offsets(text, key_paths)
    found = {}
    for key_path in key_paths:
        for depth in range(len(key_path), -1, -1):
            if key_path[:depth] in offsets:
                found[key_path] = _location(text, shown, offsets[key_path[:depth]])
                break
    return found


def _location(text: str, shown: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    return Location(shown, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _offsets(text: str, wanted: Collection[KeyPath]) -> dict[KeyPath, int]:
    """Offsets of the wanted values and their parents; other containers are skipped whole.

    A loop with an explicit stack, not recursion: the text may nest as deep as `json` allows.
    """
    prefixes = {key_path[:depth] for key_path in wanted for depth in range(len(key_path) + 1)}
    offsets: dict[KeyPath, int] = {}
    stack: list[tuple[KeyPath, int | None]] = []  # open containers: path, next list index
    path: KeyPath = ()
    pos = _SPACE.match(text, 0).end()  # type: ignore[union-attr]
    while True:
        # At the start of the value at `path`.
        offsets[path] = pos
        opener = text[pos]
        if opener in "[{" and path in prefixes:
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
            if text[pos] not in "]}":
                stack.append((path, None if opener == "{" else 1))
                path, pos = _next_member(text, pos, path, opener == "{", 0)
                continue
            pos += 1
        else:
            _, pos = _DECODER.raw_decode(text, pos)
        # After a value: close finished containers, then move to the next member.
        while True:
            pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
            if not stack:
                return offsets
            parent, index = stack[-1]
            if text[pos] == ",":
                pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
                if index is not None:
                    stack[-1] = (parent, index + 1)
                path, pos = _next_member(text, pos, parent, index is None, index or 0)
                break
            stack.pop()
            pos += 1


def _next_member(text: str, pos: int, parent: KeyPath, is_object: bool, index: int
                 ) -> tuple[KeyPath, int]:
    """The key path of the member starting at pos, and where its value starts."""
    if not is_object:
        return (*parent, index), pos
    key, pos = scanstring(text, pos + 1)
    pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
    pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]  # past the colon
    return (*parent, key), pos
