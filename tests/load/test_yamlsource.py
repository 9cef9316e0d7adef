"""The YAML loader keeps every value's location and refuses what PyYAML lets through."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from toolkit.errors import ProblemsError
from toolkit.load.yamlsource import format_key_path, load_yaml


def _load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "c.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return load_yaml(path)


def _error(tmp_path: Path, text: str | bytes) -> str:
    with pytest.raises(ProblemsError) as info:
        _load(tmp_path, text)
    return str(info.value.problems[0])


def test_values_keep_line_and_column(tmp_path: Path) -> None:
    data, source = _load(tmp_path, "title: Demo\nposts:\n  - id: a\n    text: {headline: Hi}\n")
    assert data["posts"][0]["text"]["headline"] == "Hi"
    location = source.value(("posts", 0, "text", "headline"))
    assert (location.line, location.column) == (4, 22)
    assert source.key(("posts", 0, "id")).line == 3


def test_nearest_parent_location_for_unknown_path(tmp_path: Path) -> None:
    _, source = _load(tmp_path, "a:\n  b: 1\n")
    assert source.value(("a", "b", "c")).line == 2


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    message = _error(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert message.endswith("c.yaml:3:1: error: duplicate key 'a' (first defined on line 1)")


def test_invalid_date_is_located(tmp_path: Path) -> None:
    message = _error(tmp_path, "x: 1\nstart: 2026-13-45\n")
    assert ":2:8: error: invalid date '2026-13-45'" in message


def test_valid_date_is_a_date(tmp_path: Path) -> None:
    data, _ = _load(tmp_path, "start: 2024-05-01\nat: 2024-05-01T10:00:00-07:00\n")
    assert data["start"] == dt.date(2024, 5, 1)
    assert data["at"].utcoffset() == dt.timedelta(hours=-7)


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i, name in enumerate("bcdefghij"):
        previous = "abcdefghij"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 10) + "]")
    message = _error(tmp_path, "\n".join(lines) + "\n")
    assert "too large or too deeply nested" in message


def test_tab_indent_gets_a_plain_message(tmp_path: Path) -> None:
    message = _error(tmp_path, "a:\n\tb: 1\n")
    assert "tab character" in message and ":2:1:" in message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", ":1:1: error: file is empty"),
        (b"a: caf\xe9\n", ":1:7: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8"),
        (b"\xff\xfea\x00:\x00", ":1:1: error: file is encoded as UTF-16; save it as UTF-8"),
        (b"a: !!python/object:os.system x\n", ":1:4: error: unsupported YAML tag"),
        (b"a: &x {b: 1}\nc:\n  <<: *x\n", ":3:3: error: merge keys (<<) are not supported"),
    ],
)
def test_refused_inputs(tmp_path: Path, raw: bytes, expected: str) -> None:
    assert expected in _error(tmp_path, raw)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    data, _ = _load(tmp_path, b"\xef\xbb\xbftitle: Demo\n")
    assert data == {"title": "Demo"}


def test_format_key_path() -> None:
    assert format_key_path(("posts", 2, "text", "headline", "es")) == "posts[2].text.headline.es"
