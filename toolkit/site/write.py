"""Write a campaign's site: kits, calendars, styles, scripts and a page per language."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import replace
from typing import TYPE_CHECKING

from toolkit.errors import Problem, ProblemsError
from toolkit.load.strings import Strings
from toolkit.output.calendar import calendar_ics
from toolkit.output.kitcache import KitCache
from toolkit.output.kits import Kit, plan_kits
from toolkit.output.writer import Writer
from toolkit.render.previews import PreviewCache, preview_path
from toolkit.site.card import campaign_card, reuse_card, title_card
from toolkit.site.districts import districts_script
from toolkit.site.environment import SiteRenderer
from toolkit.site.pages import (
    DISTRICTS_SCRIPT,
    PageSpec,
    SiteInputs,
    campaign_page,
    districts_page,
    has_districts_page,
    index_entry,
    index_page,
    page_specs,
)
from toolkit.site.theme import header_logo, theme_css

if TYPE_CHECKING:
    from toolkit.load.workspace import Workspace
    from toolkit.prepared import BuildSummary, CampaignResult

PAGE_TEMPLATE = "page.html"
DISTRICTS_TEMPLATE = "districts.html"
INDEX_TEMPLATE = "index.html"
CAMPAIGN_ASSETS = ("site.css", "print.css", "count.js", "site.js", "targets.js")
INDEX_ASSETS = ("site.css", "print.css")
PROOF_PAGE = "proof.html"
LOGO_NAME = "logo.png"


def write_site(workspace: Workspace, result: CampaignResult, writer: Writer,
               summary: BuildSummary, pages: Container[str] | None = None,
               kit_sizes: dict[str, int] | None = None) -> None:
    """Everything a volunteer opens for one campaign; images must already be written.
    `toolkit serve` shows the pages someone is looking at first: with `pages`, only the pages
    of those paths, and with `kit_sizes` (by kit path) no kits; an image not yet rendered
    then has no previews."""
    campaign = result.campaign
    slug = campaign.slug
    renderer = SiteRenderer(workspace.search_dirs(campaign.folder))
    languages = result.plan.languages
    letters = {lang: result.letters[lang] for lang in languages if lang in result.letters}
    if kit_sizes is None:
        kit_sizes = write_kits(result, renderer, writer, summary, KitCache(workspace.cache_dir))
    calendars = write_calendars(result, languages, writer)
    cards = {lang: card for lang in languages if (card := campaign_card(result, lang))}
    previews = write_previews(workspace, result, writer)
    if campaign.districts_geojson:
        writer.write_text(f"{slug}/{DISTRICTS_SCRIPT}",
                          districts_script(campaign.districts_geojson))
    write_assets(renderer, writer, f"{slug}/", CAMPAIGN_ASSETS)
    formats = post_formats(result)
    labels = {item.variant.format.name: item.variant.format.spec.label or
              item.variant.format.name for item in result.variants}
    writer.write_text(f"{slug}/theme.css", theme_css(campaign.brand))
    logo = header_logo(campaign.brand)
    if logo:
        writer.write_bytes(f"{slug}/{LOGO_NAME}", logo.data)
    proof = PROOF_PAGE if f"{slug}/{PROOF_PAGE}" in writer.written else None
    inputs = SiteInputs(workspace, result, languages, renderer.strings, letters, kit_sizes,
                        cards, calendars, proof,
                        {"src": LOGO_NAME, "width": logo.width, "height": logo.height}
                        if logo else None, previews, formats, labels)
    for spec in page_specs(slug, languages, formats, has_districts_page(inputs)):
        if pages is not None and spec.path not in pages:
            continue
        if spec.districts:
            page = renderer.page(DISTRICTS_TEMPLATE, districts_page(inputs, spec))
        else:
            page = renderer.page(PAGE_TEMPLATE, campaign_page(inputs, spec))
        writer.write_text(spec.path, page)
        summary.pages += 1


def post_formats(result: CampaignResult) -> tuple[str, ...]:
    """Every format of the posts, in plan order: a page each, the first the default page."""
    return tuple(dict.fromkeys(item.variant.format.name for item in result.variants
                               if item.variant.format.name != "index"))


def campaign_pages(result: CampaignResult) -> list[PageSpec]:
    """The pages write_site writes for one campaign."""
    districts = any(item.variant.target is not None for item in result.variants)
    return page_specs(result.campaign.slug, result.plan.languages, post_formats(result),
                      districts)


def planned_kits(workspace: Workspace, result: CampaignResult) -> list[Kit]:
    """The kits write_site writes for one campaign, not zipped."""
    renderer = SiteRenderer(workspace.search_dirs(result.campaign.folder))
    return plan_kits(result, lambda output: result.images[output],
                     lambda lang: Strings(renderer.strings, lang))


def write_previews(workspace: Workspace, result: CampaignResult, writer: Writer
                   ) -> dict[str, tuple[tuple[str, int, int], ...]]:
    """WebP previews of every image, from the preview cache, linked beside the images."""
    cache = PreviewCache(workspace.cache_dir)
    slug = result.campaign.slug
    found: dict[str, tuple[tuple[str, int, int], ...]] = {}
    sizes = {job.output: (job.format.width, job.format.height) for job in result.plan.all_jobs}
    for output, file in result.images.items():
        if not file.exists():  # not yet rendered: see write_site
            continue
        entries = []
        for path, width, height in cache.previews(file, sizes.get(output)):
            relative = preview_path(output, width)
            writer.link_file(f"{slug}/{relative}", path)
            entries.append((relative, width, height))
        found[output] = tuple(entries)
    return found


def write_assets(renderer: SiteRenderer, writer: Writer, prefix: str,
                 names: tuple[str, ...]) -> None:
    """The stylesheets and scripts, and whatever a designer put in templates/site/assets/."""
    for name in names:
        writer.write_bytes(prefix + name, renderer.asset(name))
    for relative, path in renderer.extra_assets().items():
        writer.write_bytes(f"{prefix}assets/{relative}", path.read_bytes())


def write_kits(result: CampaignResult, renderer: SiteRenderer, writer: Writer,
               summary: BuildSummary, cache: KitCache) -> dict[str, int]:
    """Each kit from the kit cache (zipped once per content), linked into the build."""
    slug = result.campaign.slug
    kits = plan_kits(result, lambda output: result.images[output],
                     lambda lang: Strings(renderer.strings, lang))
    sizes = {}
    for kit in kits:
        path = cache.path(kit)
        writer.link_file(f"{slug}/{kit.path}", path)
        sizes[kit.path] = path.stat().st_size
        summary.kits += 1
    return sizes


def write_calendars(result: CampaignResult, languages: tuple[str, ...], writer: Writer
                    ) -> dict[str, str]:
    """calendar.ics in the default language, and <lang>/calendar.ics beside each page."""
    campaign = result.campaign
    if not campaign.file.dates:
        return {}
    writer.write_text(f"{campaign.slug}/calendar.ics", calendar_ics(campaign, languages[0]))
    for lang in languages:
        writer.write_text(f"{campaign.slug}/{lang}/calendar.ics", calendar_ics(campaign, lang))
    return {lang: f"{lang}/calendar.ics" for lang in languages}


def write_index(workspace: Workspace, prepared: list[CampaignResult], writer: Writer,
                summary: BuildSummary) -> None:
    """build/index.html: every campaign of the workspace, with its own stylesheet."""
    renderer = SiteRenderer(workspace.search_dirs())
    entries = []
    for result in prepared:
        languages = result.plan.languages
        cards = {}
        lang = languages[0]
        card = reuse_card(result, lang)
        if card is None and (titled := title_card(result, lang)):
            card = replace(titled, alt="")  # the index shows the title beside it
        if card is not None:
            cards[lang] = card
        inputs = SiteInputs(workspace, result, languages, renderer.strings, {}, {}, cards, {},
                            None, None)
        entries.append(index_entry(inputs))
    write_assets(renderer, writer, "", INDEX_ASSETS)
    context = index_page(workspace.config.title, entries, renderer.strings)
    writer.write_text("index.html", renderer.page(INDEX_TEMPLATE, context))
    summary.pages += 1


def check_pages(workspace: Workspace, prepared: list[CampaignResult]) -> list[Problem]:
    """Render every page as the build would, before any image exists (sizes and previews
    left out), so `check` finds what the site's templates do at run time: an undefined name,
    a loop or a blow-up in a campaign's own template. Nothing is written."""
    problems: list[Problem] = []
    for result in prepared:
        campaign = result.campaign
        try:
            renderer = SiteRenderer(workspace.search_dirs(campaign.folder))
            languages = result.plan.languages
            letters = {lang: result.letters[lang] for lang in languages
                       if lang in result.letters}
            formats = tuple(dict.fromkeys(item.variant.format.name for item in result.variants
                                          if item.variant.format.name != "index"))
            labels = {item.variant.format.name: item.variant.format.spec.label or
                      item.variant.format.name for item in result.variants}
            calendars = {lang: f"{lang}/calendar.ics" for lang in languages} \
                if campaign.file.dates else {}
            inputs = SiteInputs(workspace, result, languages, renderer.strings, letters, {}, {},
                                calendars, None, None, {}, formats, labels)
            for spec in page_specs(campaign.slug, languages, formats):
                renderer.page(PAGE_TEMPLATE, campaign_page(inputs, spec))
        except ProblemsError as exc:
            problems.extend(p for p in exc.problems if p not in problems)
    try:
        renderer = SiteRenderer(workspace.search_dirs())
        entries = [index_entry(SiteInputs(workspace, result, result.plan.languages,
                                          renderer.strings, {}, {}, {}, {}, None, None))
                   for result in prepared]
        renderer.page(INDEX_TEMPLATE, index_page(workspace.config.title, entries,
                                                 renderer.strings))
    except ProblemsError as exc:
        problems.extend(p for p in exc.problems if p not in problems)
    return problems
