"""The format table: built-in platform formats from data, plus custom ones from toolkit.yaml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from toolkit.errors import Problems
from toolkit.load.fields import Context, MapOf, Record
from toolkit.load.model import FormatSpec
from toolkit.load.yamlsource import load_yaml

FORMATS_FILE = Path(__file__).parent.parent / "data" / "formats.yaml"


@dataclass(frozen=True)
class Format:
    """A named format with its figures."""

    name: str
    spec: FormatSpec

    @property
    def width(self) -> int:
        return self.spec.width

    @property
    def height(self) -> int:
        return self.spec.height

    @property
    def platform(self) -> str:
        return self.spec.platform

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def shape(self) -> str:
        """square, portrait, story (tall) or landscape: layouts vary by it."""
        ratio = self.spec.height / self.spec.width
        if 0.9 <= ratio <= 1.1:
            return "square"
        if ratio >= 1.6:
            return "story"
        return "portrait" if ratio > 1 else "landscape"

    @property
    def safe(self) -> tuple[int, int, int, int]:
        top, right, bottom, left = self.spec.safe[:4]
        return (top, right, bottom, left)


def load_builtin_formats() -> dict[str, Format]:
    """The shipped format table; it is part of the package, so a problem in it is a bug."""
    data, source = load_yaml(FORMATS_FILE)
    problems = Problems()
    ctx = Context(source, problems, FORMATS_FILE.parent, FORMATS_FILE.parent)
    specs = MapOf(Record(FormatSpec)).check(data, (), ctx)
    if problems.errors or specs is None:
        raise RuntimeError("built-in formats are invalid: " + "; ".join(map(str, problems.items)))
    return {name: Format(name, spec) for name, spec in specs.items()}


FORMATS: Mapping[str, Format] = MappingProxyType(load_builtin_formats())


def social_format_names(formats: Mapping[str, Format]) -> tuple[str, ...]:
    return tuple(name for name, fmt in formats.items() if fmt.kind == "social")
