"""Plain readable text from graphic text: emphasis marks removed, fields joined as sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable

EMPHASIS = re.compile(r"(?<!\\)\*(.+?)(?<!\\)\*")
SENTENCE_END = ".!?…:;。！？؟"


def plain_text(text: str) -> str:
    """Graphic text without `*emphasis*` marks and with its spaces folded."""
    return " ".join(EMPHASIS.sub(r"\1", text).replace("\\*", "*").split())


def join_sentences(parts: Iterable[str]) -> str:
    """Texts in reading order as one line: a period between them unless one reads on."""
    result = ""
    for part in (plain_text(p) for p in parts):
        if not part:
            continue
        if not result:
            result = part
        elif result[-1] in SENTENCE_END or not part[0].isupper():
            result = f"{result} {part}"
        else:
            result = f"{result}. {part}"
    return result


def reading_text(fields: Iterable[tuple[str, str]]) -> str:
    """Named graphic texts in reading order as one line; a quote reads “quote” — attribution."""
    named = dict(fields)
    if named.get("quote"):
        quote = f"“{plain_text(named.pop('quote'))}”"
        attribution = plain_text(named.pop("attribution", ""))
        named = {"quote": f"{quote} — {attribution}" if attribution else quote, **named}
    return join_sentences(named.values())
