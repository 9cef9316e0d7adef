"""Choose where lines break: greedy filling, then balancing by dynamic programming.

Works on measured words only (Metrics), so it knows nothing of fonts or drawing; what each
break costs beyond uneven widths comes from breakrules.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

ORPHAN_PENALTY = 10.0  # in box widths squared: worse than any uneven split
# A short word alone on a line inside the text ("a counselor, / not / a squad car.") reads as
# a hole; texts of fewer words, long words and forced breaks are let be.
LONE_WORD_PENALTY = 0.3
LONE_WORD_SHORT = 0.4  # of the box width
LONE_WORD_TEXT = 4  # words at least


@dataclass(frozen=True)
class Metrics:
    """Per-word measures at one size: what line breaking works from."""

    widths: tuple[float, ...]
    spaces: tuple[float, ...]  # the breaking space after each word, 0 if none
    hard: tuple[bool, ...]  # a forced break after each word
    penalties: tuple[float, ...]  # what a break after each word costs (breakrules); < 0: welcome
    glued: tuple[bool, ...] = ()  # words made of several glued together ("200 N Spring St")

    def width(self, line: range) -> float:
        return sum(self.widths[i] for i in line) + sum(self.spaces[i] for i in line[:-1])


def greedy_lines(metrics: Metrics, limit: float) -> list[range] | None:
    """Fill each line with as many words as fit; None if one word alone is too wide."""
    lines: list[range] = []
    start, current = 0, 0.0
    for index, width in enumerate(metrics.widths):
        if width > limit:
            return None
        extended = current + metrics.spaces[index - 1] + width if index > start else width
        if index > start and extended > limit:
            lines.append(range(start, index))
            start, extended = index, width
        current = extended
        if metrics.hard[index]:
            lines.append(range(start, index + 1))
            start = index + 1
    if start < len(metrics.widths):
        lines.append(range(start, len(metrics.widths)))
    return lines


def balanced_lines(metrics: Metrics, count: int, limit: float) -> list[range] | None:
    """Break into `count` lines of the most even widths, with no lone word on the last line.

    Dynamic programming over break points: a line costs its width squared, so for a fixed
    total the sum is smallest when lines are equally long; a lone last word, or a break the
    text would rather not have ("Los / Angeles", "*unarmed / crisis*"), adds a penalty, and a
    break after clause punctuation ("Hall, / 200") takes a little off. Only lines no wider than
    `limit` are ever considered, so no price ever causes overflow.
    """
    total = len(metrics.widths)
    cost = [[math.inf] * (total + 1) for _ in range(count + 1)]
    start = [[0] * (total + 1) for _ in range(count + 1)]
    cost[0][0] = 0.0
    for end in range(1, total + 1):
        for first in range(end - 1, -1, -1):
            if first < end - 1 and metrics.hard[first]:
                break
            line = range(first, end)
            width = metrics.width(line)
            if width > limit:
                break
            line_cost = width * width + _penalty(metrics, line, total, limit) * limit * limit
            for lines in range(1, count + 1):
                candidate = cost[lines - 1][first] + line_cost
                if candidate < cost[lines][end]:
                    cost[lines][end], start[lines][end] = candidate, first
    if math.isinf(cost[count][total]):
        return None
    breaks, end = [], total
    for lines in range(count, 0, -1):
        breaks.append(range(start[lines][end], end))
        end = start[lines][end]
    return breaks[::-1]


def flaws(lines: list[range], metrics: Metrics, limit: float) -> float:
    """The penalties the chosen breaks pay: a lone word, a split name, phrase or number.

    Bonuses are not flaws: a size is never given up to gain a break after a comma.
    """
    return sum(max(0.0, _penalty(metrics, line, len(metrics.widths), limit)) for line in lines)


def _penalty(metrics: Metrics, line: range, total: int, limit: float) -> float:
    lone = not (metrics.glued and metrics.glued[line.start])
    if line.stop == total:
        return ORPHAN_PENALTY if lone and _is_orphan(line, metrics.hard) else 0.0
    price = metrics.penalties[line.stop - 1]
    if lone and _is_lone_short_word(line, metrics, total, limit):
        price += LONE_WORD_PENALTY
    return price


def _is_lone_short_word(line: range, metrics: Metrics, total: int, limit: float) -> bool:
    """A short word alone on an inner line ("a counselor, / not / a squad car."), not one a
    forced break asked for; a first word may stand alone ("Fund / *unarmed crisis response*")."""
    if total < LONE_WORD_TEXT or len(line) != 1 or line.start == 0:
        return False
    forced = metrics.hard[line.start] or metrics.hard[line.start - 1]
    return not forced and metrics.widths[line.start] < LONE_WORD_SHORT * limit


def _is_orphan(last: range, hard: Sequence[bool]) -> bool:
    """A lone word on the last line that a forced break did not ask for."""
    if len(hard) < 3 or len(last) != 1:
        return False
    before = last.start - 1
    return before >= 0 and not hard[before]
