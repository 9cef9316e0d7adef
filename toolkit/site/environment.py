"""The site's Jinja environment: autoescaped templates and static files from the search path."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError

from toolkit.captions.host import MEMORY_BYTES, HostStopped, run_hosted
from toolkit.captions.sandbox import Deadline, GuardedEnvironment, WorkspaceLoader
from toolkit.captions.templates import stopped_message
from toolkit.errors import Location, ProblemsError, display_path
from toolkit.errors import Problem as _Problem
from toolkit.filestamps import Stamp, folder_stamps
from toolkit.load.strings import SITE_DIR, load_strings
from toolkit.load.workspace import trusted_roots

ASSETS_DIR = "assets"
PAGE_SECONDS = 20.0  # one page, every include of it; the shipped pages take well under one
MAX_PAGE = 20_000_000  # characters of one page
_KEEP_WHITESPACE = re.compile(r"(<(textarea|pre)\b.*?</\2>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")


def compact_html(html: str) -> str:
    """Drop the templates' indentation, which phones would download 55 times a page; the text
    of textareas and preformatted blocks is kept exactly."""
    pieces = _KEEP_WHITESPACE.split(html)
    # split() with two groups yields text, whole kept block, tag name, text, ...
    out = []
    for index, piece in enumerate(pieces):
        kind = index % 3
        if kind == 0:
            out.append(_INDENT.sub("\n", piece))
        elif kind == 1:
            out.append(piece)
    return "".join(out)


def _bounded(pieces: Any) -> str | None:
    """The page, or None as soon as it grows past MAX_PAGE."""
    out: list[str] = []
    length = 0
    for piece in pieces:
        length += len(piece)
        if length > MAX_PAGE:
            return None
        out.append(piece)
    return "".join(out)


def _template_place(tb: Any, shown: str) -> tuple[str, int]:
    """The template file and line an error was raised in (Jinja rewrites the traceback so
    that template frames carry the template's file and line)."""
    place = (shown, 1)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".j2", ".txt", ".xml")):
            place = (display_path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return place


_HOSTED: dict[tuple[Path, ...], SiteRenderer] = {}


def page_hosted(search_dirs: tuple[Path, ...], name: str, context: dict[str, Any]) -> str:
    """The host's side of `SiteRenderer.page`: one environment per search path."""
    renderer = _HOSTED.pop(search_dirs, None) or SiteRenderer(search_dirs, words=False)
    _HOSTED[search_dirs] = renderer
    while len(_HOSTED) > 16:
        _HOSTED.pop(next(iter(_HOSTED)))
    return renderer.page_here(name, context)


_ENVIRONMENTS: dict[tuple[Path, ...], tuple[tuple[Stamp, ...], GuardedEnvironment]] = {}
MAX_ENVIRONMENTS = 16


def _environment(dirs: tuple[Path, ...], roots: tuple[Path, ...]) -> GuardedEnvironment:
    """The Jinja environment of these site folders, kept (with the templates it compiled)
    while no file in them is added, removed or changed."""
    files = folder_stamps(dirs)
    known = _ENVIRONMENTS.pop(dirs, None)
    if known is None or known[0] != files:
        # Sandboxed: a campaign folder may come from anyone, and its templates with it.
        # The caption sandbox: immutable, sizes and numbers bounded, nesting and time limited.
        env = GuardedEnvironment(
            loader=WorkspaceLoader([str(d) for d in dirs], roots),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False,
                                             "separators": (",", ":")}
        known = (files, env)
    _ENVIRONMENTS[dirs] = known
    while len(_ENVIRONMENTS) > MAX_ENVIRONMENTS:
        _ENVIRONMENTS.pop(next(iter(_ENVIRONMENTS)))
    return known[1]


class SiteRenderer:
    """Finds every site file campaign first, then workspace, then the shipped defaults."""

    def __init__(self, search_dirs: tuple[Path, ...], words: bool = True) -> None:
        self.search_dirs = search_dirs
        self.dirs = tuple(d / SITE_DIR for d in search_dirs if (d / SITE_DIR).is_dir())
        self.roots = trusted_roots(search_dirs)
        self.env = _environment(self.dirs, self.roots)
        self.strings = load_strings(search_dirs) if words else {}
        self._page = ""

    def page(self, name: str, context: dict[str, Any]) -> str:
        """Render a page template in the template host, its memory and CPU bounded; a
        designer's mistake in it is reported with its place."""
        try:
            return str(run_hosted(f"{__name__}:page_hosted", (self.search_dirs, name, context),
                                  PAGE_SECONDS, lambda: self.page_here(name, context)))
        except HostStopped as exc:
            where = Location(self._shown(name), 1, 1)
            raise ProblemsError([_Problem(where, stopped_message(exc, PAGE_SECONDS))]) from None

    def page_here(self, name: str, context: dict[str, Any]) -> str:
        """Render a page template in this process."""
        self._page = name
        try:
            with Deadline(self.env, PAGE_SECONDS):
                html = _bounded(self.env.get_template(name).generate(context))
            if html is None:
                raise ProblemsError([_Problem(Location(self._shown(name), 1, 1),
                                              f"site template: the page is longer than "
                                              f"{MAX_PAGE:,} characters")])
            return compact_html(html)
        except jinja2.TemplateSyntaxError as exc:
            where = Location(display_path(exc.filename or name), exc.lineno or 1, 1)
            raise ProblemsError([_Problem(where, f"site template: {exc.message}")]) from None
        except jinja2.TemplateNotFound as exc:
            raise self._at(exc, f"no site template {exc.name} in {SITE_DIR} of the search "
                                "path") from None
        except jinja2.UndefinedError as exc:
            raise self._at(exc, f"site template: {exc.message}") from None
        except SecurityError as exc:
            raise self._at(exc, f"unsafe site template: {exc}") from None
        except RecursionError as exc:
            raise self._at(exc, "site template: includes or macros nest too deep (does a "
                                "template include itself?)") from None
        except MemoryError as exc:
            raise self._at(exc, f"unsafe site template: the page needed more than "
                                f"{MEMORY_BYTES >> 20:,} MB of memory") from None
        except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, AttributeError,
                LookupError) as exc:
            raise self._at(exc, f"site template: {exc}") from None

    def _at(self, exc: BaseException, message: str) -> ProblemsError:
        """message, located at the template line the error was raised in (the innermost
        template frame: an include's own file), else at the page template."""
        path, line = _template_place(exc.__traceback__, self._shown(self._page))
        return ProblemsError([_Problem(Location(path, line, 1), message)])

    def preflight(self) -> None:
        """Load every page template now, so `check` finds what `build` would: a syntax error,
        a template linked from outside the workspace."""
        problems: list[_Problem] = []
        for name in self.env.list_templates(extensions=["html"]):
            try:
                self.env.get_template(name)
            except jinja2.TemplateSyntaxError as exc:
                where = Location(display_path(exc.filename or name), exc.lineno or 1, 1)
                problems.append(_Problem(where, f"site template: {exc.message}"))
            except SecurityError as exc:
                problems.append(_Problem(Location(self._shown(name), 1, 1),
                                         f"unsafe site template: {exc}"))
        if problems:
            raise ProblemsError(problems)

    def _shown(self, name: str) -> str:
        """The path of template name as found first on the search path."""
        for folder in self.dirs:
            if (folder / name).exists() or (folder / name).is_symlink():
                return display_path(folder / name)
        return name

    def extra_assets(self) -> dict[str, Path]:
        """Files a designer put in templates/site/assets/, by relative path, nearest first."""
        found: dict[str, Path] = {}
        for folder in reversed(self.dirs):
            base = folder / ASSETS_DIR
            if base.is_dir():
                found.update({p.relative_to(base).as_posix(): p
                              for p in sorted(base.rglob("*")) if p.is_file()
                              and any(p.resolve().is_relative_to(r) for r in self.roots)})
        return dict(sorted(found.items()))

    def asset(self, name: str) -> bytes:
        """A static file (stylesheet, script) exactly as found first on the search path."""
        for folder in self.dirs:
            path = folder / name
            if path.is_file() and any(path.resolve().is_relative_to(r) for r in self.roots):
                return path.read_bytes()
        raise ProblemsError([_Problem(None, f"no site file {name} in {SITE_DIR}")])
