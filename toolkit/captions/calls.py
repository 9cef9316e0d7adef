"""Render the call action's script for every target and language, with located errors."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.captions.templates import TemplateRenderer, TemplateSource
from toolkit.captions.variables import campaign_context
from toolkit.errors import Location, Problem, ProblemsError, display_path
from toolkit.load.campaign import Campaign
from toolkit.load.model import CallAction, Target
from toolkit.load.targets import columns_in, target_context
from toolkit.load.workspace import Workspace
from toolkit.load.yamlsource import KeyPath


@dataclass(frozen=True)
class CallScript:
    """One target's call script in one language (Markdown), with the number to call."""

    target: Target
    lang: str
    script: str
    hours: str

    @property
    def phone(self) -> str:
        return self.target.phone.text if self.target.phone else ""

    @property
    def tel(self) -> str:
        return self.target.phone.tel if self.target.phone else ""


def call_action(campaign: Campaign) -> CallAction | None:
    return campaign.file.action.call if campaign.file.action else None


def render_calls(workspace: Workspace, campaign: Campaign, languages: tuple[str, ...]
                 ) -> dict[str, tuple[CallScript, ...]]:
    """Call scripts by language, for every target of the call's table; every template problem
    of every language is raised at once."""
    call = call_action(campaign)
    if call is None:
        return {}
    renderer = TemplateRenderer(workspace.search_dirs(campaign.folder))
    path: KeyPath = (*(call.key_path or ("action", "call")), "script")
    scripts: dict[str, tuple[CallScript, ...]] = {}
    problems: list[Problem] = []
    for lang in languages:
        source = TemplateSource(call.script.get(lang, campaign.default_lang),
                                campaign.text_location(call.script, path, lang))
        found = []
        for target in campaign.call_targets:
            context = {"campaign": campaign_context(campaign, lang), "lang": lang,
                       "target": target_context(target, lang)}
            try:
                script = renderer.render(source, context)
            except ProblemsError as exc:
                problems.extend(p for p in exc.problems if p not in problems)
                continue
            hours = columns_in(target, lang).get("hours", "") or campaign.text(call.hours, lang)
            found.append(CallScript(target, lang, script, hours))
        scripts[lang] = tuple(found)
    if problems:
        raise ProblemsError(problems)
    return scripts


def call_warnings(campaign: Campaign) -> list[Problem]:
    """A warning naming the targets the call action cannot offer a number for."""
    call = call_action(campaign)
    if call is None:
        return []
    lacking = [t for t in campaign.call_targets if t.phone is None]
    if not lacking:
        return []
    table = call.targets or (campaign.file.action.email.targets
                             if campaign.file.action and campaign.file.action.email else None)
    where = Location(display_path(table), lacking[0].line, 1) if table else None
    who = ", ".join(t.name for t in lacking[:3]) + (
        f" and {len(lacking) - 3} more" if len(lacking) > 3 else "")
    return [Problem(where, f"no phone number for {who}: the call action lists them without a "
                           f"number (give each one in the `phone` column)", "warning")]
