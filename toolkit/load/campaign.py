"""Load one campaign folder and check it against the workspace: posts, layouts, formats, data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from toolkit.errors import Location, Problem, Problems, ProblemsError, display_path
from toolkit.languages import language_direction
from toolkit.load.brand import find_brand, load_brand
from toolkit.load.fields import LANGUAGE_CODE, Context, LocalText, Record, did_you_mean, type_name
from toolkit.load.formats import FORMATS, Format
from toolkit.load.images import check_image
from toolkit.load.layoutbody import compile_layout
from toolkit.load.layouts import Layout, find_layout_file, layout_names, load_layout
from toolkit.load.model import Brand, CampaignFile, Post, Target
from toolkit.load.tables import load_geojson, load_targets, load_zip_districts
from toolkit.load.textfields import text_fields
from toolkit.load.translations import apply_translations
from toolkit.load.workspace import CAMPAIGN_NAME, Workspace, is_contained, trusted_roots
from toolkit.load.yamlsource import KeyPath, SourceMap, load_yaml

A_WORD = regex.compile(r"\p{L}{3,}")
# The link-preview card of a language without a Facebook post: the title in this layout.
CARD_FORMAT = "facebook"
CARD_LAYOUT = "headline"


@dataclass(frozen=True)
class Campaign:
    """A validated campaign with everything it refers to loaded."""

    slug: str
    folder: Path
    file: CampaignFile
    source: SourceMap
    brand: Brand
    formats: tuple[Format, ...]
    layouts: Mapping[str, Layout]
    targets: tuple[Target, ...] = ()
    zip_districts: Mapping[str, Any] = field(default_factory=dict)
    districts_geojson: Mapping[str, Any] | None = None
    warnings: tuple[Problem, ...] = ()
    call_targets: tuple[Target, ...] = ()
    known_formats: Mapping[str, Format] = field(default_factory=dict)  # the workspace's
    card_layout: Layout | None = None
    card_format: Format | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        return self.file.languages

    @property
    def default_lang(self) -> str:
        return self.file.languages[0]

    def locate(self, key_path: KeyPath) -> Location:
        return self.source.value(key_path)

    def text_location(self, value: LocalText | None, key_path: KeyPath, lang: str) -> Location:
        """Where the text used for lang stands: its language's entry, else the default's."""
        if value is not None and not value.plain:
            key_path = (*key_path, lang if value.has(lang) else self.default_lang)
        return self.locate(key_path)

    def text(self, value: LocalText | None, lang: str) -> str:
        return value.get(lang, self.default_lang) if value else ""

    def post_formats(self, post: Post) -> tuple[Format, ...]:
        """The post's own formats (any the workspace knows), else the campaign's, of its kind."""
        kind = self.layouts[post.layout].header.kind
        if post.formats:
            chosen = [self.known_formats[n] for n in post.formats if n in self.known_formats]
        else:
            chosen = list(self.formats)
        return tuple(f for f in chosen if f.kind == kind)


def text_direction(lang: str) -> str:
    return language_direction(lang)


def load_campaign(workspace: Workspace, slug: str, translations: bool = True) -> Campaign:
    """Read campaigns/<slug>/campaign.yaml and all it names; every problem is raised at once.

    Translations from the campaign's locale files join the inline ones unless `translations`
    is false (`toolkit translate` reads the campaign file alone).
    """
    folder = workspace.campaigns_dir / slug
    roots = trusted_roots(workspace.search_dirs(folder))
    if not is_contained(folder / CAMPAIGN_NAME, roots):
        raise ProblemsError([Problem(Location(display_path(folder / CAMPAIGN_NAME), 1, 1),
                                     "leads outside the workspace through a link")])
    data, source = load_yaml(folder / CAMPAIGN_NAME)
    if not isinstance(data, dict):
        message = (f"a campaign file holds keys such as title:, url: and posts:, one per line; "
                   f"this one holds {type_name(data)}")
        raise ProblemsError([Problem(source.value(()), message)])
    problems = Problems()
    languages = _languages(data)
    pending = apply_translations(data, source, folder, languages, problems, roots) \
        if translations else set()
    ctx = Context(source, problems, workspace.root, folder, languages)
    campaign = Record(CampaignFile).check(data, (), ctx)
    if campaign is None:
        problems.raise_errors()
        raise ProblemsError([Problem(source.value(()), "campaign is invalid")])
    search = workspace.search_dirs(folder)
    brand = _brand(campaign, workspace, search, ctx)
    formats = _formats(campaign, workspace, ctx)
    layouts = _layouts(campaign, workspace, search, ctx)
    _check_posts(campaign, layouts, workspace.formats, ctx)
    _check_dates(campaign, ctx)
    _check_markdown(campaign, ctx)
    for post in campaign.posts:
        if post is not None:
            check_image(post.background, (*post.key_path, "background"), ctx)
    _warn_untranslated(campaign, data, ctx, pending)
    targets, call_targets, zips, geojson = _action_data(campaign, workspace.root, problems)
    _check_per_target(campaign, layouts, targets, ctx)
    problems.raise_errors()
    assert brand is not None
    return Campaign(slug, folder, campaign, source, brand, formats, dict(layouts),
                    targets, dict(zips), geojson, tuple(problems.warnings), call_targets,
                    dict(workspace.formats),
                    card_layout=_card_layout(layouts, workspace, search),
                    card_format=workspace.formats.get(CARD_FORMAT) or FORMATS[CARD_FORMAT])


def _card_layout(layouts: Mapping[str, Layout], workspace: Workspace, search: tuple[Path, ...]
                 ) -> Layout | None:
    """The card's layout; a campaign whose search path has none (or a broken one) gets no card."""
    if CARD_LAYOUT in layouts:
        return layouts[CARD_LAYOUT]
    path = find_layout_file(CARD_LAYOUT, search)
    try:
        layout = load_layout(CARD_LAYOUT, path, workspace.root, Problems()) if path else None
        if layout:
            compile_layout(layout)
    except ProblemsError:
        return None
    return layout


def _languages(data: Any) -> tuple[str, ...]:
    raw = data.get("languages", ["en"]) if isinstance(data, dict) else ["en"]
    if (isinstance(raw, list) and len(set(map(str, raw))) == len(raw)
            and all(isinstance(x, str) and LANGUAGE_CODE.match(x) for x in raw)):
        return tuple(raw) or ("en",)
    return ()  # the list itself is wrong: report that, not every text's language after it


def _brand(campaign: CampaignFile, workspace: Workspace, search: tuple[Path, ...],
           ctx: Context) -> Brand | None:
    slug = campaign.brand or workspace.config.brand
    path = find_brand(slug, search, ctx.location(("brand",)), ctx.problems)
    return load_brand(slug, path, workspace.root, ctx.problems) if path else None


def _formats(campaign: CampaignFile, workspace: Workspace, ctx: Context) -> tuple[Format, ...]:
    known = workspace.formats
    for index, name in enumerate(campaign.formats):
        if name not in known:
            ctx.error(("formats", index), f"unknown format '{name}'{did_you_mean(name, known)} "
                                          f"(formats: {', '.join(known)})")
    chosen = [known[n] for n in campaign.formats if n in known]
    if not chosen:
        return tuple(f for f in known.values()
                     if (f.kind == "social" and f.spec.default) or f.name == "print-letter")
    if not any(f.kind == "print" for f in chosen) and "print-letter" in known:
        chosen.append(known["print-letter"])
    return tuple(chosen)


def _layouts(campaign: CampaignFile, workspace: Workspace, search: tuple[Path, ...],
             ctx: Context) -> dict[str, Layout]:
    layouts: dict[str, Layout] = {}
    for post in campaign.posts:
        if post is None or post.layout in layouts:
            continue
        path = find_layout_file(post.layout, search)
        if path is None:
            hint = did_you_mean(post.layout, layout_names(search))
            ctx.error((*post.key_path, "layout"), f"unknown layout '{post.layout}'{hint}")
            continue
        if not is_contained(path, trusted_roots(search)):
            ctx.error((*post.key_path, "layout"),
                      f"layout '{post.layout}' cannot be used: {display_path(path)} leads "
                      "outside the workspace through a link")
            layouts[post.layout] = None  # type: ignore[assignment]  # reported once
            continue
        try:
            layout = load_layout(post.layout, path, workspace.root, ctx.problems)
            if layout:
                compile_layout(layout)  # the body too, so `check` sees what rendering would
        except ProblemsError as exc:
            ctx.problems.extend(exc.problems)
            continue
        if layout:
            layouts[post.layout] = layout
    return {name: layout for name, layout in layouts.items() if layout is not None}


def _check_posts(campaign: CampaignFile, layouts: Mapping[str, Layout],
                 known: Mapping[str, Format], ctx: Context) -> None:
    seen: dict[str, int] = {}
    for post in campaign.posts:
        if post is None:
            continue
        where = ctx.location(post.key_path)
        if post.id in seen:
            ctx.error((*post.key_path, "id"),
                      f"duplicate post id '{post.id}' (first used on line {seen[post.id]})")
        seen.setdefault(post.id, where.line)
        layout = layouts.get(post.layout)
        for index, name in enumerate(post.formats):
            item = (*post.key_path, "formats", index)
            if name not in known:
                ctx.error(item, f"unknown format '{name}'{did_you_mean(name, known)} "
                                f"(formats: {', '.join(known)})")
            elif layout and known[name].kind != layout.header.kind:
                ctx.error(item, f"format '{name}' is a {known[name].kind} format, and layout "
                                f"'{layout.name}' makes {layout.header.kind} graphics")
        if layout:
            _check_post_fields(post, layout, ctx)


def _check_post_fields(post: Post, layout: Layout, ctx: Context) -> None:
    header = layout.header
    declared = header.fields or {}
    fields = post.fields()
    for name in fields:
        if name not in declared:
            hint = did_you_mean(name, tuple(declared))
            ctx.key_error((*post.key_path, "text", name),
                          f"layout '{layout.name}' has no field '{name}'{hint}")
    if header.slides:
        if not post.slides:
            ctx.error(post.key_path, f"layout '{layout.name}' needs `slides`")
    else:
        if post.slides:
            ctx.key_error((*post.key_path, "slides"),
                          f"layout '{layout.name}' has no slides; use layout carousel")
        for name, field_info in declared.items():
            if field_info.required and name not in fields:
                ctx.error(post.key_path,
                          f"post '{post.id}' needs text.{name} for layout '{layout.name}'")
    if not header.post_link:
        for name, given in (("link", post.link is not None), ("qr", post.qr)):
            if given:
                ctx.key_error((*post.key_path, name),
                              f"layout '{layout.name}' draws no post `{name}`; the layouts "
                              "event and date do")
    written = (*post.key_path, "background") in ctx.source.values  # refused: reported already
    if header.needs_background and post.background is None and not post.per_target \
            and not written:
        ctx.error(post.key_path, f"layout '{layout.name}' needs a `background` photo")


def _check_dates(campaign: CampaignFile, ctx: Context) -> None:
    """An end must be comparable with its start, and not before it."""
    for date in campaign.dates:
        start, end = date.start, date.end
        if end is None:
            continue
        where = (*date.key_path, "end")
        if isinstance(start, dt.datetime) != isinstance(end, dt.datetime):
            ctx.error(where, "give start and end both a time (2024-05-01T10:00:00-07:00) "
                             "or both only a date (2024-05-01)")
        elif (isinstance(start, dt.datetime) and isinstance(end, dt.datetime)
              and (start.tzinfo is None) != (end.tzinfo is None)):
            ctx.error(where, "give start and end both a time zone offset (-07:00), or neither")
        elif end < start:
            ctx.error(where, f"end {end.isoformat()} is before start {start.isoformat()}")


def _check_markdown(campaign: CampaignFile, ctx: Context) -> None:
    """Markdown the site could not render in reasonable time and space, found before a build."""
    from toolkit.site.markdown import markdown_problem  # the site package imports campaigns

    for name in ("summary", "body"):
        value: LocalText | None = getattr(campaign, name)
        for lang, text in value.values if value else ():
            problem = markdown_problem(text)
            if problem:
                ctx.error((name, lang) if lang else (name,), problem)


def _warn_untranslated(campaign: CampaignFile, data: Any, ctx: Context,
                       pending: set[tuple[KeyPath, str]]) -> None:
    """Texts a language lacks; those whose translation waits for review were named already.

    The texts are the model's `Text()` fields (as translation files export them), so a call
    script, a carousel slide or a field added later is covered without a list to keep.
    """
    if len(campaign.languages) < 2:
        return
    for found in text_fields(CampaignFile, data):
        key_path, value = found.key_path, found.value
        if isinstance(value, str) and A_WORD.search(value):
            ctx.warn(key_path, f"'{_short(value)}' is untranslated; it is used for every language")
        elif isinstance(value, dict):
            missing = [lang for lang in campaign.languages
                       if lang not in value and (key_path, lang) not in pending]
            if missing:
                ctx.warn(key_path, f"no translation for {', '.join(missing)}; "
                                   f"{campaign.languages[0]} is used")


def _action_data(campaign: CampaignFile, root: Path, problems: Problems
                 ) -> tuple[tuple[Target, ...], tuple[Target, ...], dict[str, list[str]], Any]:
    """The targets table (the letter's, else the call's), the call's own table, and lookups."""
    action = campaign.action
    email = action.email if action else None
    call = action.call if action else None
    targets: tuple[Target, ...] = ()
    if email is not None:
        targets = load_targets(email.targets, problems, root=root)
    call_targets = targets
    if call is not None and call.targets is not None and (
            email is None or call.targets != email.targets):
        call_targets = load_targets(call.targets, problems, need_email=False, root=root)
    if email is None:
        targets = call_targets
    districts = {t.district for t in targets} | {t.district for t in call_targets}
    lookup = (email.lookup if email else None) or (call.lookup if call else None)
    zips: dict[str, list[str]] = {}
    geojson = None
    if lookup and lookup.zip:
        zips = load_zip_districts(lookup.zip, districts, problems)
    if lookup and lookup.geojson:
        geojson = load_geojson(lookup.geojson, districts, problems)
    return targets, call_targets, zips, geojson


def _check_per_target(campaign: CampaignFile, layouts: Mapping[str, Layout],
                      targets: tuple[Target, ...], ctx: Context) -> None:
    """Per-target posts need a targets table, and photo layouts a photo for every target."""
    action = campaign.action
    for post in campaign.posts:
        if post is None or not post.per_target:
            continue
        if action is None or (action.email is None and action.call is None):
            ctx.error((*post.key_path, "per_target"),
                      "a per-target post needs a targets table: add action.email or "
                      "action.call with `targets:`")
            continue
        layout = layouts.get(post.layout)
        if layout and layout.header.needs_background and post.background is None:
            # A photo cell naming a missing file is an error at its cell already.
            lacking = [t.name for t in targets
                       if t.photo is None and not t.columns.get("photo", "").strip()]
            if lacking:
                who = ", ".join(lacking[:3]) + (f" and {len(lacking) - 3} more"
                                                if len(lacking) > 3 else "")
                ctx.error(post.key_path,
                          f"layout '{layout.name}' needs a `background` photo, or a `photo` "
                          f"column filled for every target ({who} "
                          f"{'has' if len(lacking) == 1 else 'have'} none)")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
