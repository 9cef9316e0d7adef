"""Compose one image job: pick the layout's variant for the format and draw its layers in order."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from toolkit.errors import Problem
from toolkit.graphics.canvas import Canvas
from toolkit.graphics.conditions import applies
from toolkit.graphics.layers import LAYER_DRAW
from toolkit.graphics.scene import Scene
from toolkit.load.layoutbody import compile_layout
from toolkit.plan import ImageJob, ShapeReport, TextBoxReport


@dataclass(frozen=True)
class Composition:
    """The drawn canvas, where each text went, and what went wrong (errors and warnings)."""

    image: Image.Image
    boxes: tuple[TextBoxReport, ...]
    problems: tuple[Problem, ...]
    shapes: tuple[ShapeReport, ...] = ()
    logos: tuple[tuple[int, int, int, int], ...] = ()
    scrims: tuple[tuple[str, tuple[int, int, int, int], tuple[int, int, int], float], ...] = ()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def compose(job: ImageJob) -> Composition:
    """Draw every layer that applies; problems are collected, not raised."""
    layout = compile_layout(job.layout)
    fmt = job.format
    treatment = job.treatment
    canvas = Canvas.of(fmt, layout.margin_for(fmt, treatment, job.qr), job.direction == "rtl")
    background = job.brand.colors.background
    layers = tuple(layer for layer in layout.layers_for(fmt, treatment, job.qr)
                   if applies(layer, job))
    scene = Scene(job, canvas, Image.new("RGBA", (fmt.width, fmt.height), background),
                  layers=layers)
    for layer in layers:
        LAYER_DRAW[layer.type](layer, scene)
    _report_covered_text(scene)
    return Composition(scene.image.convert("RGB"), tuple(scene.reports), tuple(scene.problems),
                       tuple(scene.shapes), tuple(scene.logos), tuple(scene.scrims))


def _report_covered_text(scene: Scene) -> None:
    """A QR code drawn over words (boxes of a layout that overlap in some format), said at the
    code's layer: `check` finds it in a layout of one's own, not only on the contact sheet."""
    for layer in scene.layers:
        if layer.type != "qr":
            continue
        for shape in (s for s in scene.shapes if s.name == layer.name):
            for text in scene.reports:
                if _meet(shape.box, text.box):
                    scene.report_layer(layer, f"the QR code of {scene.tag} covers {text.field}; "
                                              "give the qr layer and the text boxes that do "
                                              "not overlap in this format")


def _meet(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
