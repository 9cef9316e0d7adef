"""The state of one image being composed: job, canvas, pixels, text reports and problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from PIL import Image

from toolkit.errors import Location, Problem
from toolkit.graphics.canvas import Canvas
from toolkit.graphics.contrast import RGB
from toolkit.graphics.palette import role_rgb
from toolkit.graphics.text.langdata import local_digits, open_quote
from toolkit.load.layerspec import Layer
from toolkit.plan import ImageJob, ShapeReport, TextBoxReport

__all__ = ["Scene", "display_url", "local_digits", "open_quote"]


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
    layers: tuple[Layer, ...] = ()  # every layer of the job, for layers that look ahead
    # Each measured scrim: layer name, px box, color and the opacity it took.
    scrims: list[tuple[str, tuple[int, int, int, int], RGB, float]] = field(default_factory=list)

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
        """What a fixed text may name: the layout's fields ("" when the post leaves one out)
        and the values of docs/layouts.md's placeholders."""
        job = self.job
        fields = dict.fromkeys(job.layout.header.fields or {}, "") | dict(job.fields)
        return fields | {
                "url": job.qr_url, "site": display_url(job.qr_url), "brand": job.brand.name,
                "slide": local_digits(str(job.slide), job.lang),
                "slides": local_digits(str(job.slides), job.lang),
                "open_quote": open_quote(job.lang), "cta": job.cta,
                "link": job.strip_link.replace("/", "/\u200b"),
                # The swipe cue points where the next slide is: left in right-to-left languages.
                "swipe": "\u2190" if self.canvas.rtl else "\u2192",
                "post_link": display_url(job.link) if job.link else ""}


def display_url(url: str) -> str:
    """A link as people type it: laforward.org/budget."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    # A zero-width space after each slash lets a long link wrap there, not mid-word.
    return (host + path).replace("/", "/\u200b")
