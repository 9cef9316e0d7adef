"""Typographic quotes and apostrophes: straight ' and " as the text's language sets them.

"LA's" is drawn "LA’s"; "Fund "care"" is “care” in English, «care» in Spanish, « care » in
French (with narrow no-break spaces), „care“ in German. The marks per language are data
(`quotes` and `apostrophe` in data/languages/<lang>.yaml).
"""

from __future__ import annotations

from toolkit.graphics.text.langdata import facts

_OPENS_AFTER = frozenset("([{\u2014\u2013-/\u00ab\u2039\u201c\u2018\u201e\u201a\u00bf\u00a1")
_MARKS = frozenset("'\"")


def typographic(text: str, lang: str | None) -> str:
    """text with straight quotes and apostrophes replaced by lang's typographic marks."""
    if not _MARKS & set(text):
        return text
    quotes = facts().of(lang).quotes
    out: list[str] = []
    open_single = open_double = False
    for index, char in enumerate(text):
        if char not in _MARKS:
            out.append(char)
            continue
        before, after = _neighbour(text, index, -1), _neighbour(text, index, 1)
        opening = before == "" or before.isspace() or before in _OPENS_AFTER
        if char == "'":
            if not opening and (after.isalnum() or not open_single):
                out.append(quotes.apostrophe)  # "LA's", "rock 'n' roll", "90s'"
            elif opening and (after.isdigit() or after == "" or after.isspace()):
                out.append(quotes.apostrophe)  # "'90s"
            elif opening:
                out.append(quotes.secondary[0])
                open_single = True
            else:
                out.append(quotes.secondary[1])
                open_single = False
        elif opening and not (open_double and (after == "" or after.isspace())):
            out.append(quotes.primary[0] + quotes.inside)
            open_double = True
        else:
            out.append(quotes.inside + quotes.primary[1])
            open_double = False
    return "".join(out)


def _neighbour(text: str, index: int, step: int) -> str:
    """The character next to text[index] in the direction of step, past emphasis marks."""
    index += step
    while 0 <= index < len(text) and text[index] == "*":
        index += step
    return text[index] if 0 <= index < len(text) else ""
