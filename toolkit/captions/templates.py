"""Render caption, alt and letter templates in a Jinja sandbox, with errors located in YAML."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import MAX_RANGE

from toolkit.captions.sandbox import (
    Deadline,
    GuardedEnvironment,
    TemplateTimeoutError,
    WorkspaceLoader,
)
from toolkit.errors import Location, ProblemsError, display_path
from toolkit.errors import Problem as _Problem
from toolkit.load.fields import did_you_mean
from toolkit.load.workspace import trusted_roots

CAPTIONS_DIR = "templates/captions"
MAX_TEMPLATE_OUTPUT = 100_000
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class TemplateSource:
    """A template's text and where it starts: a file, or a value in a YAML file."""

    text: str
    location: Location
    name: str = "<template>"


class TemplateRenderer:
    """One sandboxed environment per campaign; caption templates come from the search path."""

    def __init__(self, search_dirs: tuple[Path, ...]) -> None:
        dirs = [str(d / CAPTIONS_DIR) for d in search_dirs if (d / CAPTIONS_DIR).is_dir()]
        self.env = GuardedEnvironment(
            loader=WorkspaceLoader(dirs, trusted_roots(search_dirs)),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.env.add_filter("hashtag", lambda text: "#" + re.sub(r"\W+", "", str(text)))
        self._compiled: dict[tuple[str, str], jinja2.Template] = {}
        self._platform_sources: dict[str, TemplateSource] = {}

    def platform_template(self, platform: str) -> TemplateSource:
        """`<platform>.j2` from the search path, else `default.j2`; read once per build."""
        if platform not in self._platform_sources:
            self._platform_sources[platform] = self._find_platform_template(platform)
        return self._platform_sources[platform]

    def _find_platform_template(self, platform: str) -> TemplateSource:
        for name in (f"{platform}.j2", "default.j2"):
            try:
                text, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore
            except jinja2.TemplateNotFound:
                continue
            except SecurityError as exc:
                raise ProblemsError([_Problem(None, f"unsafe template: {exc}")]) from None
            return TemplateSource(text, Location(display_path(filename or name), 1, 1), name)
        raise ProblemsError([_Problem(None, f"no caption template for {platform} or default.j2 "
                                            f"in {CAPTIONS_DIR}")])

    def render(self, source: TemplateSource, context: Mapping[str, Any]) -> str:
        """Render; a syntax error, an undefined name or a sandbox refusal raises located."""
        template = self._compile(source)
        try:
            with Deadline(self.env):
                text = _bounded_render(template, context)
        except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, AttributeError,
                LookupError, RecursionError) as exc:
            line = _line_of(exc.__traceback__)
            raise _located(source, line, _describe(exc, context)) from None
        if text is None:
            message = f"template output is longer than {MAX_TEMPLATE_OUTPUT:,} characters"
            raise _located(source, 1, message) from None
        surrogate = _SURROGATE.search(text)
        if surrogate:
            message = (f"template error: the output holds \\u{ord(surrogate.group()):04x}, half "
                       "of a character (a lone surrogate); write the character itself")
            raise _located(source, 1, message) from None
        return tidy(text)

    def _compile(self, source: TemplateSource) -> jinja2.Template:
        key = (source.text, str(source.location))
        if key not in self._compiled:
            try:
                self._compiled[key] = self.env.from_string(source.text)
            except jinja2.TemplateSyntaxError as exc:
                message = f"template syntax error: {exc.message}"
                raise _located(source, exc.lineno or 1, message) from None
        return self._compiled[key]


def _bounded_render(template: jinja2.Template, context: Mapping[str, Any]) -> str | None:
    """The output, or None as soon as it grows past MAX_TEMPLATE_OUTPUT."""
    pieces: list[str] = []
    length = 0
    for piece in template.generate(**context):
        length += len(piece)
        if length > MAX_TEMPLATE_OUTPUT:
            return None
        pieces.append(piece)
    return "".join(pieces)


def tidy(text: str) -> str:
    """Trailing spaces off every line, at most one blank line in a row, no outer blank lines."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _describe(exc: Exception, context: Mapping[str, Any]) -> str:
    if isinstance(exc, SecurityError):
        return f"unsafe template: {exc}"
    if isinstance(exc, TemplateTimeoutError):
        return f"template error: {exc}"
    if isinstance(exc, jinja2.TemplatesNotFound | jinja2.TemplateNotFound):
        names = ", ".join(f"'{name}'" for name in getattr(exc, "templates", [exc.name]))
        return f"template error: no template {names} in {CAPTIONS_DIR}"
    if isinstance(exc, RecursionError):
        return "template error: a macro calls itself without end"
    if isinstance(exc, OverflowError) and "MAX_RANGE" in str(exc):
        return f"unsafe template: range() is limited to {MAX_RANGE:,} numbers"
    if isinstance(exc, jinja2.UndefinedError):
        found = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", exc.message or "")
        if found:
            name = found.group(1) or found.group(2)
            hint = did_you_mean(name, sorted(_names(context)))
            return f"template error: '{name}' is undefined{hint}"
        return f"template error: {exc.message}"
    return f"template error: {exc}"


def _names(value: Any, prefix: str = "") -> set[str]:
    """Every name a template could use, for did-you-mean hints."""
    names: set[str] = set()
    if isinstance(value, Mapping):
        for key, item in value.items():
            names.add(str(key))
            names |= _names(item)
    return names


def _line_of(tb: TracebackType | None) -> int:
    line = 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _located(source: TemplateSource, line: int, message: str) -> ProblemsError:
    where = source.location
    # A block scalar (`body: |`) indents every line alike; a file template starts at column 1.
    located = Location(where.path, max(1, where.line) + line - 1, where.column)
    return ProblemsError([_Problem(located, message)])
