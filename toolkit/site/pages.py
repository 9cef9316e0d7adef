"""Assemble each page's template context: the campaign page per language and the index."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from toolkit.captions.compose import CaptionComposer
from toolkit.captions.letters import Letter
from toolkit.captions.links import MAILTO_SAFE_LENGTH, SHARE_TARGETS
from toolkit.load.campaign import text_direction
from toolkit.load.strings import Strings
from toolkit.plan import ALL_FORMATS, kit_path
from toolkit.site.card import Card
from toolkit.site.context import (
    action_view,
    date_views,
    human_size,
    post_views,
    round_geometry,
)
from toolkit.site.markdown import markdown_text, render_markdown
from toolkit.site.targets import call_view, follow_data

if TYPE_CHECKING:
    from toolkit.load.campaign import Campaign
    from toolkit.load.workspace import Workspace
    from toolkit.prepared import CampaignResult

# Nothing but this site's own files; inline JSON data blocks are not scripts, so they need no
# exception. Share and mail links are navigations the visitor starts, which CSP leaves alone.
CSP = ("default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'none'")
JS_STRINGS = ("copied", "copy_failed", "count", "count_over", "count_bytes", "count_hashtags",
              "share_fallback", "zip_none", "zip_one", "zip_many", "zip_bad", "locating",
              "locate_none", "locate_denied", "located_many", "letter_ready", "letter_kept",
              "letter_reset", "mailto_long")


@dataclass(frozen=True)
class PageSpec:
    """One page to write: its path in the build folder, its language, the way back to the root."""

    path: str
    lang: str
    root: str
    home: str


@dataclass
class SiteInputs:
    """What every page of one campaign draws from, gathered once."""

    workspace: Workspace
    result: CampaignResult
    languages: tuple[str, ...]
    strings: dict[str, Any]
    letters: dict[str, tuple[Letter, ...]]
    kit_sizes: dict[str, int]
    cards: dict[str, Card]
    calendars: dict[str, str]
    proof: str | None
    logo: dict[str, Any] | None

    @property
    def slug(self) -> str:
        return self.result.campaign.slug


def page_specs(slug: str, languages: tuple[str, ...]) -> list[PageSpec]:
    """The default language at the campaign's root, and every language in its own folder."""
    default = PageSpec(f"{slug}/index.html", languages[0], "", "../")
    return [default] + [PageSpec(f"{slug}/{lang}/index.html", lang, "../", "../../")
                        for lang in languages]


def autonym(table: dict[str, Any], lang: str) -> str:
    """A language's name in itself, as a switcher must show it."""
    names = table.get("autonyms") or {}
    return str(names.get(lang) or names.get(lang.split("-")[0]) or lang)


def language_links(inputs: SiteInputs, spec: PageSpec) -> list[dict[str, str]]:
    default = inputs.languages[0]
    return [{"lang": lang, "name": autonym(inputs.strings, lang),
             "href": f"{spec.root}index.html" if lang == default
             else f"{spec.root}{lang}/index.html",
             "current": "page" if lang == spec.lang else ""}
            for lang in inputs.languages]


def _absolute(inputs: SiteInputs, relative: str) -> str:
    base = inputs.workspace.config.base_url
    return f"{base.rstrip('/')}/{inputs.slug}/{relative}" if base else ""


def card_meta(inputs: SiteInputs, spec: PageSpec) -> dict[str, Any] | None:
    card = inputs.cards.get(spec.lang)
    if card is None:
        return None
    return {"src": spec.root + card.path, "url": _absolute(inputs, card.path) or
            spec.root + card.path, "width": card.width, "height": card.height, "alt": card.alt}


def page_data(t: Strings, inputs: SiteInputs, action: dict[str, Any] | None) -> dict[str, Any]:
    """The JSON the script reads: words, share link shapes and the email action's data."""
    campaign = inputs.result.campaign
    data: dict[str, Any] = {
        "strings": {key: t.text(key) for key in JS_STRINGS} | {"units": t.section("units")},
        "stringsLang": t.foreign((*JS_STRINGS, "count")),
        # Pairs, not a mapping: parameter order is part of the link and JSON keys get sorted.
        "share": {name: [base, list(params.items())]
                  for name, (base, params) in SHARE_TARGETS.items()},
        "mailtoSafeLength": MAILTO_SAFE_LENGTH,
    }
    if action:
        data["action"] = {
            "targets": [{k: target[k] for k in ("district", "name", "title", "email", "label",
                                               "subject", "body")}
                        for target in action["targets"]],
            "zips": dict(campaign.zip_districts),
            "districts": round_geometry(campaign.districts_geojson)
            if campaign.districts_geojson else None,
        }
    return data


def campaign_page(inputs: SiteInputs, spec: PageSpec) -> dict[str, Any]:
    """The template context of one campaign page."""
    campaign, lang = inputs.result.campaign, spec.lang
    t = Strings(inputs.strings, lang)
    composer = CaptionComposer(inputs.workspace, campaign)
    action = action_view(t, campaign, lang, inputs.letters.get(lang, ()))
    summary = campaign.text(campaign.file.summary, lang)
    all_kit = kit_path(inputs.slug, lang, ALL_FORMATS)
    calendar = inputs.calendars.get(lang)
    if calendar and spec.root == "":
        calendar = "calendar.ics"  # the default language's calendar at the campaign's root
    return {
        "lang": lang, "dir": text_direction(lang), "root": spec.root, "home": spec.home, "t": t,
        "csp": CSP,
        "title": campaign.text(campaign.file.title, lang),
        "organization": campaign.file.organization,
        "url": campaign.file.url,
        "summary": render_markdown(summary),
        "description": markdown_text(summary),
        "body": render_markdown(campaign.text(campaign.file.body, lang)),
        "talking_points": [campaign.text(p, lang) for p in campaign.file.talking_points],
        "languages": language_links(inputs, spec),
        "posts": post_views(t, composer, spec.root, inputs.result, lang, inputs.kit_sizes),
        "dates": date_views(campaign, lang),
        "calendar": spec.root + calendar if calendar else None,
        "action": action,
        "card": card_meta(inputs, spec),
        "page_url": _absolute(inputs, "" if spec.root == "" else f"{lang}/"),
        "kit_all": {"href": spec.root + all_kit,
                    "size": human_size(inputs.kit_sizes.get(all_kit, 0)),
                    "language": autonym(inputs.strings, lang)}
        if all_kit in inputs.kit_sizes else None,
        "proof": spec.root + inputs.proof if inputs.proof else None,
        "logo": {**inputs.logo, "src": spec.root + inputs.logo["src"],
                 "css_width": round(inputs.logo["width"] * 32 / inputs.logo["height"])}
        if inputs.logo else None,
        "data": page_data(t, inputs, action) | follow_page_data(t, campaign, lang),
        "call": call_view(t, campaign, lang, inputs.result.calls.get(lang, ())),
        "follow": follow_data(t, campaign, lang),
    }


FOLLOW_STRINGS = ("target_showing", "target_forgotten", "call_choose")


def follow_page_data(t: Strings, campaign: Campaign, lang: str) -> dict[str, Any]:
    """The districts the page follows and the words its script writes about them."""
    follow = follow_data(t, campaign, lang)
    if follow is None:
        return {}
    return {"follow": follow | {"strings": {key: t.text(key) for key in FOLLOW_STRINGS}}}


def index_page(title: str, campaigns: list[dict[str, Any]], strings: dict[str, Any]
               ) -> dict[str, Any]:
    """The context of build/index.html, the list of every campaign."""
    langs = [c["lang"] for c in campaigns] or ["en"]
    lang = max(dict.fromkeys(langs), key=langs.count)
    return {"lang": lang, "dir": text_direction(lang), "root": "", "csp": CSP,
            "t": Strings(strings, lang), "title": title, "campaigns": campaigns}


def index_entry(inputs: SiteInputs) -> dict[str, Any]:
    """One campaign as the index lists it, in its default language."""
    campaign = inputs.result.campaign
    lang = inputs.languages[0]
    card = inputs.cards.get(lang)
    return {
        "lang": lang, "dir": text_direction(lang),
        "title": campaign.text(campaign.file.title, lang),
        "organization": campaign.file.organization,
        "summary": render_markdown(campaign.text(campaign.file.summary, lang)),
        "href": f"{inputs.slug}/index.html",
        "card": {"src": f"{inputs.slug}/{card.path}", "width": card.width,
                 "height": card.height} if card else None,
        "languages": [{"lang": other, "name": autonym(inputs.strings, other),
                       "href": f"{inputs.slug}/{other}/index.html"}
                      for other in inputs.languages[1:]],
    }
