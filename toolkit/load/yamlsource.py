"""Read a YAML file into plain data plus a source map of where every value stands."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import Location, Problem, ProblemsError, display_path
from toolkit.load.textfile import read_utf8

KeyPath = tuple[str | int, ...]

MAX_VALUES = 50_000
MAX_DEPTH = 64
MAX_BYTES = 5_000_000
# Aliases repeat a value without repeating its text: all text of the document, each alias
# counted again, stays below this, so `&a` used thousands of times cannot expand to gigabytes.
MAX_EXPANDED = 2 * MAX_BYTES
_TOO_BIG = (f"the document's text, with every alias (*name) expanded, is longer than "
            f"{MAX_EXPANDED // 1_000_000} million characters")
_TOO_DEEP = "document is too large or too deeply nested (YAML aliases?)"

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
# PyYAML's words for the commonest mistakes, as an organizer would put them.
_PLAIN_REASONS = (
    ("expected <block end>", "this line is indented differently from the lines above it"),
    ("did not find expected key", "this line is indented differently from the lines above it"),
    ("did not find expected '-' indicator", "this list item is indented differently from "
                                            "the items above it"),
    ("mapping values are not allowed here", "a ':' cannot stand here; check the indentation "
                                            "of this line, or put the text in quotes"),
    ("could not find expected ':'", "a line is missing the ':' between a key and its value"),
    ("expected ',' or '}'", "a { } mapping is not closed, or a value in it needs quotes"),
    ("expected ',' or ']'", "a [ ] list is not closed, or a value in it needs quotes"),
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass
class SourceMap:
    """Locations of values and keys by key path, as `("posts", 2, "text", "headline")`."""

    path: str
    values: dict[KeyPath, Location] = field(default_factory=dict)
    keys: dict[KeyPath, Location] = field(default_factory=dict)
    # Plain scalars YAML 1.1 read as something else (`7:30` -> 450, `010` -> 8, `yes` -> True):
    # the text as the author typed it, for fields that take text.
    raw: dict[KeyPath, str] = field(default_factory=dict)

    def text_as_written(self, key_path: KeyPath) -> str | None:
        """The typed text of a plain scalar YAML converted to a number, date, boolean or null."""
        return self.raw.get(key_path)

    def value(self, key_path: KeyPath) -> Location:
        """Where the value at key_path stands, or its nearest located parent."""
        for depth in range(len(key_path), -1, -1):
            found = self.values.get(key_path[:depth])
            if found is not None:
                return found
        return Location(self.path, 1, 1)

    def key(self, key_path: KeyPath) -> Location:
        """Where the key of key_path stands (the value's place for list items)."""
        return self.keys.get(key_path) or self.value(key_path)


def format_key_path(key_path: KeyPath) -> str:
    """`("posts", 2, "text")` as `posts[2].text`."""
    text = ""
    for part in key_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def load_yaml(path: Path) -> tuple[Any, SourceMap]:
    """Parse one YAML file; every problem is raised located in that file."""
    shown = display_path(path)
    text = read_utf8(path, shown, MAX_BYTES)
    if not text.strip():
        raise ProblemsError([Problem(Location(shown, 1, 1), "file is empty")])
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        raise ProblemsError([_syntax_problem(shown, exc)]) from None
    except yaml.reader.ReaderError as exc:
        raise ProblemsError([_reader_problem(shown, text, exc)]) from None
    except yaml.YAMLError as exc:
        raise ProblemsError([Problem(Location(shown, 1, 1), f"invalid YAML: {exc}")]) from None
    except RecursionError:
        # PyYAML's composer recurses once per nesting level; thousands of `[` exhaust the stack.
        raise ProblemsError([Problem(Location(shown, 1, 1), _TOO_DEEP)]) from None
    if node is None:
        raise ProblemsError([Problem(Location(shown, 1, 1), "file has no content")])
    builder = _Builder(shown, text.splitlines())
    data = builder.build(node, ())
    if builder.problems:
        raise ProblemsError(builder.problems)
    return data, builder.source


# libyaml composes about 10x faster than PyYAML's Python parser into the same nodes, marks and
# tags (the resolver is Python's in both). It is used only for documents it cannot trip on:
# any error is reported by parsing again in Python (its messages and marks are the ones
# explained to organizers), and deep nesting, which the Python composer turns into a
# RecursionError, always goes to Python.
_C_LOADER = getattr(yaml, "CSafeLoader", None)
_C_MAX_DEPTH = 200  # flow brackets open at once, or columns of indentation
_BRACKETS = re.compile(r"[^\[\]{}]+")
_INDENT = re.compile(f"^ {{{_C_MAX_DEPTH}}}", re.M)


def _compose(text: str) -> yaml.Node | None:
    if _C_LOADER is not None and _shallow(text) and not yaml.reader.Reader.NON_PRINTABLE.search(
            text):
        try:
            node = yaml.compose(text, Loader=_C_LOADER)
        except yaml.YAMLError:
            pass
        else:
            _plain_as_python(node)
            return node
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _plain_as_python(root: yaml.Node | None) -> None:
    """libyaml marks plain scalars with style "", PyYAML with None: make them PyYAML's."""
    todo = [root] if root is not None else []
    seen: set[int] = set()  # an alias repeats a node: each is looked at once
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.style == "":
                node.style = None
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                todo += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            todo += node.value


def _shallow(text: str) -> bool:
    """Whether brackets and indentation stay well within what libyaml composes safely."""
    if _INDENT.search(text):
        return False
    depth = 0
    for char in _BRACKETS.sub("", text):
        depth += 1 if char in "[{" else -1
        if depth > _C_MAX_DEPTH:
            return False
    return True


def _reader_problem(shown: str, text: str, exc: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow (a control character), at its line and column."""
    position = exc.position if isinstance(exc.position, int) else 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    message = f"invalid YAML: the invisible character U+{code:04X} is not allowed; delete it"
    return Problem(Location(shown, line, column), message)


def _syntax_problem(shown: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    reason = exc.problem or exc.context or "invalid YAML"
    if "'\\t'" in reason:
        reason = "tab character: indent YAML with spaces, not tabs"
    elif exc.context == "while scanning a quoted scalar" and exc.context_mark:
        # PyYAML points at the end of the file; the mistake is the quote that opened.
        mark, reason = exc.context_mark, "this quote is never closed"
    else:
        reason = next((plain for start, plain in _PLAIN_REASONS if reason.startswith(start)),
                      reason)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(Location(shown, line, column), f"invalid YAML: {reason}")


class _Builder:
    """Turns a composed node tree into dicts, lists and scalars, recording marks."""

    def __init__(self, shown: str, lines: list[str]) -> None:
        self.lines = lines
        self.source = SourceMap(shown)
        self.problems: list[Problem] = []
        self.count = 0
        self.chars = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def location(self, node: yaml.Node) -> Location:
        line, column = node.start_mark.line, node.start_mark.column
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            line += 1
            text = self.lines[line] if line < len(self.lines) else ""
            column = len(text) - len(text.lstrip(" "))
        return Location(self.source.path, line + 1, column + 1)

    def build(self, node: yaml.Node, key_path: KeyPath, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_VALUES or depth > MAX_DEPTH:
            if self.count == MAX_VALUES + 1 or depth == MAX_DEPTH + 1:
                self.problems.append(Problem(self.location(node), _TOO_DEEP))
            return None
        self.source.values[key_path] = self.location(node)
        if node.tag not in _SCALAR_TAGS | _COLLECTION_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            message = f"unsupported YAML tag '{tag}'; remove it and write plain values"
            self.problems.append(Problem(self.location(node), message))
            return None
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, key_path, depth)
        if isinstance(node, yaml.SequenceNode):
            items = enumerate(node.value)
            return [self.build(item, (*key_path, i), depth + 1) for i, item in items]
        assert isinstance(node, yaml.ScalarNode)
        self.chars += len(node.value)
        if self.chars > MAX_EXPANDED:
            if self.chars - len(node.value) <= MAX_EXPANDED:
                self.problems.append(Problem(self.location(node), _TOO_BIG))
            return None
        if node.style is None and node.tag != "tag:yaml.org,2002:str":
            self.source.raw[key_path] = node.value
        value = self.build_scalar(node)
        return self.checked_text(node, value) if isinstance(value, str) else value

    def checked_text(self, node: yaml.Node, text: str) -> str | None:
        """text with escaped surrogate pairs (`"\\ud83d\\ude00"`) joined into their character;
        a lone surrogate is no character at all, and nothing could write it."""
        if not _SURROGATE.search(text):
            return text
        try:
            return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        except UnicodeDecodeError:
            code = ord(_SURROGATE.search(text).group())  # type: ignore[union-attr]
            message = (f"the escape \\u{code:04x} is half of a character (a lone surrogate); "
                       "write the character itself, or escape it whole as \\U0001F600")
            self.problems.append(Problem(self.location(node), message))
            return None

    def build_mapping(self, node: yaml.MappingNode, key_path: KeyPath, depth: int
                      ) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in self.mapping_items(node):
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self.location(key_node), "keys must be plain text"))
                continue
            key = str(self.checked_text(key_node, str(key_node.value)))
            if key in first_seen:
                first = first_seen[key].start_mark.line + 1
                message = f"duplicate key '{key}' (first defined on line {first})"
                self.problems.append(Problem(self.location(key_node), message))
                continue
            first_seen[key] = key_node
            child = (*key_path, key)
            self.source.keys[child] = self.location(key_node)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def mapping_items(self, node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                message = "merge keys (<<) are not supported; repeat the values instead"
                self.problems.append(Problem(self.location(key_node), message))
                continue
            yield key_node, value_node

    def build_scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in _SCALAR_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            message = f"a plain value cannot be tagged '{tag}'"
            self.problems.append(Problem(self.location(node), message))
            return None
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            kind = node.tag.rsplit(":", 1)[-1]
            message = f"invalid {kind} {node.value!r}: {exc}"
            if kind == "timestamp":
                message = f"invalid date {node.value!r}: {exc}"
            self.problems.append(Problem(self.location(node), message))
            return None
