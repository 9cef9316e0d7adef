"""Render one image job to encoded bytes (placeholder until the layout engine lands)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw

from toolkit.plan import ImageJob


@dataclass(frozen=True)
class TextBoxReport:
    """Where a text field was drawn, at which size, and its measured contrast."""

    field: str
    box: tuple[int, int, int, int]
    frame: tuple[int, int, int, int]
    size: int
    min_size: int
    contrast: float
    large: bool


@dataclass(frozen=True)
class RenderedImage:
    output: str
    data: bytes
    width: int
    height: int
    boxes: tuple[TextBoxReport, ...] = ()


def render_image(job: ImageJob) -> RenderedImage:
    fmt = job.format
    image = Image.new("RGB", (fmt.width, fmt.height), job.brand.colors.primary)
    draw = ImageDraw.Draw(image)
    draw.text((40, 40), "\n".join(text for _, text in job.fields), fill="#FFFFFF")
    buffer = io.BytesIO()
    if job.file_type == "jpeg":
        image.save(buffer, "JPEG", quality=92, subsampling=0)
    else:
        image.save(buffer, "PNG")
    return RenderedImage(job.output, buffer.getvalue(), fmt.width, fmt.height)
