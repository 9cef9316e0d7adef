"""The site's words per language: strings.yaml merged along the search path, English as fallback."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from toolkit.errors import Location, ProblemsError, display_path
from toolkit.errors import Problem as _Problem
from toolkit.filestamps import Stamp, stamp
from toolkit.languages import language_direction
from toolkit.load.workspace import is_contained, trusted_roots
from toolkit.load.yamlsource import KeyPath, SourceMap, load_yaml

SITE_DIR = "templates/site"
STRINGS_NAME = "strings.yaml"
STRINGS_FOLDER = "strings"  # strings/<lang>.yaml: one language's words, easy to review
FALLBACK = "en"


class Strings:
    """Look up a word by key (`units.twitter`) in one language, then in English.

    Called as `t(key)` in a template it gives HTML: a word that fell back to English is wrapped
    in `<span lang="en" dir="ltr">`, so screen readers pronounce it as English (WCAG 3.1.2).
    Attributes and Python code take `t.text(key)`, the plain string.
    """

    def __init__(self, table: Mapping[str, Any], lang: str) -> None:
        self.lang = lang
        base = lang.split("-")[0]
        self._chain = [(lang, table.get(lang)), (base, table.get(base)),
                       (FALLBACK, table.get(FALLBACK))]

    def lookup(self, key: str) -> tuple[str, str]:
        """The word for key and the language it is written in; a missing key is a bug."""
        for lang, layer in self._chain:
            found = _dig(layer, key)
            if isinstance(found, str):
                return found, lang
        raise KeyError(f"no site string '{key}' in {STRINGS_NAME}")

    def text(self, key: str, **values: Any) -> str:
        """The plain word for key with `{name}` placeholders filled."""
        found, _ = self.lookup(key)
        return fill(found, values) if values else found

    def source(self, key: str) -> str:
        """The language key's word is in: the page's own, or English when untranslated."""
        _, lang = self.lookup(key)
        return self.lang if lang.split("-")[0] == self.lang.split("-")[0] else lang

    def __call__(self, key: str, **values: Any) -> Markup:
        """The word as HTML, marked with its language when it is not the page's."""
        return self.mark(key, self.text(key, **values))

    def mark(self, key: str, text: str) -> Markup:
        """text (written from key's word) as HTML, in a span naming its language if foreign."""
        if self.source(key) == self.lang:
            return escape(text)
        return Markup('<span{}>{}</span>').format(self.attrs(key), text)

    def attrs(self, key: str) -> Markup:
        """` lang=".." dir=".."` for an element holding key's word, when it is foreign."""
        lang = self.source(key)
        if lang == self.lang:
            return Markup("")
        return Markup(' lang="{}" dir="{}"').format(lang, language_direction(lang))

    def foreign(self, keys: Iterable[str]) -> dict[str, str]:
        """Of keys, those shown in another language, with that language (for the script)."""
        return {key: self.source(key) for key in keys if self.source(key) != self.lang}

    def section(self, key: str) -> dict[str, str]:
        """A mapping of words (such as `formats`), English filling what the language lacks."""
        merged: dict[str, str] = {}
        for _, layer in reversed(self._chain):
            found = _dig(layer, key)
            if isinstance(found, Mapping):
                merged.update({str(k): str(v) for k, v in found.items()})
        return merged


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def fill(text: str, values: Mapping[str, Any]) -> str:
    """`{name}` placeholders replaced by their values; nothing else of str.format: no
    attributes (`{count.__class__}`), no indexes, no widths (`{count:>99999999}`)."""
    return _PLACEHOLDER.sub(
        lambda found: str(values[found.group(1)]) if found.group(1) in values
        else found.group(), text)


def _dig(layer: Any, key: str) -> Any:
    for part in key.split("."):
        if not isinstance(layer, Mapping):
            return None
        layer = layer.get(part)
    return layer


FileSignature = tuple[tuple[Stamp, str], ...]
_LOADED: dict[tuple[Path, ...], tuple[FileSignature, dict[str, Any]]] = {}
MAX_LOADED = 16  # search paths whose words are kept


def load_strings(search_dirs: tuple[Path, ...]) -> dict[str, Any]:
    """Every strings.yaml and strings/<lang>.yaml on the search path, the nearest overriding
    key by key. Each word must be text where the shipped words have text, and a section where
    they have one, so a page never meets a word of the wrong kind.

    Read once while its files stay the same (a build asks several times, `toolkit serve` on
    every rebuild); the table returned is shared, so nothing may change it."""
    signature = _signature(search_dirs)
    known = _LOADED.get(search_dirs)
    if known is not None and known[0] == signature:
        return known[1]
    table = _load_strings(search_dirs)
    _LOADED.pop(search_dirs, None)
    _LOADED[search_dirs] = (signature, table)
    while len(_LOADED) > MAX_LOADED:
        _LOADED.pop(next(iter(_LOADED)))
    return table


def _signature(search_dirs: tuple[Path, ...]) -> FileSignature:
    """Each words file the search path has: its stamp and where it leads."""
    found = []
    for base in search_dirs:
        folder = base / SITE_DIR / STRINGS_FOLDER
        paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        found += [(stamp(path), os.path.realpath(path))
                  for path in (*paths, base / SITE_DIR / STRINGS_NAME)
                  if path.exists() or path.is_symlink()]
    return tuple(found)


def _load_strings(search_dirs: tuple[Path, ...]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    roots = trusted_roots(search_dirs)
    for base in reversed(search_dirs):
        folder = base / SITE_DIR / STRINGS_FOLDER
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                if not is_contained(path, roots):
                    raise ProblemsError([_Problem(Location(display_path(path), 1, 1),
                                                  "leads outside the workspace through a link")])
                data, source = load_yaml(path)
                if not isinstance(data, dict):
                    raise ProblemsError([_Problem(Location(display_path(path), 1, 1),
                                                  "expected a mapping from key to words")])
                _check_words({path.stem: data}, source, table, prefix=1)
                _merge(table, {path.stem: data})
        path = base / SITE_DIR / STRINGS_NAME
        if path.exists() or path.is_symlink():
            if not is_contained(path, roots):
                raise ProblemsError([_Problem(Location(display_path(path), 1, 1),
                                              "leads outside the workspace through a link")])
            data, source = load_yaml(path)
            if not isinstance(data, dict):
                raise ProblemsError([_Problem(Location(display_path(path), 1, 1),
                                              "expected a mapping from language code to words")])
            _check_words(data, source, table)
            _merge(table, data)
    return table


MAX_WORDS = 2_000  # characters of one site string: a sentence or two, shown on every page


def _check_words(data: Mapping[str, Any], source: SourceMap, known: Mapping[str, Any],
                 prefix: int = 0) -> None:
    """Every word is text of a reasonable length (it is repeated on every page), of the kind
    the words read so far (the shipped ones first) have under its key: text or a section.
    prefix: how many leading parts of a key path the source's keys lack (1 for
    strings/<lang>.yaml, whose keys start below the language)."""
    problems: list[_Problem] = []
    stack: list[tuple[Any, KeyPath, Any]] = []
    for lang, words in data.items():
        reference = known.get(lang) if isinstance(known.get(lang), Mapping) else \
            known.get(FALLBACK)
        if not isinstance(words, Mapping):
            problems.append(_Problem(source.value((str(lang),)[prefix:]),
                                     "expected a mapping from key to words"))
            continue
        stack.extend((item, (str(lang), str(key)), _dig(reference, str(key)))
                     for key, item in words.items())
    while stack:
        value, path, expected = stack.pop()
        where = source.value(path[prefix:])
        if isinstance(value, Mapping):
            if isinstance(expected, str):
                problems.append(_Problem(where, "expected a word (text) here, not a mapping"))
                continue
            stack.extend((item, (*path, str(key)),
                          _dig(expected, str(key)) if isinstance(expected, Mapping) else None)
                         for key, item in value.items())
        elif not isinstance(value, str):
            problems.append(_Problem(where, "expected a word (text) here, such as "
                                            "\"Write to your representative\""))
        elif isinstance(expected, Mapping):
            problems.append(_Problem(where, "expected a mapping of words here, as in the "
                                            "shipped strings.yaml"))
        elif len(value) > MAX_WORDS:
            message = f"a site string is {len(value):,} characters long (at most {MAX_WORDS:,})"
            problems.append(_Problem(where, message))
    if problems:
        raise ProblemsError(problems)


def has_words(table: Mapping[str, Any], lang: str) -> bool:
    """Whether the page has its own words in lang (or in lang's base language, es for es-MX)."""
    return any(isinstance(table.get(code), Mapping) and bool(table.get(code))
               for code in (lang, lang.split("-")[0]))


def _merge(into: dict[str, Any], data: Mapping[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = dict(value) if isinstance(value, Mapping) else value
