"""Check the site's templates and words while loading, so `check` fails where `build` would.

Every template under templates/site on the search path must parse and strings.yaml must read;
a broken page.html is then a located error before any image renders, not after all of them.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from toolkit.errors import Location, Problem, ProblemsError, display_path
from toolkit.load.strings import SITE_DIR, load_strings
from toolkit.load.textfile import read_utf8

PAGE_TEMPLATES = ("page.html", "index.html")
MAX_TEMPLATE_BYTES = 1_000_000
ASSETS_DIR = "assets"


def check_site_files(search_dirs: tuple[Path, ...]) -> list[Problem]:
    """Problems of the site files the search path selects (the nearest of each name)."""
    problems: list[Problem] = []
    try:
        load_strings(search_dirs)
    except ProblemsError as exc:
        problems.extend(exc.problems)
    templates = site_templates(search_dirs)
    env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    for name, path in templates.items():
        problems.extend(_parse(env, name, path))
    for name in PAGE_TEMPLATES:
        if name not in templates:
            problems.append(Problem(None, f"no site template {name} in {SITE_DIR} of the "
                                          "search path"))
    return problems


def site_templates(search_dirs: tuple[Path, ...]) -> dict[str, Path]:
    """Template name -> the file the site uses for it (campaign, workspace, then defaults)."""
    found: dict[str, Path] = {}
    for base in reversed(search_dirs):
        folder = base / SITE_DIR
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.html")):
            relative = path.relative_to(folder)
            if relative.parts[0] != ASSETS_DIR and path.is_file():
                found[relative.as_posix()] = path
    return dict(sorted(found.items()))


def _parse(env: jinja2.Environment, name: str, path: Path) -> list[Problem]:
    """The template's syntax problems; each version of a file is parsed once per process."""
    stat = path.stat()
    key = (name, str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        _PARSED[key] = _parse_file(env, name, path)
    return list(_PARSED[key])


_PARSED: dict[tuple[str, str, int, int], list[Problem]] = {}


def _parse_file(env: jinja2.Environment, name: str, path: Path) -> list[Problem]:
    shown = display_path(path)
    try:
        env.parse(read_utf8(path, shown, MAX_TEMPLATE_BYTES), name, str(path))
    except ProblemsError as exc:
        return list(exc.problems)
    except jinja2.TemplateSyntaxError as exc:
        where = Location(display_path(exc.filename or name), exc.lineno or 1, 1)
        return [Problem(where, f"site template: {exc.message}")]
    return []
