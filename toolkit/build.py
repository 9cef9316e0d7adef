"""Build campaigns: load, plan, compose captions, render images, then write pages and manifest."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from toolkit import __version__
from toolkit.captions.alt import derive_alt
from toolkit.captions.calls import CallScript, call_warnings, render_calls
from toolkit.captions.compose import CaptionComposer
from toolkit.captions.letters import Letter, letter_warnings, render_letters
from toolkit.errors import Problem, ProblemsError
from toolkit.graphics.fitcheck import check_graphics
from toolkit.interrupts import terminate_as_interrupt
from toolkit.load.campaign import load_campaign
from toolkit.load.targets import manifest_target
from toolkit.load.workspace import Workspace
from toolkit.output.lock import WAIT_SECONDS, OutputLock
from toolkit.output.proof import proof_page
from toolkit.output.writer import OutputWriter, cannot_build, check_target, clear_leftovers
from toolkit.plan import (
    ALL_FORMATS,
    PostVariant,
    kit_path,
    plan_campaign,
    target_kit_path,
)
from toolkit.prepared import BuildSummary, CampaignResult, VariantResult
from toolkit.progress import Progress
from toolkit.render.cache import ImageCache
from toolkit.render.jobs import render_jobs
from toolkit.site import write_index, write_site
from toolkit.site.environment import SiteRenderer

__all__ = ["BuildSummary", "CampaignResult", "build_workspace", "prepare_campaign"]


def prepare_campaign(workspace: Workspace, slug: str, languages: tuple[str, ...] = ()
                     ) -> CampaignResult:
    """Everything up to rendering: the model, the plan and every caption, all problems at once."""
    campaign = load_campaign(workspace, slug)
    plan = plan_campaign(campaign, languages)
    composer = CaptionComposer(workspace, campaign)
    problems: list[Problem] = []
    results = []
    for variant in plan.variants:
        try:
            target = variant.target
            rendered = tuple(dict(job.fields) for job in variant.images) if target else ()
            caption = composer.caption(variant.post, variant.format, variant.lang, target,
                                       rendered)
            alts = tuple(composer.alt(variant.post, variant.format, variant.lang,
                                      derive_alt(job), target, rendered)
                         for job in variant.images)
        except ProblemsError as exc:
            problems.extend(p for p in exc.problems if p not in problems)
            continue
        results.append(VariantResult(variant, caption, alts))
    warnings = list(campaign.warnings)
    letters: dict[str, tuple[Letter, ...]] = {}
    try:  # so `check` reports letter template errors too, before any image is rendered
        letters = render_letters(workspace, campaign, campaign.languages)
        warnings += letter_warnings(campaign, letters)
    except ProblemsError as exc:
        problems.extend(p for p in exc.problems if p not in problems)
    calls: dict[str, tuple[CallScript, ...]] = {}
    try:
        calls = render_calls(workspace, campaign, campaign.languages)
        warnings += call_warnings(campaign)
    except ProblemsError as exc:
        problems.extend(p for p in exc.problems if p not in problems)
    try:  # the site's words and templates, so `check` finds what writing the site would
        SiteRenderer(workspace.search_dirs(campaign.folder)).preflight()
    except ProblemsError as exc:
        problems.extend(p for p in exc.problems if p not in problems)
    if problems:
        # All at once: a caption's error must not hide that the same post's text does not fit.
        problems += [p for p in check_graphics(plan.jobs) if p.is_error and p not in problems]
        raise ProblemsError(problems)
    return CampaignResult(campaign, plan, results, warnings, letters, calls=calls)


def render_images(workspace: Workspace, prepared: list[CampaignResult], summary: BuildSummary,
                  jobs: int = 1, progress: Progress | None = None) -> None:
    """Every campaign's images into the cache, rendering only those not already there."""
    plan_jobs = [job for result in prepared for job in result.plan.jobs]
    rendered = render_jobs(plan_jobs, ImageCache(workspace.cache_dir), jobs, progress)
    files = iter(rendered.files)
    for result in prepared:
        result.images = {job.output: next(files) for job in result.plan.jobs}
    summary.rendered += rendered.rendered
    summary.reused += rendered.reused


def build_workspace(workspace: Workspace, slugs: tuple[str, ...], out: Path | None = None,
                    languages: tuple[str, ...] = (), jobs: int = 1,
                    progress: Progress | None = None, lock_wait: float = WAIT_SECONDS
                    ) -> BuildSummary:
    """Prepare every campaign first, so nothing is written when any of them has an error."""
    chosen = workspace.select(slugs)
    prepared: list[CampaignResult] = []
    problems: list[Problem] = []
    for slug in chosen:
        try:
            prepared.append(prepare_campaign(workspace, slug, languages))
        except ProblemsError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ProblemsError(problems)
    summary = BuildSummary(campaigns=chosen,
                           warnings=[w for result in prepared for w in result.warnings])
    target = out or workspace.output_dir
    check_target(target)  # before rendering, not after it
    with contextlib.ExitStack() as stack:
        stack.enter_context(terminate_as_interrupt())
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            stack.enter_context(OutputLock(target, lock_wait))
            clear_leftovers(target)
        except OSError as exc:  # a read-only disk, /proc, a folder we may not write
            raise cannot_build(target, exc) from None
        render_images(workspace, prepared, summary, jobs, progress)
        try:
            writer = stack.enter_context(OutputWriter(target))  # commits when the block ends
        except OSError as exc:
            raise cannot_build(target, exc) from None
        for result in prepared:
            write_campaign(result, writer, summary)
            write_site(workspace, result, writer, summary)
        write_index(workspace, prepared, writer, summary)
    return summary


def write_campaign(result: CampaignResult, writer: OutputWriter, summary: BuildSummary) -> None:
    slug = result.campaign.slug
    for output, file in result.images.items():
        writer.link_file(f"{slug}/{output}", file)
    data = manifest(result)
    writer.write_text(f"{slug}/manifest.json", manifest_json(data))
    title = result.campaign.text(result.campaign.file.title, result.campaign.default_lang)
    writer.write_text(f"{slug}/proof.html", proof_page(title, data["posts"]))


def manifest(result: CampaignResult) -> dict[str, Any]:
    """What tools read: every post x format x language with its files and texts."""
    campaign = result.campaign
    entries = []
    for item in result.variants:
        variant, caption = item.variant, item.caption
        entries.append({
            "post": variant.post.id,
            "layout": variant.post.layout,
            "format": variant.format.name,
            "platform": variant.format.platform,
            "lang": variant.lang,
            "images": list(item.images),
            "width": variant.format.width,
            "height": variant.format.height,
            "alt": item.alts[0] if item.alts else "",
            "alts": list(item.alts),
            "caption": caption.text,
            "caption_length": caption.length,
            "caption_limit": caption.limit,
            "caption_rule": caption.rule,
            "thread": list(caption.thread),
            "url": caption.url,
            "share_url": caption.share_url,
            "kit": variant_kit(campaign.slug, variant),
            "target": dict(manifest_target(variant.target)) if variant.target else None,
        })
    return {
        "generator": f"campaign-toolkit {__version__}",
        "campaign": campaign.slug,
        "title": {lang: campaign.text(campaign.file.title, lang) for lang in campaign.languages},
        "url": campaign.file.url,
        "languages": list(campaign.languages),
        "posts": entries,
        "kits": kit_entries(result),
    }


def variant_kit(slug: str, variant: PostVariant) -> str:
    """The kit holding a variant: its language and format's, or its target's."""
    if variant.target is not None:
        return target_kit_path(slug, variant.lang, variant.target.key)
    return kit_path(slug, variant.lang, variant.format.name)


def kit_entries(result: CampaignResult) -> list[dict[str, str]]:
    """Kits per language and format, per language with all formats, and per language and
    target (every format of the per-target posts addressed to that target)."""
    slug = result.campaign.slug
    seen: dict[tuple[str, str], None] = {}
    targets: dict[tuple[str, str], None] = {}
    for item in result.variants:
        if item.variant.target is None:
            seen[(item.variant.lang, item.variant.format.name)] = None
        else:
            targets[(item.variant.lang, item.variant.target.key)] = None
    langs = dict.fromkeys(item.variant.lang for item in result.variants)
    pairs = [*seen, *((lang, ALL_FORMATS) for lang in langs)]
    entries = [{"lang": lang, "format": fmt, "path": kit_path(slug, lang, fmt)}
               for lang, fmt in pairs]
    entries += [{"lang": lang, "format": ALL_FORMATS, "target": key,
                 "path": target_kit_path(slug, lang, key)} for lang, key in targets]
    return entries


def manifest_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
