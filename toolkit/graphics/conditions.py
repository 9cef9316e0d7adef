"""Decide whether a layer's `when` holds for an image job."""

from __future__ import annotations

from toolkit.load.layerspec import SHORT_NUMBER, Layer
from toolkit.load.model import TREATMENTS
from toolkit.plan import ImageJob


def applies(layer: Layer, job: ImageJob) -> bool:
    """Whether a layer's `when` holds for this job: every condition joined by +."""
    return all(holds(when, job) for when in layer.when.split("+") if when)


def holds(when: str, job: ImageJob) -> bool:
    """Whether one condition holds for this job."""
    if when in TREATMENTS:
        return job.treatment == when
    checks = {
        "photo": job.background is not None,
        "no-photo": job.background is None,
        "slides": job.slides > 0,
        "first-slide": job.slide <= 1,
        "later-slide": job.slide > 1,
        "last-slide": job.slide == job.slides,
        "not-last-slide": job.slide < job.slides,
        "middle-slide": 1 < job.slide < job.slides,
        "final-slide": 1 < job.slide == job.slides,
        "not-final-slide": not 1 < job.slide == job.slides,
        "short-number": len(job.text("number").replace(" ", "")) <= SHORT_NUMBER,
        "long-number": len(job.text("number").replace(" ", "")) > SHORT_NUMBER,
        "dated": bool(job.text("day").strip()),
        "undated": not job.text("day").strip(),
        "link": bool(job.link),
        "qr": job.qr,
    }
    return checks[when]
