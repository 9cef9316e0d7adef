"""Render one image job to encoded bytes through the layout engine."""

from __future__ import annotations

import io

from PIL import Image

from toolkit.errors import Location, Problem, ProblemsError
from toolkit.graphics.draw import compose
from toolkit.graphics.encode import EncodeError, encode
from toolkit.plan import ImageJob, RenderedImage, TextBoxReport

__all__ = ["RenderedImage", "TextBoxReport", "render_image", "render_with_pixels"]

_PNG_RGB = 2  # IHDR colour type of a truecolour PNG (byte 25 of the file)


def render_image(job: ImageJob) -> RenderedImage:
    """Draw and encode; any error (text that cannot fit, a missing glyph) is raised located."""
    return render_with_pixels(job)[0]


def render_with_pixels(job: ImageJob) -> tuple[RenderedImage, Image.Image]:
    """The rendered image and the pixels its file decodes to (the drawn canvas itself for a
    truecolour PNG; the file decoded again for a JPEG or a palette PNG)."""
    composition = compose(job)
    if composition.errors:
        raise ProblemsError(composition.errors)
    spec = job.format.spec
    try:
        data = encode(composition.image, job.file_type, spec.dpi, spec.max_bytes)
    except EncodeError as exc:
        where = Location.of_file(job.layout.path)
        raise ProblemsError([Problem(where, f"{job.output} of post '{job.post_id}' "
                                            f"({job.format.name}, {job.lang}): {exc}")]) from None
    rendered = RenderedImage(job.output, data, job.format.width, job.format.height,
                             composition.boxes)
    if job.file_type == "png" and data[25] == _PNG_RGB:
        return rendered, composition.image
    with Image.open(io.BytesIO(data)) as decoded:
        return rendered, decoded.convert("RGB")
