"""A Jinja sandbox that also bounds what a template can build, call, read and run for.

Jinja's own sandbox stops attribute escapes (`__class__`, `__globals__`) and ranges over
100,000 items. It does not stop `'x' * 10**9`, `9 ** 999999`, a `~` doubling loop, `indent`
or `replace` blowing a text up, nor nested loops that run for hours; this environment refuses
those before the memory is taken, and `Deadline` stops a render that runs too long.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import FrameType
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.nodes import Concat
from jinja2.sandbox import ImmutableSandboxedEnvironment

from toolkit.errors import Location, Problem, ProblemsError, display_path
from toolkit.load.textfile import read_utf8

MAX_LENGTH = 100_000  # characters of a text, or items of a list, a template may build
MAX_ARGUMENT = 100_000  # largest number a template may pass to a filter or method
MAX_INT_BITS = 1024  # about 300 digits: more than any caption needs
RENDER_SECONDS = 5.0
MAX_TEMPLATE_BYTES = 1_000_000  # of one template file
# Nested calls (a macro calling itself) stop here, long before the C stack could overflow.
MAX_CALL_DEPTH = 64

# A field width in a format string: `{:>100000000}` or `%100000000s`.
# A width or precision given as an argument: `%*s`, `%.*f`, `{:{}}`, `{:>{width}}`.
_ARGUMENT_WIDTH = re.compile(r"%[-+ #0]*(\*|\d*\.\*)|\{[^{}]*:[^{}]*\{")
_FORMAT_WIDTH = re.compile(r"\{[^{}]*:[^{}]*?(\d{6,})[^{}]*\}|%[-+ #0]*(\d{6,})")


class TemplateTimeoutError(jinja2.TemplateRuntimeError):
    """A render ran past its deadline."""


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple) else 0


def check_length(length: int) -> None:
    if length > MAX_LENGTH:
        raise SecurityError(f"the template builds a text or list longer than {MAX_LENGTH:,} "
                            "characters or items")


def _check_number(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARGUMENT:
        shown = f"{value}" if value.bit_length() < 64 else f"of {value.bit_length()} bits"
        raise SecurityError(f"the number {shown} is too large here (at most {MAX_ARGUMENT:,})")


def _check_arguments(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        _check_number(value)


def _check_format(text: Any, args: tuple[Any, ...] = (), kwargs: Mapping[str, Any] | None = None
                  ) -> None:
    """A width in the format string, or one passed as an argument (`%*s`, `{:{}}`), that
    would build a huge text."""
    if not isinstance(text, str):
        return
    if _FORMAT_WIDTH.search(text):
        raise SecurityError("a field width in the format string is too large")
    if _ARGUMENT_WIDTH.search(text):
        values = [*args, *(kwargs or {}).values()]
        for value in values:
            for item in value if isinstance(value, tuple | list) else (value,):
                if isinstance(item, int) and not isinstance(item, bool) and \
                        abs(item) > MAX_ARGUMENT:
                    raise SecurityError("a field width passed to the format string is too large")


MAX_WEIGHT = 1_000_000  # items of nested lists, each repetition counted


def _weight(value: Any, memo: dict[int, int]) -> int:
    """Items in value and in every list inside it, and the characters of every text inside
    it, counting each repetition: what printing, comparing or `tojson` of it would walk and
    write. Computed once per distinct list."""
    if isinstance(value, str):
        return len(value)
    if not isinstance(value, list | tuple | dict):
        return 0
    known = memo.get(id(value))
    if known is not None:
        return known
    memo[id(value)] = MAX_WEIGHT + 1  # a list inside itself counts as too heavy
    items = value.values() if isinstance(value, dict) else value
    total = len(value)
    for item in items:
        total += _weight(item, memo)
        if total > MAX_WEIGHT:
            break
    memo[id(value)] = total
    return total


def check_weight(*values: Any, times: int = 1) -> None:
    memo: dict[int, int] = {}
    if sum(_weight(value, memo) for value in values if not isinstance(value, str)) \
            * max(times, 1) > MAX_WEIGHT:
        raise SecurityError(f"the template builds nested lists of more than {MAX_WEIGHT:,} "
                            "items in all")


def _check_product(left: Any, right: Any) -> None:
    for sequence, count in ((left, right), (right, left)):
        if _length(sequence) and isinstance(count, int):
            check_length(_length(sequence) * count)
            check_weight(sequence, times=count)
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise SecurityError("the result of this multiplication is too large")


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1:
        if exponent > 0 and base.bit_length() * exponent > MAX_INT_BITS:
            raise SecurityError("the result of this power is too large")


def _check_replace(text: Any, old: Any = None, new: Any = None, count: Any = -1) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        hits = text.count(old)
        if isinstance(count, int) and count >= 0:
            hits = min(hits, count)
        check_length(len(text) + hits * (len(new) - len(old)))


def _check_join(separator: Any, items: list[Any]) -> None:
    texts = sum(len(str(item)) for item in items)
    check_length(texts + max(0, len(items) - 1) * _length(separator))


# Per filter: check its input and arguments before it runs; return the input to pass on.
FilterCheck = Callable[[Any, tuple[Any, ...], Mapping[str, Any]], Any]


def _join_filter(value: Any, rest: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Any:
    items = list(value) if value is not None else []  # an iterator is read once, here
    _check_join(rest[0] if rest else kwargs.get("d", ""), items)
    return items


def _replace_filter(value: Any, rest: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Any:
    _check_replace(str(value), *rest, **kwargs)
    return value


def _indent_filter(value: Any, rest: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Any:
    width = kwargs.get("width", rest[0] if rest else 4)
    step = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    check_length(len(str(value)) + (str(value).count("\n") + 1) * step)
    return value


def _format_filter(value: Any, rest: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Any:
    _check_format(value, rest, kwargs)
    return value


def _sum_filter(value: Any, rest: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Any:
    if not isinstance(kwargs.get("start", rest[1] if len(rest) > 1 else 0), int | float):
        raise SecurityError("sum adds numbers only")  # sum(start=[]) joins lists quadratically
    return value


def _walked_filter(value: Any, rest: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Any:
    """tojson, pprint, string, list...: they walk value whole, inside one C call."""
    check_weight(value)
    return value


FILTER_CHECKS: dict[str, FilterCheck] = {
    **{name: _walked_filter for name in ("tojson", "pprint", "string", "list", "unique",
                                         "sort", "dictsort", "groupby", "batch", "slice",
                                         "reverse", "urlize", "escape", "e", "forceescape",
                                         "safe", "striptags", "wordcount", "length", "count",
                                         "first", "last", "random", "max", "min")},
    "join": _join_filter,
    "replace": _replace_filter,
    "indent": _indent_filter,
    "format": _format_filter,
    "sum": _sum_filter,
}


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """The filter, refusing huge numeric arguments and outputs it would build."""
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0  # context, env, ...
    check = FILTER_CHECKS.get(name)

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        head, rest = args[: skip + 1], args[skip + 1:]
        if name != "format":  # its arguments are values to show, not sizes
            _check_arguments(rest, kwargs)
        if check is not None and len(head) > skip:
            head = (*head[:skip], check(head[skip], rest, kwargs))
        return func(*head, *rest, **kwargs)

    return guarded


def _check_call(func: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[Any, ...]:
    """Refuse a text method call that would build something huge; returns the arguments."""
    method = getattr(func, "__wrapped__", func)  # the sandbox wraps str.format
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    if not isinstance(owner, str):
        return args
    if name in ("format", "format_map"):
        mapping = args[0] if name == "format_map" and args and isinstance(args[0], Mapping) \
            else {}
        _check_format(owner, args if name == "format" else (), {**kwargs, **mapping})
        return args
    _check_arguments(args, kwargs)  # ljust, center, zfill, expandtabs
    if name == "replace":
        _check_replace(owner, *args, **kwargs)
    elif name == "join" and args:
        items = list(args[0])
        _check_join(owner, items)
        return (items, *args[1:])
    return args


class _GuardedCodeGenerator(CodeGenerator):
    """Checks the length of every `a ~ b` as it is built: `~` is not a sandbox binop."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.checked_concat(")
        super().visit_Concat(node, frame)
        self.write(")")


class GuardedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, plus bounds on sizes, numbers and format widths."""

    intercepted_binops = frozenset(("*", "**", "+", "%"))
    code_generator_class = _GuardedCodeGenerator

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.call_depth = 0
        self.globals.pop("lipsum", None)  # lipsum(10**6) would write a book
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}

    def add_filter(self, name: str, func: Callable[..., Any]) -> None:
        self.filters[name] = _guard_filter(name, func)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any,
                   right: Any) -> Any:
        if operator == "*":
            _check_product(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "+":
            check_length(_length(left) + _length(right))
            check_weight(left, right)
        elif operator == "%":
            _check_format(left, right if isinstance(right, tuple) else (right,))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any,  # noqa: B902 (Jinja's API)
             *args: Any, **kwargs: Any) -> Any:
        args = _check_call(__obj, args, kwargs)
        if __self.call_depth >= MAX_CALL_DEPTH:
            raise RecursionError("template calls nest too deep")
        __self.call_depth += 1
        try:
            return super().call(__context, __obj, *args, **kwargs)
        finally:
            __self.call_depth -= 1

    def checked_concat(self, text: str) -> str:
        check_length(len(text))
        return text


class Deadline:
    """Stop a render of `env`'s templates after `seconds` (a loop that never ends).

    Traces only the frames of the environment's compiled templates, through `sys.settrace`;
    the previous trace function (a debugger, coverage) is restored afterwards.
    """

    def __init__(self, env: jinja2.Environment, seconds: float | None = None) -> None:
        self.env = env
        self.seconds = RENDER_SECONDS if seconds is None else seconds
        self.end = 0.0
        self.previous: Any = None

    def __enter__(self) -> Deadline:
        self.end = time.monotonic() + self.seconds
        self.previous = sys.gettrace()
        sys.settrace(self._call)
        return self

    def __exit__(self, *exc: object) -> None:
        sys.settrace(self.previous)

    def _call(self, frame: FrameType, event: str, arg: Any) -> Any:
        return self._line if frame.f_globals.get("environment") is self.env else None

    def _line(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line" and time.monotonic() > self.end:
            raise TemplateTimeoutError(f"the template ran for more than {self.seconds:g} "
                                       "seconds (a loop too long?)")
        return self._line


class WorkspaceLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that refuses a template file found through a link to elsewhere, and
    reads a file as every other author file is read: a regular file, UTF-8, at most
    MAX_TEMPLATE_BYTES (a binary or Latin-1 file, a folder or a FIFO is a located error)."""

    def __init__(self, searchpath: list[str], roots: tuple[Path, ...]) -> None:
        super().__init__(searchpath)
        self.roots = tuple(root.resolve() for root in roots)

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if not (path.exists() or path.is_symlink()):
                continue
            if not any(path.resolve().is_relative_to(root) for root in self.roots):
                raise SecurityError(f"template '{template}' is a link to a file outside the "
                                    "workspace")
            if path.is_dir():
                raise ProblemsError([Problem(Location(display_path(path), 1, 1),
                                             "a template is expected here, not a folder")])
            text = read_utf8(path, display_path(path), MAX_TEMPLATE_BYTES)
            mtime = path.stat().st_mtime_ns

            def uptodate(path: Path = path, mtime: int = mtime) -> bool:
                try:
                    return path.stat().st_mtime_ns == mtime
                except OSError:
                    return False

            return text, os.path.normpath(path), uptodate
        raise jinja2.TemplateNotFound(template)
