"""The state of one image being composed: job, canvas, pixels, text reports and problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from PIL import Image

from toolkit.errors import Location, Problem
from toolkit.graphics.canvas import Canvas
from toolkit.graphics.contrast import RGB
from toolkit.graphics.palette import role_rgb
from toolkit.graphics.report import ShapeReport, TextBoxReport
from toolkit.load.layerspec import Layer
from toolkit.plan import ImageJob


@dataclass
class Scene:
    """Mutable while the layers are drawn; read once they are done."""

    job: ImageJob
    canvas: Canvas
    image: Image.Image
    reports: list[TextBoxReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    shapes: list[ShapeReport] = field(default_factory=list)
    logos: list[tuple[int, int, int, int]] = field(default_factory=list)

    def color(self, name: str) -> RGB:
        """A brand role, a derived ground (dark, light), white/black, or "#RRGGBB" as RGB."""
        return role_rgb(self.job.brand.colors, name)

    @property
    def tag(self) -> str:
        """How a message names the image: post 'x' (story, es)."""
        job = self.job
        return f"post '{job.post_id}' ({job.format.name}, {job.lang})"

    def label(self, layer: Layer, field_name: str) -> str:
        """text.headline, slides[1].title, or the fixed text's layer."""
        if field_name == "cta":
            return "cta"
        if not field_name:
            return f"the {layer.name} text of layout '{self.job.layout.name}'"
        if self.job.slide:
            return f"slides[{self.job.slide - 1}].{field_name}"
        return f"text.{field_name}"

    def location(self, layer: Layer, field_name: str) -> Location | None:
        if field_name:
            return self.job.location(field_name)
        return self.job.layout.source.value(layer.key_path)

    def error(self, layer: Layer, field_name: str, message: str) -> None:
        self.report(Problem(self.location(layer, field_name), message))

    def warn(self, layer: Layer, field_name: str, message: str) -> None:
        self.report(Problem(self.location(layer, field_name), message, "warning"))

    def report_layer(self, layer: Layer, message: str) -> None:
        """A warning located at the layer in its layout file."""
        self.report(Problem(self.job.layout.source.value(layer.key_path), message, "warning"))

    def report(self, problem: Problem) -> None:
        if problem not in self.problems:
            self.problems.append(problem)

    def placeholders(self) -> dict[str, str]:
        job = self.job
        return {"url": job.qr_url, "site": display_url(job.qr_url), "brand": job.brand.name,
                "slide": local_digits(str(job.slide), job.lang),
                "slides": local_digits(str(job.slides), job.lang),
                "open_quote": open_quote(job.lang), "cta": job.cta,
                "link": job.strip_link.replace("/", "/\u200b")}


# The opening quotation mark each language sets; others use the English one. A mark drawn on its
# own is not mirrored, so right-to-left languages get the glyph readers see at the start of a
# quotation: the guillemet pointing outward, to the right.
OPEN_QUOTES = {
    "\u00ab": ("fr", "hy", "ru", "uk", "el", "it", "no", "nb"),
    "\u00bb": ("ar", "ckb", "fa", "ps", "ur", "de"),  # German also sets \u00bbso\u00ab
    "\u300c": ("ja", "zh"),
}
QUOTE_BY_LANG = {lang: mark for mark, langs in OPEN_QUOTES.items() for lang in langs}


def open_quote(lang: str) -> str:
    """The opening quotation mark of lang as drawn: \u201c in English or Korean, \u00ab in
    French, \u00bb in Persian."""
    return QUOTE_BY_LANG.get(lang.replace("_", "-").split("-")[0].lower(), "\u201c")


# The digits a language sets numbers in where its own are the norm; every other language, and
# the regions that write Western digits (Arabic in the Maghreb), keeps 0-9. Looked up by the
# full tag, then language-region, then the language.
ASCII_DIGITS = "0123456789"
LOCAL_DIGITS = {
    "fa": "۰۱۲۳۴۵۶۷۸۹",  # Extended Arabic-Indic, U+06F0-U+06F9
    "ar": "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic, U+0660-U+0669
    "ar-dz": ASCII_DIGITS,
    "ar-eh": ASCII_DIGITS,
    "ar-ly": ASCII_DIGITS,
    "ar-ma": ASCII_DIGITS,
    "ar-tn": ASCII_DIGITS,
}


def local_digits(text: str, lang: str) -> str:
    """text with its ASCII digits in lang's own: "2/4" is "\u06f2/\u06f4" in Persian,
    "\u0662/\u0664" in Arabic, and stays "2/4" in English or Moroccan Arabic."""
    parts = lang.replace("_", "-").lower().split("-")
    tags = ["-".join(parts), *(f"{parts[0]}-{part}" for part in parts[1:]), parts[0]]
    digits = next((LOCAL_DIGITS[tag] for tag in tags if tag in LOCAL_DIGITS), ASCII_DIGITS)
    return text.translate(str.maketrans(ASCII_DIGITS, digits))


def display_url(url: str) -> str:
    """A link as people type it: laforward.org/budget."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    # A zero-width space after each slash lets a long link wrap there, not mid-word.
    return (host + path).replace("/", "/\u200b")
