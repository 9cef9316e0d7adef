"""Split a caption that is too long for one post into a numbered thread.

Each part ends with ` i/n`: a suffix keeps the opening words of every part visible in feeds
and notifications, where previews cut the end. Parts break at the strongest boundary that
fits: paragraphs, then sentences, then words, then graphemes; a link is never broken.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from toolkit.captions.counting import find_urls, fits, graphemes

_PARAGRAPH_BREAK = regex.compile(r"(?<=\n[^\S\n]*\n\s*)(?=\S)")
# A sentence ends at . ! ? … ؟ ۔ plus closing quotes or brackets and a space, or at a CJK
# full stop, which needs no space after it.
_SENTENCE_BREAK = regex.compile(
    r"(?<=[.!?…؟۔][\p{Pe}\p{Pf}\"']*\s+)(?=\S)"
    r"|(?<=[。！？][\p{Pe}\p{Pf}]*)(?=[^\s\p{Pe}\p{Pf}。！？])"
)
_WORD_BREAK = regex.compile(r"(?<=\s)(?=\S)")


def _split_paragraphs(text: str) -> list[str]:
    return _PARAGRAPH_BREAK.split(text)


def _split_sentences(text: str) -> list[str]:
    return _SENTENCE_BREAK.split(text)


def _split_words(text: str) -> list[str]:
    return _WORD_BREAK.split(text)


def _split_graphemes(text: str) -> list[str]:
    """Split into graphemes, keeping each link whole."""
    pieces: list[str] = []
    position = 0
    for start, end in find_urls(text):
        pieces += graphemes(text[position:start])
        pieces.append(text[start:end])
        position = end
    return pieces + graphemes(text[position:])


# Every splitter returns pieces that join back into its input, trailing space kept on each.
_LEVELS: tuple[Callable[[str], list[str]], ...] = (
    _split_paragraphs,
    _split_sentences,
    _split_words,
    _split_graphemes,
)
_WORD_LEVEL = _LEVELS.index(_split_words)


def _trailing_space(piece: str) -> str:
    return piece[len(piece.rstrip()) :]


def _pack(text: str, part_fits: Callable[[str], bool], level: int = 0) -> list[str]:
    """Greedily join the pieces of text at level into as few fitting parts as it can."""
    parts: list[str] = []
    current = ""
    for piece in _LEVELS[level](text):
        if part_fits((current + piece).strip()):
            current += piece
        elif part_fits(piece.strip()):
            parts.append(current)
            current = piece
        elif level + 1 < len(_LEVELS):
            # A paragraph or sentence too long for a part starts a new one; a word is cut
            # anyway, so it first fills the open part.
            if level < _WORD_LEVEL:
                parts.append(current)
                current = ""
            *done, current = _pack(current + piece, part_fits, level + 1)
            parts += done
            current += _trailing_space(piece)
        else:
            raise ValueError(f"{piece.strip()!r} cannot fit in one part of the thread")
    parts.append(current)
    return [part.strip() for part in parts if part.strip()]


def _fits_with_number(rule: str, limit: int, widest: str) -> Callable[[str], bool]:
    return lambda part: fits(rule, part + widest, limit)


def split_thread(text: str, rule: str, limit: int) -> list[str]:
    """Split text into parts that each fit limit under rule, numbered ` i/n` when split.

    Surrounding whitespace is dropped. Raises ValueError when a single link or grapheme
    cannot fit in a part together with its number.
    """
    text = text.strip()
    if fits(rule, text, limit):
        return [text]
    # Reserve room for the widest number of a digit count; if the thread then needs more
    # digits (9 parts becoming 10), pack again with the wider reserve.
    digits = 1
    while True:
        widest = f" {'9' * digits}/{'9' * digits}"
        parts = _pack(text, _fits_with_number(rule, limit, widest))
        if len(str(len(parts))) <= digits:
            return [f"{part} {i}/{len(parts)}" for i, part in enumerate(parts, 1)]
        digits += 1
