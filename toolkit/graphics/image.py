"""Render one image job to encoded bytes through the layout engine."""

from __future__ import annotations

from toolkit.errors import Location, Problem, ProblemsError
from toolkit.graphics.draw import compose
from toolkit.graphics.encode import EncodeError, encode
from toolkit.graphics.report import RenderedImage, TextBoxReport
from toolkit.plan import ImageJob

__all__ = ["RenderedImage", "TextBoxReport", "render_image"]


def render_image(job: ImageJob) -> RenderedImage:
    """Draw and encode; any error (text that cannot fit, a missing glyph) is raised located."""
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
    return RenderedImage(job.output, data, job.format.width, job.format.height,
                         composition.boxes)
