"""Assemble each page's template context: the campaign page per language and the index."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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
    version_data,
)
from toolkit.site.markdown import markdown_text, render_markdown
from toolkit.site.targetviews import call_view, follow_data, office_data

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
              "zip_none", "zip_one", "zip_many", "zip_bad", "locating",
              "locate_none", "locate_denied", "located_many", "letter_ready", "letter_kept",
              "letter_reset", "mailto_long", "caption_copied_paste", "share_cancelled",
              "share_not_allowed", "share_no_files", "share_fetch_failed", "share_failed",
              "share_loading", "share_done", "locate_failed", "letter_copied")


@dataclass(frozen=True)
class PageSpec:
    """One page to write: its path in the build folder, its language, the way back to the root."""

    path: str
    lang: str
    root: str
    home: str
    platform: str = ""  # a format name; "" is the default (first) format's page
    districts: bool = False  # the page listing every district's version, for readers without script


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
    previews: dict[str, tuple[tuple[str, int, int], ...]] | None = None
    formats: tuple[str, ...] = ()  # every format of the posts, the default page's first
    format_labels: dict[str, str] = dataclasses.field(default_factory=dict)
    # What every page of one language (and way to the root) shares, made once: a campaign has
    # a page per platform and language, and each would otherwise gather every post again.
    shared: dict[tuple[str, str], Any] = dataclasses.field(default_factory=dict, repr=False,
                                                            compare=False)

    @property
    def slug(self) -> str:
        return self.result.campaign.slug

    def once(self, kind: str, key: str, make: Callable[[], Any]) -> Any:
        """make(), remembered for these inputs under (kind, key)."""
        if (kind, key) not in self.shared:
            self.shared[kind, key] = make()
        return self.shared[kind, key]


DISTRICTS_FOLDER = "districts"


def page_specs(slug: str, languages: tuple[str, ...], formats: tuple[str, ...] = (),
               districts: bool = False) -> list[PageSpec]:
    """The default language at the campaign's root, and every language in its own folder;
    beside each language's page, one page per other platform (format): <lang>/<format>.html.
    A page per platform keeps each page small and the choice in its address, without script.
    With per-target posts, each of those pages has a twin listing every district's version
    (<lang>/districts/index.html, <lang>/districts/<format>.html): the page itself carries one
    version, which its script fills for the volunteer's district."""
    default = PageSpec(f"{slug}/index.html", languages[0], "", "../")
    specs = [default]
    for lang in languages:
        specs.append(PageSpec(f"{slug}/{lang}/index.html", lang, "../", "../../"))
        specs += [PageSpec(f"{slug}/{lang}/{name}.html", lang, "../", "../../", name)
                  for name in formats[1:]]
    if districts:
        folder = DISTRICTS_FOLDER
        for lang in languages:
            specs.append(PageSpec(f"{slug}/{lang}/{folder}/index.html", lang, "../../",
                                  "../../../", "", True))
            specs += [PageSpec(f"{slug}/{lang}/{folder}/{name}.html", lang, "../../",
                               "../../../", name, True) for name in formats[1:]]
    return specs


def has_districts_page(inputs: SiteInputs) -> bool:
    """A campaign with per-target posts has pages listing every district's version."""
    return any(item.variant.target is not None for item in inputs.result.variants)


def page_href(inputs: SiteInputs, root: str, lang: str, platform: str,
              districts: bool = False) -> str:
    """The page of lang and platform, from a page whose way to the campaign folder is root
    (the list of every district's version with `districts`)."""
    formats = inputs.formats
    other = platform and formats and platform != formats[0]
    if districts:
        return f"{root}{lang}/{DISTRICTS_FOLDER}/{platform if other else 'index'}.html"
    if other:
        return f"{root}{lang}/{platform}.html"
    return f"{root}index.html" if lang == inputs.languages[0] else f"{root}{lang}/index.html"


def page_path(inputs: SiteInputs, lang: str, platform: str, districts: bool = False) -> str:
    """A page's path from the campaign folder, for absolute addresses."""
    href = page_href(inputs, "", lang, platform, districts)
    return "" if href == "index.html" else href.removesuffix("index.html")


def autonym(table: dict[str, Any], lang: str) -> str:
    """A language's name in itself, as a switcher must show it."""
    names = table.get("autonyms") or {}
    return str(names.get(lang) or names.get(lang.split("-")[0]) or lang)


def language_links(inputs: SiteInputs, spec: PageSpec) -> list[dict[str, str]]:
    """The same platform's page in every language."""
    links = []
    for lang in inputs.languages:
        href = page_href(inputs, spec.root, lang, spec.platform, spec.districts)
        links.append({"lang": lang, "name": autonym(inputs.strings, lang), "href": href,
                      "url": _absolute(inputs, page_path(inputs, lang, spec.platform,
                                                         spec.districts)) or href,
                      "current": "page" if lang == spec.lang else ""})
    return links


def site_url(inputs: SiteInputs) -> str:
    """The built site's public address: the campaign's, else toolkit.yaml's (or its base_url)."""
    config = inputs.workspace.config
    return inputs.result.campaign.file.site_url or config.site_url or config.base_url or ""


def _absolute(inputs: SiteInputs, relative: str) -> str:
    base = site_url(inputs)
    return f"{base.rstrip('/')}/{inputs.slug}/{relative}" if base else ""


def platform_choices(t: Strings, inputs: SiteInputs, spec: PageSpec) -> list[dict[str, str]]:
    """Every format the posts come in, each a link to its page, the current one marked."""
    labels = t.section("formats")
    current = spec.platform or (inputs.formats[0] if inputs.formats else "")
    return [{"format": name, "label": labels.get(name, inputs.format_labels.get(name, name)),
             "href": page_href(inputs, spec.root, spec.lang, name, spec.districts),
             "current": "page" if name == current else ""}
            for name in inputs.formats]


def for_platform(posts: list[Any], platform: str) -> list[Any]:
    """Each post in the chosen platform only; a post not made for it keeps its first format."""
    chosen = []
    for post in posts:
        if post.versions:  # a per-target post: each target's version on this platform
            versions = tuple(dataclasses.replace(
                v, panels=tuple(p for p in v.panels if p.format == platform) or v.panels[:1])
                for v in post.versions)
            chosen.append(dataclasses.replace(post, versions=versions))
            continue
        panels = tuple(p for p in post.panels if p.format == platform) or post.panels[:1]
        chosen.append(dataclasses.replace(post, panels=panels))
    return chosen


def card_meta(inputs: SiteInputs, spec: PageSpec) -> dict[str, Any] | None:
    card = inputs.cards.get(spec.lang)
    if card is None:
        return None
    return {"src": spec.root + card.path, "url": _absolute(inputs, card.path) or
            spec.root + card.path, "width": card.width, "height": card.height, "alt": card.alt}


DISTRICTS_SCRIPT = "districts.js"


def page_data(t: Strings, inputs: SiteInputs, action: dict[str, Any] | None,
              spec_root: str = "") -> dict[str, Any]:
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
        # The letters themselves are read from the page's mailto links (one copy each), or
        # come here when those links are on the page listing every district.
        keys: tuple[str, ...] = ("district", "name", "title", "email", "label")
        if action.get("elsewhere"):
            keys += ("subject", "body")
        data["action"] = {
            "targets": [{k: target[k] for k in keys} for target in action["targets"]],
            "zips": dict(campaign.zip_districts),
            "districts": f"{spec_root}{DISTRICTS_SCRIPT}" if campaign.districts_geojson else None,
        }
    return data


def campaign_page(inputs: SiteInputs, spec: PageSpec) -> dict[str, Any]:
    """The template context of one campaign page."""
    campaign, lang = inputs.result.campaign, spec.lang
    t = Strings(inputs.strings, lang)
    campaign_links = inputs.result.links
    assert campaign_links is not None
    action = inputs.once("action", lang, lambda: action_view(
        t, campaign, lang, inputs.letters.get(lang, ())))
    # With per-target posts, every district's version, letter and office is listed on a page
    # of its own; this page carries one of each, which its script fills for the district.
    elsewhere = has_districts_page(inputs) and not spec.districts
    if action:
        action = action | {"elsewhere": elsewhere}
    call = inputs.once("call", lang, lambda: call_view(t, campaign, lang,
                                                       inputs.result.calls.get(lang, ())))
    if call:
        call = call | {"slot": elsewhere}
    platform = spec.platform or (inputs.formats[0] if inputs.formats else "")
    views = inputs.once("posts", f"{lang}\0{spec.root}", lambda: post_views(
        t, campaign_links, spec.root, inputs.result, lang, inputs.kit_sizes, inputs.previews))
    posts = for_platform(views, platform)
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
        "posts": posts,
        "platforms": platform_choices(t, inputs, spec),
        "platform": platform,
        "canonical": _absolute(inputs, page_path(inputs, lang, spec.platform, spec.districts)),
        "x_default": _absolute(inputs, page_path(inputs, inputs.languages[0], spec.platform,
                                                 spec.districts))
        or page_href(inputs, spec.root, inputs.languages[0], spec.platform, spec.districts),
        "dates": date_views(campaign, lang),
        "calendar": spec.root + calendar if calendar else None,
        "action": action,
        "card": card_meta(inputs, spec),
        "page_url": _absolute(inputs, page_path(inputs, lang, spec.platform, spec.districts)),
        "districts_page": spec.districts,
        # From the page to its list of every district's version, and back.
        "districts_href": page_href(inputs, spec.root, lang, spec.platform, True),
        "main_href": page_href(inputs, spec.root, lang, spec.platform),
        "versions": {
            "posts": {post.id: [version_data(t, version) for version in post.versions]
                      for post in posts if post.per_target},
            "calls": [office_data(t, office) for office in call["targets"]] if call else [],
        } if elsewhere else {},
        "kit_all": {"href": spec.root + all_kit,
                    "size": human_size(inputs.kit_sizes.get(all_kit, 0)),
                    "language": autonym(inputs.strings, lang)}
        if all_kit in inputs.kit_sizes else None,
        "proof": spec.root + inputs.proof if inputs.proof else None,
        "logo": {**inputs.logo, "src": spec.root + inputs.logo["src"],
                 "css_width": round(inputs.logo["width"] * 32 / inputs.logo["height"])}
        if inputs.logo else None,
        "data": page_data(t, inputs, action, spec.root) | follow_page_data(t, campaign, lang) | {
            "platform": platform, "platformChosen": bool(spec.platform),
            "platforms": {c["format"]: c["href"] for c in platform_choices(t, inputs, spec)}},
        "call": call,
        "follow": follow_data(t, campaign, lang),
    }


def districts_page(inputs: SiteInputs, spec: PageSpec) -> dict[str, Any]:
    """The context of a page listing every district's version of the per-target posts, every
    letter and every office to call (districts.html), for readers without the script."""
    page = campaign_page(inputs, spec)
    posts = [post for post in page["posts"] if post.per_target]
    if posts:
        anchors = [(v.label, f"post-{posts[0].id}-t{v.key}") for v in posts[0].versions]
    elif page["call"]:
        anchors = [(o["label"], f"call-{o['key']}") for o in page["call"]["targets"]]
    else:
        anchors = []
    data = {key: value for key, value in page["data"].items() if key != "follow"}
    return page | {"posts": posts, "follow": None, "dates": None, "talking_points": [],
                   "body": "", "data": data,
                   "districts": [{"label": label, "anchor": anchor} for label, anchor in anchors]}


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
