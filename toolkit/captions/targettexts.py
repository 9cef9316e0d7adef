"""A per-target post's graphic texts: templates that see `target`, rendered per target.

Also the check every per-target text and caption passes: no `@` without a handle after it.
"""

from __future__ import annotations

import re

from toolkit.captions.templates import TemplateRenderer, TemplateSource
from toolkit.errors import Location, Problem, ProblemsError
from toolkit.load.campaign import Campaign
from toolkit.load.formats import Format
from toolkit.load.model import Target
from toolkit.load.targets import target_context


class TargetTexts:
    """Renders a per-target post's graphic texts, which are templates that see `target`.

    Problems are collected, so a plan reports every template error at once.
    """

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self._renderer: TemplateRenderer | None = None
        self._memo: dict[tuple[str, str, str, str, str], str] = {}
        self.problems: list[Problem] = []

    def render(self, text: str, location: Location, lang: str, target: Target, fmt: Format
               ) -> str:
        if "{" not in text:
            return text
        key = (text, str(location), lang, target.key, fmt.platform)
        if key not in self._memo:
            self._memo[key] = self._render(text, location, lang, target, fmt)
        return self._memo[key]

    def _render(self, text: str, location: Location, lang: str, target: Target, fmt: Format
                ) -> str:
        from toolkit.captions.compose import campaign_context  # compose imports this module

        if self._renderer is None:
            self._renderer = TemplateRenderer(())
        context = {"campaign": campaign_context(self.campaign, lang), "lang": lang,
                   "format": fmt.name, "platform": fmt.platform,
                   "target": target_context(target, lang, fmt.platform)}
        try:
            rendered = self._renderer.render(TemplateSource(text, location), context)
        except ProblemsError as exc:
            for problem in exc.problems:
                named = Problem(problem.location, f"{problem.message} (target {target.name})",
                                problem.severity)
                if not any(p.location == problem.location and p.message.startswith(
                        problem.message) for p in self.problems):
                    self.problems.append(named)
            return text
        empty = empty_mention(rendered)
        if empty:
            self.problems.append(Problem(location, empty + f" (target {target.name}, "
                                                           f"{fmt.platform})"))
        return rendered

    def raise_problems(self) -> None:
        if self.problems:
            raise ProblemsError(self.problems)


EMPTY_AT = re.compile(r"(?<![\w@])@(?![\w])")


def empty_mention(text: str) -> str:
    """A message when text holds an @ with no handle after it, else ""."""
    if EMPTY_AT.search(text):
        return ("an @ is followed by no handle: write {{ target.mention }}, which is the "
                "handle on this platform or else the target's name")
    return ""
