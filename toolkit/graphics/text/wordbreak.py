"""Cut text into glyphs that know their font and emphasis, grouped into unbreakable words.

Spaces, CJK characters and number-unit rules decide where a line may break; everything
between two such places is one Word.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import regex

from toolkit.graphics.text.block import TextStyle
from toolkit.graphics.text.fonts import assign_fonts, graphemes
from toolkit.graphics.text.langdata import facts, fold
from toolkit.graphics.text.months import date_end, month_after_day, month_length

_LINE_BREAKS = regex.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")
_NO_BREAK_SPACES = frozenset({"\u00a0", "\u202f", "\u2007", "\u2060", "\ufeff"})
_ZERO_WIDTH_BREAK = "\u200b"
# Scripts written without spaces whose lines may break between any two characters. Thai, Lao,
# Khmer and Burmese also go without spaces but need a dictionary to find words: they break at
# spaces and U+200B only, and between letters only as a last resort.
_CHARACTER_SCRIPTS = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Bopomofo}\u3000-\u303f\uff00-\uffef]"
)
_GROUP = regex.compile(r"\p{Nd}{3}(?:[.,]\p{Nd}+)?[\p{Po}\p{Pe}\p{Pf}%]*")
_LABELLED_NUMBER = regex.compile(r"\p{Nd}[\p{Nd}.,:/\-]*[\p{Po}\p{Pe}\p{Pf}]*")
_STREET_NUMBER = regex.compile(r"\p{Nd}{1,5}[a-zA-Z]?(?:[-/]\p{Nd}{1,5}[a-zA-Z]?)?,?")
_NAME_PARTICLES = frozenset("de del la las los da do das dos des du le di van von".split())
_MAX_STREET_WORDS = 5


@dataclass(frozen=True)
class Glyph:
    """A grapheme cluster with the font that draws it and its emphasis."""

    text: str
    font: Path
    emoji: bool
    emphasis: bool


@dataclass(frozen=True)
class Word:
    """Glyphs no line may break inside, with what follows them."""

    glyphs: tuple[Glyph, ...]
    space: Glyph | None = None  # a breaking space, dropped when the line ends here
    hard_break: bool = False  # a forced line break follows
    glued: bool = False  # words joined across a space ("10:00 AM", "1 de mayo")

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)

    @property
    def breakable(self) -> bool:
        """Whether the word may be broken between letters when it is wider than the box: a
        word of letters; never a number, an amount, a date or other glued words."""
        return not self.glued and not any(g.text[0].isdigit() for g in self.glyphs)


def parse_emphasis(text: str) -> list[tuple[str, bool]]:
    """Split `*marked*` text into (text, emphasised) pieces; `\\*` is a literal asterisk."""
    pieces = regex.split(r"(\\\*|\*)", text)
    stars = [i for i, piece in enumerate(pieces) if piece == "*"]
    paired = set(stars[: len(stars) - len(stars) % 2])
    result: list[tuple[str, bool]] = []
    emphasis = False
    for index, piece in enumerate(pieces):
        if index in paired:
            emphasis = not emphasis
        elif piece:
            result.append(("*" if piece == "\\*" else piece, emphasis))
    return result


def prepare_glyphs(text: str, style: TextStyle) -> list[Glyph]:
    """Normalise text, strip its emphasis marks and give each grapheme its font."""
    normal = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", text)).replace("\t", " ")
    pieces = parse_emphasis(normal)
    if style.uppercase:
        pieces = [(piece.upper(), emphasis) for piece, emphasis in pieces]
    clusters: list[str] = []
    flags: list[bool] = []
    for piece, emphasis in pieces:
        found = graphemes(piece)
        clusters += found
        flags += [emphasis] * len(found)
    fonts = assign_fonts(clusters, style.chain, "".join(clusters))
    return [
        Glyph(cluster, font, font == style.chain.emoji, emphasis)
        for cluster, font, emphasis in zip(clusters, fonts, flags, strict=True)
    ]


def split_words(glyphs: Sequence[Glyph]) -> list[Word]:
    """Group glyphs into unbreakable words at spaces, forced breaks and CJK characters."""
    words: list[Word] = []
    current: list[Glyph] = []
    for glyph in glyphs:
        if glyph.text == "\n":
            _close(words, current, hard_break=True)
        elif _is_breaking_space(glyph.text):
            _close(words, current, space=glyph)
        elif glyph.text == _ZERO_WIDTH_BREAK:
            _close(words, current)
        else:
            if current and _breaks_between(current[-1].text, glyph.text):
                _close(words, current)
            current.append(glyph)
    _close(words, current)
    return words


def _close(
    words: list[Word], current: list[Glyph], space: Glyph | None = None, hard_break: bool = False
) -> None:
    if current:
        words.append(Word(tuple(current), space, hard_break))
        current.clear()
    elif hard_break and words:
        words[-1] = replace(words[-1], space=None, hard_break=True)


def _is_breaking_space(cluster: str) -> bool:
    return cluster.isspace() and cluster not in _NO_BREAK_SPACES


def _breaks_between(before: str, after: str) -> bool:
    """Whether a line may break between two touching graphemes (Chinese, Japanese: mostly)."""
    if not (_CHARACTER_SCRIPTS.match(before) or _CHARACTER_SCRIPTS.match(after)):
        return False
    if after[0] in facts().chars("no_break_before"):
        return False
    if before[0] in facts().chars("no_break_after"):
        return False
    return not before[0].isdigit()  # keep "2024年", "5月" whole


def glue_words(words: list[Word]) -> list[Word]:
    """Join words no line may break between: a number and its unit or currency ("10:00 AM",
    "$ 3", "50 por ciento", "1 250 000"), a date ("1 de mayo de 2024", "May 1, 2024"), an
    address's number and its street ("200 North Spring Street", "Calle Mayor 5"), a label and
    its number ("District 13", "ساعت ۱۰"), and punctuation set off by a space ("Oui !").

    The facts are every language's (an untranslated date is still a date). The spaces stay
    inside the joined word: a word too wide for the box even at the smallest size is split at
    them before anything else (see hyphenate).
    """
    texts = [word.text for word in words]
    joins = [False] * len(words)
    for start, end in _spans(texts):
        for index in range(max(0, start), end - 1):
            joins[index] = True
    glued: list[Word] = []
    for index, word in enumerate(words):
        previous = glued[-1] if glued else None
        if previous and not previous.hard_break and joins[index - 1]:
            space = (previous.space,) if previous.space else ()
            glued[-1] = Word((*previous.glyphs, *space, *word.glyphs), word.space,
                             word.hard_break, glued=True)
        else:
            glued.append(word)
    return glued


def _spans(texts: Sequence[str]) -> Iterator[tuple[int, int]]:
    """Ranges of words [start, end) that stay on one line."""
    for index in range(len(texts)):
        for end in (date_end(texts, index), _address_end(texts, index)):
            if end > index + 1:
                yield index, end
        end = _unit_end(texts, index)
        if end > index:
            yield index - 1, end
        if index + 1 < len(texts) and _pair(texts, index):
            yield index, index + 2
        length = month_length(texts, index)
        if length > 1:  # a month's name of several words ("كانون الثاني") is one name
            yield index, index + length


def _unit_end(texts: Sequence[str], index: int) -> int:
    """The end of a unit of one or more words that starts at index after a number; index if
    there is none: "10:00 AM", "50 por ciento", "10:00 a. m.", "3 millones"."""
    if index == 0 or not texts[index - 1][-1:].isdigit():
        return index
    if texts[index].startswith("%"):
        return index + 1
    units = facts().phrases("units")
    longest = max(len(unit) for unit in units)
    for length in range(min(longest, len(texts) - index), 0, -1):
        parts = [fold(text) for text in texts[index : index + length]]
        last = parts[-1].rstrip(".,;:!?")
        if tuple(parts) in units or (*parts[:-1], last) in units:
            return index + length
    return index


def _pair(texts: Sequence[str], index: int) -> bool:
    """Two words that stay together: "$ 3", "1 250", "District 13", "ساعت ۱۰", "« Oui"."""
    before, after = texts[index], texts[index + 1]
    if fold(before) in facts().words("number_prefixes") and after[0].isdigit():
        return True
    if before.isdigit() and len(before) <= 3 and _GROUP.fullmatch(after):
        return True  # "1 250 000", "10 000 €": digits grouped by spaces
    if fold(before) in facts().words("number_labels") and _LABELLED_NUMBER.fullmatch(after):
        return True
    unit = after.rstrip(".,;:!?")
    # "May 1", "Sept. 5", "District 13"; not "Hall, 200" across a comma, and not a day that
    # starts a date of its own ("Miércoles / 1 de mayo")
    labelled = (before[0].isupper() and before[-1] not in facts().chars("clause_end")
                and month_after_day(texts, index + 1) is None)
    if labelled and unit.isdigit() and len(unit) <= 4:
        return True
    return (set(after) <= facts().chars("attached_punctuation")
            or set(before) <= facts().chars("opening_punctuation"))


def _address_end(texts: Sequence[str], index: int) -> int:
    """The end of an address that starts at index, or index: a number then its street ("200
    North Spring Street", "5 rue de la Paix") or a street word, its name and its number ("Calle
    Mayor 5", "Rua Augusta, 200")."""
    text = texts[index]
    if _STREET_NUMBER.fullmatch(text) and not text.endswith(","):
        return _street_after_number(texts, index + 1) or index
    if fold(text) in facts().words("street_types_before"):
        for end in range(index + 1, min(len(texts), index + 1 + _MAX_STREET_WORDS)):
            if _STREET_NUMBER.fullmatch(texts[end]) and end > index + 1:
                return end + 1
            if not _is_name_word(texts[end]) or texts[end][-1] in ".;:":
                break
    return index


def _street_after_number(texts: Sequence[str], start: int) -> int:
    """The end of the street after an address's number, or 0 if no street follows."""
    if start < len(texts) and fold(texts[start]) in facts().words("street_types_before"):
        end = start + 1  # "5 rue de la Paix": the street word, particles, then the name
        while end < len(texts) and end - start <= _MAX_STREET_WORDS:
            if texts[end].lower() not in _NAME_PARTICLES:
                return end + 1 if _is_name_word(texts[end]) else 0
            end += 1
        return 0
    directions = facts().words("street_directions") | facts().words("street_words")
    for end in range(start, min(len(texts), start + _MAX_STREET_WORDS)):
        word = texts[end].rstrip(",.;:")
        if fold(word) in facts().words("street_types") and end > start:
            return end + 1  # "200 North Spring Street", "200 N Spring St."
        if not (_is_name_word(word) or fold(word) in directions) or texts[end][-1] in ",;:":
            break
    return 0


def _is_name_word(text: str) -> bool:
    letter = text.lstrip("\"'([{‘“«")[:1]
    return letter.isupper() and letter.isalpha()
