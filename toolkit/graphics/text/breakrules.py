"""Price each place a line may break: names, marked phrases and a number with what it counts
prefer to stay whole, a line would rather not end on an article or a one-letter word, and a
break after a comma or other clause punctuation is welcome.

What must never break (a number and its unit, a date, an address) is glued into one word
before this (wordbreak.glue_words). The words and punctuation are data (data/languages).

These are dislikes (and one small liking), not rules: the balancer weighs them against uneven
lines and still breaks where it must, so a price can change which words share a line but never
makes a line wider. Prices are in box widths squared, the unit of the balancer's cost; a
negative price is a bonus, which `linebreak.flaws` does not count.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence

import regex

from toolkit.graphics.text.langdata import facts, fold
from toolkit.graphics.text.wordbreak import Word

NAME_SPLIT_PENALTY = 0.3  # "Los Angeles / City Hall": each side still reads as a name
NAME_STRAND_PENALTY = 0.8  # "Los Angeles City / Hall": one word of the name left alone
EMPHASIS_SPLIT_PENALTY = 0.5  # "*unarmed / crisis*": the accent colour reads as one phrase
NUMBER_SPLIT_PENALTY = 0.4  # "۵۰۰ / متطوع", "in / 2024,": a bare number means little alone
# "debe traer la / ayuda", "the / council", "a / budget": a line that ends on an article or a
# one-letter word (es, pt, fr, en: the languages whose file lists `articles`)
ARTICLE_END_PENALTY = 0.25
# "City Hall, / 200 N Spring St": a line that ends where a clause does reads as a pause. Small:
# it moves a break to the punctuation only when the lines stay nearly as even (a break may move
# by about sqrt(bonus / 2) of the box width), and never outweighs a lone last word or a dislike.
CLAUSE_BREAK_BONUS = 0.06

_BARE_NUMBER = regex.compile(r"\p{P}*\p{Nd}[\p{Nd}\p{P}]*")
_ONE_LETTER = regex.compile(r"\p{L}")
_PHRASE_END_CATEGORIES = frozenset({"Po", "Pd", "Pe", "Pf"})


def break_penalties(words: Sequence[Word], names: bool = True, lang: str | None = None
                    ) -> tuple[float, ...]:
    """What a line break after each word costs; forced breaks and the text's end cost nothing.

    `names` is off for uppercase styles, where every word looks like part of a name; `lang`
    picks the articles a line should not end on.
    """
    texts = [word.text for word in words]
    hard = [word.hard_break for word in words]
    name = _name_penalties(texts, hard) if names else [0.0] * len(words)
    number = _number_bonds(texts, hard)
    article = _article_ends(texts, lang)
    emphasis = [_splits_emphasis(a, b) for a, b in zip(words, words[1:], strict=False)]
    prices: list[float] = []
    for index, text in enumerate(texts):
        if hard[index] or index == len(words) - 1:
            prices.append(0.0)
            continue
        dislike = (
            name[index]
            + EMPHASIS_SPLIT_PENALTY * emphasis[index]
            + NUMBER_SPLIT_PENALTY * number[index]
            + ARTICLE_END_PENALTY * article[index]
        )
        welcome = dislike == 0 and _ends_clause(text)
        prices.append(-CLAUSE_BREAK_BONUS if welcome else dislike)
    return tuple(prices)


def _name_penalties(texts: Sequence[str], hard: Sequence[bool]) -> list[float]:
    """Breaks inside runs of capitalised words, dearest where one word of the run is left alone.

    The first word of a sentence is capitalised anyway, so it may go alone at the mild price:
    "Tell / City Hall" is fine, "Tell City / Hall" is not.
    """
    penalties = [0.0] * len(texts)
    for run in _name_runs(texts, hard):
        opens_sentence = _opens_sentence(texts, hard, run.start)
        for index in run[:-1]:
            left, right = index + 1 - run.start, run.stop - 1 - index
            mild = min(left, right) >= 2 or (left == 1 and opens_sentence)
            penalties[index] = NAME_SPLIT_PENALTY if mild else NAME_STRAND_PENALTY
    return penalties


def _name_runs(texts: Sequence[str], hard: Sequence[bool]) -> Iterator[range]:
    """Runs of two or more capitalised words with no forced break or punctuation between."""
    start = 0
    for index, text in enumerate(texts):
        linked = (
            index + 1 < len(texts)
            and not hard[index]
            and _is_capitalised(text)
            and _is_capitalised(texts[index + 1])
            and not _ends_phrase(text)
        )
        if not linked:
            if index > start:
                yield range(start, index + 1)
            start = index + 1


def _is_capitalised(text: str) -> bool:
    letter = text.lstrip("\"'([{‘“«‹¿¡")[:1]
    return letter.isupper() and letter.isalpha()


def _opens_sentence(texts: Sequence[str], hard: Sequence[bool], index: int) -> bool:
    if index == 0 or hard[index - 1]:
        return True
    return texts[index - 1].rstrip(_closing())[-1:] in facts().chars("sentence_end")


def _ends_phrase(text: str) -> bool:
    """Ends in punctuation ("Angeles,", "۱۴۰۳،", "Hall."), where a break reads naturally."""
    return unicodedata.category(text[-1]) in _PHRASE_END_CATEGORIES


def _ends_clause(text: str) -> bool:
    """Ends in a comma, semicolon, colon or dash ("Hall,", "ask:", "care —", "أيار،")."""
    return text.rstrip(_closing())[-1:] in facts().chars("clause_end")


def _closing() -> str:
    return "".join(sorted(facts().chars("closing")))


def _article_ends(texts: Sequence[str], lang: str | None) -> list[bool]:
    """Words a line would rather not end on: the language's articles and one-letter words."""
    articles = facts().of(lang).words.get("articles")
    if not articles:
        return [False] * len(texts)
    folded = {fold(article) for article in articles}
    return [fold(text) in folded or _ONE_LETTER.fullmatch(text) is not None for text in texts]


def _splits_emphasis(word: Word, following: Word) -> bool:
    """A break inside one `*marked phrase*`: the space between the two words is marked too."""
    space_marked = word.space is None or word.space.emphasis
    return word.glyphs[-1].emphasis and following.glyphs[0].emphasis and space_marked


def _number_bonds(texts: Sequence[str], hard: Sequence[bool]) -> list[bool]:
    """Breaks that part a bare number ("۱۵", "1403", "10:30") from the word it belongs with.

    A number goes with the word it counts ("۵۰۰ / متطوع" is the split to avoid, "من / ۵۰۰
    متطوع" is fine); a number that ends a phrase goes with the word before it ("در / ۱۰." is
    the split to avoid), and so does a date's year ("۱۵ مهر ۱۴۰۳") and a labelled number
    ("ساعت ۱۰ صبح" holds on both sides).
    """
    bonds = [False] * len(texts)
    for index, text in enumerate(texts):
        if not _is_bare_number(text):
            continue
        before, after = _may_bond(texts, hard, index - 1), _may_bond(texts, hard, index)
        counts = after and _has_letters(texts[index + 1]) and not _is_year_of_date(texts, index)
        bonds[index] = counts
        if before and _has_letters(texts[index - 1]):
            labelled = fold(texts[index - 1]) in facts().words("number_labels")
            bonds[index - 1] = labelled or not counts
    return bonds


def _may_bond(texts: Sequence[str], hard: Sequence[bool], index: int) -> bool:
    """Whether the break after word `index` is one a bond could hold (not forced, no comma)."""
    return 0 <= index < len(texts) - 1 and not hard[index] and not _ends_phrase(texts[index])


def _is_year_of_date(texts: Sequence[str], index: int) -> bool:
    """Day, month, year: "۱۵ مهر ۱۴۰۳", "1 mayo 2024" (a day has 1-2 digits, a year 4)."""
    if index < 2 or not _has_letters(texts[index - 1]) or not _is_bare_number(texts[index - 2]):
        return False
    return _digits(texts[index - 2]) <= 2 and _digits(texts[index]) == 4


def _digits(text: str) -> int:
    return sum(char.isdigit() for char in text)


def _is_bare_number(text: str) -> bool:
    return _BARE_NUMBER.fullmatch(text) is not None


def _has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)
