"""Derive an image's alt text from its graphic text, in reading order."""

from __future__ import annotations

import re

from toolkit.plan import ImageJob

EMPHASIS = re.compile(r"(?<!\\)\*(.+?)(?<!\\)\*")
SENTENCE_END = ".!?…:;。！？؟"


def derive_alt(job: ImageJob) -> str:
    """The layout's fields in their declared order, joined as sentences."""
    order = list((job.layout.header.fields or {}).keys())
    texts = dict(job.fields)
    names = [n for n in order if texts.get(n)] + [n for n in texts if n not in order]
    alt = ""
    for name in names:
        text = " ".join(EMPHASIS.sub(r"\1", texts[name]).replace("\\*", "*").split())
        if not text:
            continue
        if not alt:
            alt = text
        elif alt[-1] in SENTENCE_END or not text[0].isupper():
            alt = f"{alt} {text}"
        else:
            alt = f"{alt}. {text}"
    if job.slide:
        alt = f"{job.slide}/{job.slides}: {alt}"
    return alt
