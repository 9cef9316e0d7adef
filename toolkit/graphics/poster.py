"""Set a slogan as a poster: two to six words in lines, each line as large as the width allows.

The words are tried in every split into one to five lines; each line is fitted alone to the
box's width, and the split whose lines cover most of the box, at like sizes, wins ("CARE / NOT /
COPS" on a square, "CARE NOT / COPS" on a wide image), its widest line across the width where
the height allows. The lines are then drawn as a stack of
one-line texts, so they keep the stack's legible colors, emphasis and reports.
"""

from __future__ import annotations

import dataclasses
import math
import re
from itertools import combinations

from toolkit.graphics.scene import Scene
from toolkit.graphics.text.fit import TextFitError, fit_text
from toolkit.graphics.text.fonts import MissingGlyphError
from toolkit.graphics.typeset import draw_stack, draw_text_layer, text_style
from toolkit.load.layerspec import Poster, Stack, TextLayer

MOST_WORDS = 8  # past this a slogan is a headline: it is set as one
MOST_LINES = 5
# When the best cover's widest line spans less than NARROW of the width, a split whose widest
# line spans WIDE of it is taken instead, if it covers at least WIDE_COVER of what the best does.
NARROW = 0.75
WIDE = 0.9
WIDE_COVER = 0.65
# Scripts written without spaces (Chinese, Japanese) break a slogan after their punctuation.
CLOSING_PUNCTUATION = re.compile(r"(?<=[\u3001\u3002\uff01\uff0c\uff1a\uff1b\uff1f])(?=.)")


def slogan_words(text: str) -> tuple[list[str], list[str]]:
    """The words a poster may break between, and the separator before each ("" inside a run
    of unspaced script: "要关怀，不要警察" is "要关怀，" + "不要警察")."""
    words: list[str] = []
    joins: list[str] = []
    for token in text.split():
        for index, piece in enumerate(CLOSING_PUNCTUATION.split(token)):
            words.append(piece)
            joins.append("" if index else " ")
    return words, joins


def draw_poster(layer: Poster, scene: Scene) -> None:
    text = scene.job.text(layer.field) if layer.field else layer.text
    words, joins = slogan_words(text)
    if not words:
        return
    frame = scene.canvas.rect(layer)
    lines = (_best_split(words, joins, layer, frame, scene) if len(words) <= MOST_WORDS
             else None)
    if lines is None:
        if len(words) > MOST_WORDS:
            scene.warn(layer, layer.field, f"{scene.label(layer, layer.field)} of {scene.tag} "
                                           f"has {len(words)} words; a poster sets 2 to 6 "
                                           "words, so it is set as a headline")
        draw_text_layer(_plain(layer), scene)
        return
    short = scene.canvas.short
    items = tuple(dataclasses.replace(
        _plain(layer), id=layer.id, field="", text=_escaped(line),
        size=min(1.0, size / short), min_size=min(1.0, size * 0.9 / short), max_lines=1,
        valign="top", space_above=None) for line, size in lines)
    stack = Stack(type="stack", id=layer.id, area=layer.area, box=layer.box,
                  mirror=layer.mirror, items=items, gap=layer.gap, hierarchy=1.0,
                  align="start" if layer.align == "inherit" else layer.align,
                  valign=layer.valign, key_path=layer.key_path)
    draw_stack(stack, scene)


def _plain(layer: Poster) -> TextLayer:
    keys = {f.name: getattr(layer, f.name) for f in dataclasses.fields(TextLayer)}
    return TextLayer(**{**keys, "type": "text"})


def _escaped(line: str) -> str:
    return line.replace("{", "{{").replace("}", "}}")


@dataclasses.dataclass(frozen=True)
class _Split:
    """One way to break the slogan: its lines at their sizes, and how it fills the box."""

    lines: list[tuple[str, int]]
    score: float  # the share of the box the lines cover, by lines of like size
    widest: float  # the widest line's share of the width


def _best_split(words: list[str], joins: list[str], layer: Poster,
                frame: tuple[int, int, int, int], scene: Scene) -> list[tuple[str, int]] | None:
    """The lines and their sizes in px that fill the frame best, or None if none fits.

    The best cover wins, unless it is a narrow column ("경찰 / 말고 / 돌봄" at 60 % of the
    width) and a split across the width ("경찰 말고 / 돌봄") covers nearly as much: a column
    scaled down by the height leaves the width empty. Lines a little narrower because the
    height limits them stay ("CARE / NOT / COPS" on a square).
    """
    splits = _splits(words, joins, layer, frame, scene)
    if not splits:
        return None
    best = max(splits, key=lambda s: s.score)
    if best.widest >= NARROW:
        return best.lines
    wide = [s for s in splits if s.widest >= WIDE and s.score >= WIDE_COVER * best.score]
    return max(wide, key=lambda s: s.score, default=best).lines


def _splits(words: list[str], joins: list[str], layer: Poster,
            frame: tuple[int, int, int, int], scene: Scene) -> list[_Split]:
    """Every split into one to five lines that fits, in order (fewer lines first)."""
    width, height = frame[2] - frame[0], frame[3] - frame[1]
    gap = scene.canvas.px(layer.gap)
    sized: dict[str, tuple[int, int, int] | None] = {}
    splits = []
    for count in range(1, min(MOST_LINES, len(words)) + 1):
        for cuts in combinations(range(1, len(words)), count - 1):
            lines = _balanced(["".join(joins[i] + words[i] for i in range(a, b)).lstrip()
                               for a, b in zip((0, *cuts), (*cuts, len(words)), strict=True)])
            found = [_line(line, width, height, layer, scene, sized) for line in lines]
            fits = [f for f in found if f is not None]
            if len(fits) < len(found):
                continue
            sizes = [f[0] for f in fits]
            tall = sum(f[1] for f in fits) + gap * (count - 1)
            scale = min(1.0, height / tall)
            # The share of the box's height the lines take once scaled to fit, times how much
            # of the width they fill (a line scaled down, or a short word at the largest size,
            # does not), by lines of like size.
            fill = sum(f[2] for f in fits) * scale / (width * count)
            share = tall * scale / height
            splits.append(_Split(
                [(line, max(1, math.floor(s * scale))) for line, s in zip(lines, sizes,
                                                                          strict=True)],
                share * fill * math.sqrt(min(sizes) / max(sizes)),
                max(f[2] for f in fits) * scale / width))
    # max() keeps the first of equal scores: the split with fewer lines.
    return splits


def _balanced(lines: list[str]) -> list[str]:
    """Close and reopen a *marked phrase* that a line break cuts."""
    fixed, open_mark = [], False
    for line in lines:
        text = ("*" if open_mark else "") + line
        open_mark = text.count("*") % 2 == 1
        fixed.append(text + ("*" if open_mark else ""))
    return fixed


def _line(line: str, width: int, height: int, layer: Poster, scene: Scene,
          sized: dict[str, tuple[int, int, int] | None]) -> tuple[int, int, int] | None:
    """The size that sets line on one line across width, its height and width; None if it
    cannot."""
    if line not in sized:
        style = dataclasses.replace(text_style(_plain(layer), line, scene), max_lines=1)
        try:
            block = fit_text(line, width, height, style, scene.job.lang)
        except (TextFitError, MissingGlyphError):
            sized[line] = None
        else:
            wide = max((ln.width for ln in block.lines), default=0)
            sized[line] = (block.size, block.height, wide) if block.fits else None
    return sized[line]
