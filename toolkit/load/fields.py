"""Field types that validate located YAML data into frozen models and describe it as JSON Schema."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
import os
import re
from collections.abc import Mapping
from dataclasses import MISSING, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from toolkit.errors import Location, Problems
from toolkit.load.yamlsource import KeyPath, SourceMap, format_key_path

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class LocalText:
    """A human-readable text: one string for every language, or one per language code."""

    values: tuple[tuple[str, str], ...]
    plain: bool = False

    @classmethod
    def of(cls, text: str) -> LocalText:
        return cls((("", text),), plain=True)

    def get(self, lang: str, default_lang: str = "") -> str:
        """The text in lang, else in the default language, else the first one given."""
        found = dict(self.values)
        if self.plain:
            return found[""]
        return found.get(lang) or found.get(default_lang) or self.values[0][1]

    def has(self, lang: str) -> bool:
        return self.plain or lang in dict(self.values)

    @property
    def languages(self) -> tuple[str, ...]:
        return () if self.plain else tuple(lang for lang, _ in self.values)


class Context:
    """What a validation pass needs: the source map, the problem list and path roots."""

    def __init__(
        self,
        source: SourceMap,
        problems: Problems,
        workspace: Path,
        base_dir: Path,
        languages: tuple[str, ...] = (),
    ) -> None:
        self.source = source
        self.problems = problems
        self.workspace = workspace
        self.base_dir = base_dir
        self.languages = languages

    def error(self, key_path: KeyPath, message: str) -> None:
        self.problems.error(self.source.value(key_path), message)

    def key_error(self, key_path: KeyPath, message: str) -> None:
        self.problems.error(self.source.key(key_path), message)

    def warn(self, key_path: KeyPath, message: str) -> None:
        self.problems.warn(self.source.value(key_path), message)

    def location(self, key_path: KeyPath) -> Location:
        return self.source.value(key_path)


def type_name(value: Any) -> str:
    names = {str: "text", int: "a number", float: "a number", bool: "true/false",
             list: "a list", dict: "a mapping", type(None): "empty"}
    for kind, name in names.items():
        if type(value) is kind:
            return name
    return type(value).__name__


def as_written(value: Any, key_path: KeyPath, ctx: Context) -> str | None:
    """A scalar as the text the author typed: YAML 1.1 reads `7:30` as 450, `010` as 8, `0x1F`
    as 31, `1e3` as 1000.0 and `yes` as true, but a text field keeps `7:30`, `010`, `yes`."""
    if isinstance(value, str):
        return value
    written = ctx.source.text_as_written(key_path)
    if written:  # an empty value (`headline:`) is missing text, not the text ""
        return written
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


MAX_TEXT = 50_000  # characters of one text in one language: a page body, a letter
MAX_GRAPHIC_TEXT = 1_000  # of a text drawn on a graphic; no format holds more
MAX_NAME = 2_000  # of a name, handle, hashtag or other plain string
MAX_SLUG = 64  # of a post id, which names files


class FieldType:
    """Base of all field types: `check` converts or reports, `json_schema` describes."""

    expected = "a value"

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def wrong_type(self, value: Any, key_path: KeyPath, ctx: Context) -> None:
        name = f"{format_key_path(key_path)}: " if key_path else ""
        ctx.error(key_path, f"{name}expected {self.expected}, got {type_name(value)}")


class Str(FieldType):
    expected = "text"

    def __init__(self, pattern: str | None = None, hint: str = "", choices: tuple[str, ...] = (),
                 max_length: int = MAX_NAME):
        self.pattern = re.compile(pattern) if pattern else None
        self.hint = hint
        self.choices = choices
        self.max_length = max_length

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> str | None:
        text = as_written(value, key_path, ctx)
        if text is None:
            self.wrong_type(value, key_path, ctx)
            return None
        if len(text) > self.max_length:
            ctx.error(key_path, f"'{_short(text)}' is {len(text):,} characters long (at most "
                                f"{self.max_length:,} here)")
            return None
        if self.choices and text not in self.choices:
            name = f"{format_key_path(key_path)}: " if key_path else ""
            hint = did_you_mean(text, self.choices) or f" (choices: {', '.join(self.choices)})"
            ctx.error(key_path, f"{name}unknown value '{text}'{hint}")
            return None
        if self.pattern and not self.pattern.fullmatch(text):
            ctx.error(key_path, f"'{_short(text)}' is not valid: {self.hint}")
            return None
        return text

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string"}
        if self.choices:
            schema["enum"] = list(self.choices)
        if self.pattern:
            schema["pattern"] = self.pattern.pattern
        return schema


class Slug(Str):
    def __init__(self) -> None:
        # It names files (images/en/<id>/<district>-<format>.png): short enough for any disk.
        super().__init__(r"[a-z0-9]+(-[a-z0-9]+)*", "use lowercase letters, digits and dashes",
                         max_length=MAX_SLUG)


class Language(Str):
    def __init__(self) -> None:
        super().__init__(LANGUAGE_CODE.pattern, "use a language code such as en, es or pt-BR")


class Bool(FieldType):
    expected = "true or false"

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> bool | None:
        if not isinstance(value, bool):
            self.wrong_type(value, key_path, ctx)
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class Number(FieldType):
    expected = "a number"

    def __init__(self, minimum: float | None = None, maximum: float | None = None,
                 integer: bool = False) -> None:
        self.minimum, self.maximum, self.integer = minimum, maximum, integer
        if integer:
            self.expected = "a whole number"

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> float | int | None:
        allowed = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, allowed):
            self.wrong_type(value, key_path, ctx)
            return None
        name = f"{format_key_path(key_path)} " if key_path else ""
        if isinstance(value, float) and not math.isfinite(value):
            ctx.error(key_path, f"{name}must be a number, got {value} (not a finite number)")
            return None
        if self.minimum is not None and value < self.minimum:
            ctx.error(key_path, f"{name}must be at least {self.minimum:g}, got {value}")
            return None
        if self.maximum is not None and value > self.maximum:
            ctx.error(key_path, f"{name}must be at most {self.maximum:g}, got {value}")
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


_URL_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029]")


class Url(Str):
    expected = "an http or https URL"

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> str | None:
        text = super().check(value, key_path, ctx)
        if text is None:
            return None
        text = text.strip()
        bad = _URL_SPACE.search(text)
        if bad:  # urlsplit drops CR, LF and tabs silently; the text would keep them
            code = ord(bad.group())
            what = "a space" if code == 32 else f"the control character U+{code:04X}"
            ctx.error(key_path, f"URL '{_short(text.encode('unicode_escape').decode())}' holds "
                                f"{what}; write it on one line without spaces (%20)")
            return None
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            ctx.error(key_path, f"'{_short(text)}' is not an http or https URL")
            return None
        return text

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "uri", "pattern": "^https?://"}


class Color(Str):
    expected = "a color such as \"#123B5D\""

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> str | None:
        text = super().check(value, key_path, ctx)
        if text is None:
            return None
        if not re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", text):
            ctx.error(key_path, f"'{text}' is not a color; write it as \"#RRGGBB\"")
            return None
        if len(text) == 4:
            text = "#" + "".join(c * 2 for c in text[1:])
        return text.upper()

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"}


FIRST_YEAR, LAST_YEAR = 1900, 2999


class DateTime(FieldType):
    expected = "a date such as 2024-05-01 or 2024-05-01T10:00:00-07:00"

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> dt.datetime | dt.date | None:
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value)
            except ValueError:
                ctx.error(key_path, f"'{_short(value)}' is not {self.expected}")
                return None
        if not isinstance(value, dt.datetime | dt.date):
            self.wrong_type(value, key_path, ctx)
            return None
        # Calendars, time zones and the day after an all-day event must all stay representable.
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            ctx.error(key_path, f"the year {value.year} is out of range: a campaign date must "
                                f"be between {FIRST_YEAR} and {LAST_YEAR}")
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date-time"}


class Text(FieldType):
    """A string for every language, or a mapping from language code to string; each at most
    max_length characters (a page's Markdown body is the longest text a campaign has)."""

    expected = "text, or a mapping from language code to text"

    def __init__(self, max_length: int = MAX_TEXT) -> None:
        self.max_length = max_length

    def _long(self, text: str, key_path: KeyPath, ctx: Context) -> bool:
        if len(text) <= self.max_length:
            return False
        ctx.error(key_path, f"this text is {len(text):,} characters long (at most "
                            f"{self.max_length:,} here)")
        return True

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> LocalText | None:
        text = as_written(value, key_path, ctx)
        if text is not None:
            return None if self._long(text, key_path, ctx) else LocalText.of(text)
        if not isinstance(value, dict) or not value:
            self.wrong_type(value, key_path, ctx)
            return None
        pairs: list[tuple[str, str]] = []
        for lang, text in value.items():
            child = (*key_path, lang)
            if ctx.languages and lang not in ctx.languages:
                known = ", ".join(ctx.languages)
                hint = did_you_mean(lang, ctx.languages)
                ctx.key_error(child, f"unknown language '{lang}'{hint} (languages: {known})")
                continue
            written = as_written(text, child, ctx)
            if written is None:
                ctx.error(child, f"expected text, got {type_name(text)}")
                continue
            if self._long(written, child, ctx):
                continue
            pairs.append((lang, written))
        return LocalText(tuple(pairs)) if pairs else None

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "string"},
                          {"type": "object", "additionalProperties": {"type": "string"},
                           "propertyNames": {"pattern": LANGUAGE_CODE.pattern}}]}


class FilePath(FieldType):
    """A file relative to the file that names it, which must exist inside the workspace."""

    expected = "a relative file path"

    def __init__(self, kind: str = "file") -> None:
        self.kind = kind

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> Path | None:
        if not isinstance(value, str) or not value.strip():
            self.wrong_type(value, key_path, ctx)
            return None
        return resolve_inside(value, key_path, ctx, self.kind)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "description": f"path of a {self.kind}, relative to this file"}


def resolve_inside(value: str, key_path: KeyPath, ctx: Context, kind: str) -> Path | None:
    """Resolve value against ctx.base_dir; it must stay inside the workspace and exist."""
    if Path(value).is_absolute() or re.match(r"^[A-Za-z]:[\\/]", value):
        ctx.error(key_path, f"{kind} path '{value}' must be relative, not absolute")
        return None
    candidate = ctx.base_dir / value
    workspace = ctx.workspace.resolve()
    try:
        resolved = candidate.resolve()
        is_file, is_dir = resolved.is_file(), resolved.is_dir()
    except (OSError, RuntimeError, ValueError) as exc:  # too long, a link loop, a NUL byte
        reason = getattr(exc, "strerror", None) or "a link that points to itself"
        ctx.error(key_path, f"{kind} path '{_short(value)}' cannot be used: {reason}")
        return None
    if not resolved.is_relative_to(workspace):
        lexical = Path(os.path.normpath(candidate.absolute()))
        how = " through a link" if lexical.is_relative_to(workspace) else ""
        ctx.error(key_path, f"{kind} path '{_short(value)}' leads outside the workspace{how}")
        return None
    if is_dir:
        ctx.error(key_path, f"{kind} '{_short(value)}' is a folder, not a file")
        return None
    if not is_file:
        found = "is a device, pipe or socket, not a file" if resolved.exists() else "not found"
        ctx.error(key_path, f"{kind} '{_short(value)}' {found}")
        return None
    return resolved


class ListOf(FieldType):
    """A list of items of one type.

    With any item invalid the whole list is None, so no later check sees a half-valid list;
    `partial` keeps the valid items instead (posts: each is checked on its own).
    """

    def __init__(self, item: FieldType, min_items: int = 0, unique: bool = False,
                 partial: bool = False, max_items: int | None = None) -> None:
        self.item, self.min_items, self.unique, self.partial = item, min_items, unique, partial
        self.max_items = max_items
        self.expected = "a list"

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> tuple[Any, ...] | None:
        if not isinstance(value, list):
            self.wrong_type(value, key_path, ctx)
            return None
        valid = len(value) >= self.min_items
        if not valid:
            name = f"{format_key_path(key_path)} " if key_path else ""
            count = "one item" if self.min_items == 1 else f"{self.min_items} items"
            ctx.error(key_path, f"{name}needs at least {count}")
        if self.max_items is not None and len(value) > self.max_items:
            name = f"{format_key_path(key_path)} " if key_path else ""
            ctx.error(key_path, f"{name}takes at most {self.max_items:,} items, got "
                                f"{len(value):,}")
            return None  # its items are not checked: 600 posts would each be drawn
        result = []
        seen: set[Any] = set()
        for index, item in enumerate(value):
            checked = self.item.check(item, (*key_path, index), ctx)
            if self.unique and isinstance(checked, str):
                if checked in seen:
                    ctx.error((*key_path, index), f"'{checked}' is listed twice")
                seen.add(checked)
            if checked is None:
                valid = False
            else:
                result.append(checked)
        return tuple(result) if valid or self.partial else None

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        return schema


class MapOf(FieldType):
    expected = "a mapping"

    def __init__(self, value: FieldType, keys: tuple[str, ...] = ()) -> None:
        self.value, self.keys = value, keys

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.wrong_type(value, key_path, ctx)
            return None
        result = {}
        for key, item in value.items():
            child = (*key_path, key)
            if self.keys and key not in self.keys:
                hint = did_you_mean(key, self.keys) or f" (keys: {', '.join(self.keys)})"
                ctx.key_error(child, f"unknown key '{key}'{hint}")
                continue
            result[key] = self.value.check(item, child, ctx)
        return result

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "object",
                                  "additionalProperties": self.value.json_schema()}
        if self.keys:
            schema["propertyNames"] = {"enum": list(self.keys)}
        return schema


class Either(FieldType):
    """The first of several types that accepts the value's shape."""

    def __init__(self, *options: tuple[type | tuple[type, ...], FieldType]) -> None:
        self.options = options
        self.expected = " or ".join(t.expected for _, t in options)

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> Any:
        for python_type, field_type in self.options:
            if isinstance(value, python_type):
                return field_type.check(value, key_path, ctx)
        self.wrong_type(value, key_path, ctx)
        return None

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [t.json_schema() for _, t in self.options]}


def spec(field_type: FieldType, *, default: Any = MISSING, doc: str = "") -> Any:
    """Declare a model field with its type; fields without a default are required."""
    metadata = {"type": field_type, "doc": doc}
    if isinstance(default, list | dict | set):
        raise TypeError("use a tuple or None for defaults")
    return dataclasses.field(default=default, metadata=metadata)


class Record(FieldType):
    """A mapping validated into a frozen dataclass whose fields were declared with `spec`."""

    expected = "a mapping"

    def __init__(self, model: type, doc: str = "") -> None:
        self.model = model
        self.doc = doc or (model.__doc__ or "").strip()

    @property
    def fields(self) -> dict[str, dataclasses.Field[Any]]:
        return {f.name: f for f in dataclasses.fields(self.model) if "type" in f.metadata}

    def check(self, value: Any, key_path: KeyPath, ctx: Context) -> Any:
        if not isinstance(value, dict):
            self.wrong_type(value, key_path, ctx)
            return None
        fields = self.fields
        values: dict[str, Any] = {}
        for key in value:
            if key not in fields:
                hint = did_you_mean(key, tuple(fields))
                ctx.key_error((*key_path, key), f"unknown key '{key}'{hint}")
        for name, field in fields.items():
            if name in value:
                checked = field.metadata["type"].check(value[name], (*key_path, name), ctx)
                if checked is not None:
                    values[name] = checked
            elif field.default is MISSING:
                where = f" in {format_key_path(key_path)}" if key_path else ""
                ctx.error(key_path, f"missing required key '{name}'{where}")
        if any(f.default is MISSING and n not in values for n, f in fields.items()):
            return None
        if any(f.name == "key_path" for f in dataclasses.fields(self.model)):
            values["key_path"] = key_path
        return self.model(**values)

    def json_schema(self) -> dict[str, Any]:
        properties = {}
        for name, field in self.fields.items():
            schema = dict(field.metadata["type"].json_schema())
            if field.metadata["doc"]:
                schema["description"] = field.metadata["doc"]
            properties[name] = schema
        required = [n for n, f in self.fields.items() if f.default is MISSING]
        result: dict[str, Any] = {"type": "object", "properties": properties,
                                  "additionalProperties": False}
        if required:
            result["required"] = required
        if self.doc:
            result["description"] = self.doc
        return result


def did_you_mean(word: str, choices: tuple[str, ...] | list[str] | Mapping[str, Any]) -> str:
    """A ' (did you mean 'x'?)' hint, or ''."""
    others = [choice for choice in choices if choice != word]  # never "did you mean 'x'" for x
    matches = difflib.get_close_matches(str(word), others, n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
