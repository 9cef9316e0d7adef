"""Cut text into glyphs that know their font and emphasis, grouped into unbreakable words.

Spaces, CJK characters and number-unit rules decide where a line may break; everything
between two such places is one Word.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import regex

from toolkit.graphics.text.block import TextStyle
from toolkit.graphics.text.fonts import assign_fonts, graphemes
from toolkit.graphics.text.months import month_after_day

_LINE_BREAKS = regex.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")
_NO_BREAK_SPACES = frozenset({"\u00a0", "\u202f", "\u2007", "\u2060", "\ufeff"})
_ZERO_WIDTH_BREAK = "\u200b"
# Scripts written without spaces whose lines may break between any two characters. Thai, Lao,
# Khmer and Burmese also go without spaces but need a dictionary to find words: they break at
# spaces and U+200B only, and between letters only as a last resort.
_CHARACTER_SCRIPTS = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Bopomofo}\u3000-\u303f\uff00-\uffef]"
)
_NO_BREAK_BEFORE = frozenset(
    ")]}）］｝〕〉》」』】〙〗〟’”｠»›、。，．：；？！‼⁇⁈⁉・…‥ー〜～゠–—"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻ゝゞヽヾ"
    "｡｣､･ｰｧｨｩｪｫｬｭｮｯ,.!?:;%"
)
_NO_BREAK_AFTER = frozenset("([{（［｛〔〈《「『【〘〖〝‘“｟«‹$£¥€₩＄￥￡#＃")
_UNITS = frozenset(
    "% am pm a.m. p.m. k m b bn mn km cm mm kg g lb lbs mi ft h hr hrs min s ° °c °f "
    "mil million millions millón millones billion billions thousand trillion percent "
    "usd eur € $".split()
)
_CURRENCY_PREFIXES = frozenset("$ € £ ¥ ₩ us$ ca$ a$ no. nº № # §".split())
_ATTACHED_PUNCTUATION = frozenset("!?:;»›%)]}…—–")
_OPENING_PUNCTUATION = frozenset("«‹¿¡([{")
_CLAUSE_END = frozenset(",;:—–،؛")  # a label is not glued across these: "Hall, / 200"


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

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)


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
    if after[0] in _NO_BREAK_BEFORE or before[0] in _NO_BREAK_AFTER:
        return False
    return not before[0].isdigit()  # keep "2024年", "5月" whole


def glue_numbers(words: list[Word]) -> list[Word]:
    """Join words a break must not separate: "10:00 AM", "$ 3", "3 million", "Oui !"."""
    texts = [word.text for word in words]
    glued: list[Word] = []
    for index, word in enumerate(words):
        previous = glued[-1] if glued else None
        # A day that a month follows goes with its month, not with the word before it:
        # "Miércoles / 1 de mayo" (breakrules holds the date together).
        dated = month_after_day(texts, index) is not None
        if previous and previous.space and _keep_together(previous.text, word.text, dated):
            glued[-1] = Word(
                (*previous.glyphs, previous.space, *word.glyphs), word.space, word.hard_break
            )
        else:
            glued.append(word)
    return glued


def _keep_together(before: str, after: str, dated: bool = False) -> bool:
    unit = after.rstrip(".,;:!?").lower()
    if before[-1].isdigit() and (unit in _UNITS or after.startswith("%")):
        return True
    if before.lower() in _CURRENCY_PREFIXES and after[0].isdigit():
        return True
    labelled = before[0].isupper() and before[-1] not in _CLAUSE_END and not dated
    if labelled and unit.isdigit() and len(unit) <= 4:
        return True  # "May 1", "Sept. 5", "District 13"; not "Hall, 200" across a comma
    return set(after) <= _ATTACHED_PUNCTUATION or set(before) <= _OPENING_PUNCTUATION
