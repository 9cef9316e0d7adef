"""Derive an image's alt text from its graphic text, in reading order."""

from __future__ import annotations

from toolkit.plan import ImageJob
from toolkit.readable import reading_text


def derive_alt(job: ImageJob) -> str:
    """The layout's fields in their declared order, joined as sentences."""
    order = list((job.layout.header.fields or {}).keys())
    texts = dict(job.fields)
    names = [n for n in order if texts.get(n)] + [n for n in texts if n not in order]
    alt = reading_text((name, texts[name]) for name in names)
    return f"{job.slide}/{job.slides}: {alt}" if job.slide else alt
