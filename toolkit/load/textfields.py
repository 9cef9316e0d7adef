"""Find every translatable text of a campaign by walking the model's field types, not a list.

A field is translatable when the model declares it with `Text()`; the walk follows records,
lists, mappings and `Either` choices into the raw YAML data, so a new `Text()` field anywhere in
the model is exported and read back from translation files without a change here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from toolkit.load.fields import LANGUAGE_CODE, Either, FieldType, ListOf, MapOf, Record, Text
from toolkit.load.yamlsource import KeyPath, SourceMap

_PART = re.compile(r"\.?([^.\[\]]+)|\[([^\[\]]+)\]")
GRAPHIC_PARENTS = ("text", "slides")


@dataclass(frozen=True)
class TextField:
    """One translatable text in the raw campaign data: where it is and what it holds."""

    key_path: KeyPath  # into the raw data, as ("posts", 0, "text", "headline")
    key: str  # stable name for translation files, as posts[three-million].text.headline
    value: Any  # a string (every language) or a mapping from language code to string

    def source(self, default_lang: str) -> str | None:
        """The text translators translate: the default language's, or the plain string."""
        if isinstance(self.value, dict):
            text = self.value.get(default_lang)
            return _scalar(text)
        return _scalar(self.value)

    def translation(self, lang: str) -> str | None:
        """The inline translation into lang, if the campaign file gives one."""
        if isinstance(self.value, dict):
            return _scalar(self.value.get(lang))
        return None

    @property
    def is_graphic(self) -> bool:
        """Drawn on a graphic (a post's layout fields and slides, a call to action)."""
        named = [p for p in self.key_path if isinstance(p, str)]
        return (named[:1] == ["posts"] and any(p in GRAPHIC_PARENTS for p in named[1:2])) or \
            named[-1:] == ["cta"]

    @property
    def graphic_field(self) -> str:
        """The layout field name the text fills (headline, title, ...)."""
        last = self.key_path[-1]
        return str(last)


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value)  # a number the source map could not give as written


def text_fields(model: type, data: Any, source: SourceMap | None = None) -> list[TextField]:
    """Every translatable text in data (raw YAML of model), in file order.

    With the source map, a scalar YAML read as a number or boolean (`7:30`, `yes`) is the text
    as written, as the campaign's own text fields read it.
    """
    return list(_walk(Record(model), data, (), "", source))


def _walk(kind: FieldType, data: Any, key_path: KeyPath, key: str, source: SourceMap | None
          ) -> Iterator[TextField]:
    if isinstance(kind, Text):
        if _is_text_value(data):
            yield TextField(key_path, key, _as_written(data, key_path, source))
    elif isinstance(kind, Record):
        if isinstance(data, dict):
            for name, field in kind.fields.items():
                if name in data:
                    child = f"{key}.{name}" if key else name
                    yield from _walk(field.metadata["type"], data[name], (*key_path, name), child,
                                     source)
    elif isinstance(kind, ListOf):
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from _walk(kind.item, item, (*key_path, index),
                                 f"{key}[{_item_name(item, index)}]", source)
    elif isinstance(kind, MapOf):
        if isinstance(data, dict):
            for name, item in data.items():
                yield from _walk(kind.value, item, (*key_path, name), f"{key}.{name}", source)
    elif isinstance(kind, Either):
        for python_type, option in kind.options:
            if isinstance(data, python_type):
                yield from _walk(option, data, key_path, key, source)
                break


def _as_written(data: Any, key_path: KeyPath, source: SourceMap | None) -> Any:
    if source is None:
        return data
    if isinstance(data, dict):
        return {lang: _as_written(text, (*key_path, lang), source) for lang, text in data.items()}
    if isinstance(data, str):
        return data
    return source.text_as_written(key_path) or data


def _is_text_value(data: Any) -> bool:
    if isinstance(data, dict):
        return bool(data) and all(isinstance(k, str) and LANGUAGE_CODE.match(k) for k in data)
    return _scalar(data) is not None or isinstance(data, bool)


def _item_name(item: Any, index: int) -> str:
    """A post is named by its id, so reordering posts keeps its translations."""
    if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"].strip():
        return str(item["id"])
    return str(index)


def split_key(key: str) -> list[str] | None:
    """`posts[x].text.headline` as ["posts", "x", "text", "headline"], or None if malformed."""
    parts: list[str] = []
    position = 0
    while position < len(key):
        match = _PART.match(key, position)
        if match is None or match.end() == position:
            return None
        parts.append(match.group(1) or match.group(2))
        position = match.end()
    return parts or None
