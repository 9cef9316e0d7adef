"""Render the email action's letter for every target and language, with located errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from toolkit.captions.compose import campaign_context
from toolkit.captions.links import (
    MAILTO_SAFE_LENGTH,
    gmail_compose_url,
    mailto_too_long,
    mailto_url,
    outlook_compose_url,
)
from toolkit.captions.templates import TemplateRenderer, TemplateSource
from toolkit.errors import Problem, ProblemsError
from toolkit.load import targets
from toolkit.load.campaign import Campaign
from toolkit.load.fields import LocalText
from toolkit.load.model import EmailAction, Target
from toolkit.load.workspace import Workspace
from toolkit.load.yamlsource import KeyPath


@dataclass(frozen=True)
class Letter:
    """One target's letter in one language, with its compose links."""

    target: Target
    lang: str
    subject: str
    body: str

    @property
    def to(self) -> list[str]:
        return [self.target.email]

    @property
    def mailto(self) -> str:
        return mailto_url(self.to, self.subject, self.body)

    @property
    def gmail(self) -> str:
        return gmail_compose_url(self.to, self.subject, self.body)

    @property
    def outlook(self) -> str:
        return outlook_compose_url(self.to, self.subject, self.body)

    @property
    def too_long(self) -> bool:
        return mailto_too_long(self.mailto)


def target_context(target: Target, lang: str | None = None) -> dict[str, Any]:
    """What `target` means in a letter template: every column of its row, translated into
    lang, with its handles and phone (see toolkit.targets.target_context)."""
    return targets.target_context(target, lang)


def render_letters(workspace: Workspace, campaign: Campaign, languages: tuple[str, ...]
                   ) -> dict[str, tuple[Letter, ...]]:
    """Letters by language; every template problem of every language is raised at once."""
    email = campaign.file.action.email if campaign.file.action else None
    if email is None:
        return {}
    renderer = TemplateRenderer(workspace.search_dirs(campaign.folder))
    letters: dict[str, tuple[Letter, ...]] = {}
    problems: list[Problem] = []
    for lang in languages:
        try:
            letters[lang] = tuple(_letter(renderer, campaign, email, target, lang)
                                  for target in campaign.targets)
        except ProblemsError as exc:
            problems.extend(p for p in exc.problems if p not in problems)
    if problems:
        raise ProblemsError(problems)
    return letters


def letter_warnings(campaign: Campaign, letters: dict[str, tuple[Letter, ...]]) -> list[Problem]:
    """One warning per language whose letter makes a mailto link too long for some mail apps."""
    email = campaign.file.action.email if campaign.file.action else None
    warnings = []
    for lang, found in letters.items():
        long = [letter.target.name for letter in found if letter.too_long]
        if email is not None and long:
            path: KeyPath = (*(email.key_path or ("action", "email")), "body")
            if not email.body.plain:
                path = (*path, lang if email.body.has(lang) else campaign.default_lang)
            who = ", ".join(long[:3]) + (f" and {len(long) - 3} more" if len(long) > 3 else "")
            warnings.append(Problem(
                campaign.locate(path),
                f"the {lang} letter to {who} makes a mailto link longer than "
                f"{MAILTO_SAFE_LENGTH} characters; some mail apps cut it off (the page offers "
                f"copying instead)", "warning"))
    return warnings


def _letter(renderer: TemplateRenderer, campaign: Campaign, email: EmailAction, target: Target,
            lang: str) -> Letter:
    context = {"campaign": campaign_context(campaign, lang), "lang": lang,
               "target": target_context(target, lang)}
    subject = renderer.render(_source(campaign, email, "subject", lang), context)
    body = renderer.render(_source(campaign, email, "body", lang), context)
    return Letter(target, lang, " ".join(subject.split()), body)


def _source(campaign: Campaign, email: EmailAction, name: str, lang: str) -> TemplateSource:
    value: LocalText = getattr(email, name)
    path: KeyPath = (*(email.key_path or ("action", "email")), name)
    return TemplateSource(value.get(lang, campaign.default_lang),
                          campaign.text_location(value, path, lang))
