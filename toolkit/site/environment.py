"""The site's Jinja environment: autoescaped templates and static files from the search path."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from toolkit.captions.sandbox import WorkspaceLoader
from toolkit.errors import Location, ProblemsError, display_path
from toolkit.errors import Problem as _Problem
from toolkit.load.strings import SITE_DIR, load_strings
from toolkit.load.workspace import trusted_roots

ASSETS_DIR = "assets"
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


class SiteRenderer:
    """Finds every site file campaign first, then workspace, then the shipped defaults."""

    def __init__(self, search_dirs: tuple[Path, ...]) -> None:
        self.dirs = tuple(d / SITE_DIR for d in search_dirs if (d / SITE_DIR).is_dir())
        self.roots = trusted_roots(search_dirs)
        # Sandboxed: a campaign folder may come from anyone, and its templates with it.
        self.env = SandboxedEnvironment(
            loader=WorkspaceLoader([str(d) for d in self.dirs], self.roots),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False,
                                                  "separators": (",", ":")}
        self.strings = load_strings(search_dirs)

    def page(self, name: str, context: dict[str, Any]) -> str:
        """Render a page template; a designer's mistake in it is reported with its place."""
        try:
            return compact_html(self.env.get_template(name).render(context))
        except jinja2.TemplateSyntaxError as exc:
            where = Location(display_path(exc.filename or name), exc.lineno or 1, 1)
            raise ProblemsError([_Problem(where, f"site template: {exc.message}")]) from None
        except jinja2.TemplateNotFound as exc:
            raise ProblemsError([_Problem(None, f"no site template {exc.name} in "
                                                f"{SITE_DIR} of the search path")]) from None
        except jinja2.UndefinedError as exc:
            raise ProblemsError([_Problem(Location(name), f"site template: {exc.message}")]
                                ) from None
        except SecurityError as exc:
            raise ProblemsError([_Problem(Location(self._shown(name), 1, 1),
                                          f"unsafe site template: {exc}")]) from None

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
