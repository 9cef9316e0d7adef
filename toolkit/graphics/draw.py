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
    return Composition(scene.image.convert("RGB"), tuple(scene.reports), tuple(scene.problems),
                       tuple(scene.shapes), tuple(scene.logos), tuple(scene.scrims))
