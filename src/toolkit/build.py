"""Build campaigns: load, plan, compose captions, render images, then write pages and manifest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit import __version__
from toolkit.campaign import Campaign, load_campaign
from toolkit.captions.compose import Caption, CaptionComposer
from toolkit.errors import Problem, ProblemsError
from toolkit.graphics.alt import derive_alt
from toolkit.graphics.render import RenderedImage, render_image
from toolkit.output.writer import OutputWriter
from toolkit.plan import BuildPlan, ImageJob, PostVariant, plan_campaign
from toolkit.workspace import Workspace


@dataclass
class VariantResult:
    """A post variant with its caption and alt texts, ready for the manifest and the site."""

    variant: PostVariant
    caption: Caption
    alts: tuple[str, ...]

    @property
    def images(self) -> tuple[str, ...]:
        return tuple(job.output for job in self.variant.images)


@dataclass
class CampaignResult:
    campaign: Campaign
    plan: BuildPlan
    variants: list[VariantResult]
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class BuildSummary:
    rendered: int = 0
    reused: int = 0
    pages: int = 0
    kits: int = 0
    campaigns: list[str] = field(default_factory=list)


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
            caption = composer.caption(variant.post, variant.format, variant.lang)
            alts = tuple(composer.alt(variant.post, variant.format, variant.lang, derive_alt(job))
                         for job in variant.images)
        except ProblemsError as exc:
            problems.extend(p for p in exc.problems if p not in problems)
            continue
        results.append(VariantResult(variant, caption, alts))
    if problems:
        raise ProblemsError(problems)
    return CampaignResult(campaign, plan, results, list(campaign.warnings))


def render_all(jobs: tuple[ImageJob, ...]) -> Iterator[RenderedImage]:
    for job in jobs:
        yield render_image(job)


def build_workspace(workspace: Workspace, slugs: tuple[str, ...], out: Path | None = None,
                    languages: tuple[str, ...] = ()) -> BuildSummary:
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
    summary = BuildSummary(campaigns=chosen)
    target = out or workspace.output_dir
    with OutputWriter(target) as writer:
        for result in prepared:
            write_campaign(result, writer, summary)
        writer.write_text("index.html", index_page(workspace, prepared))
        summary.pages += 1
    return summary


def write_campaign(result: CampaignResult, writer: OutputWriter, summary: BuildSummary) -> None:
    slug = result.campaign.slug
    for image in render_all(result.plan.jobs):
        writer.write_bytes(f"{slug}/{image.output}", image.data)
        summary.rendered += 1
    writer.write_text(f"{slug}/manifest.json", manifest_json(result))


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
            "kit": f"kits/{campaign.slug}-{variant.lang}-{variant.format.name}.zip",
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


def kit_entries(result: CampaignResult) -> list[dict[str, str]]:
    slug = result.campaign.slug
    seen: dict[tuple[str, str], None] = {}
    for item in result.variants:
        seen[(item.variant.lang, item.variant.format.name)] = None
    kits = [{"lang": lang, "format": fmt, "path": f"kits/{slug}-{lang}-{fmt}.zip"}
            for lang, fmt in seen]
    langs = dict.fromkeys(lang for lang, _ in seen)
    kits += [{"lang": lang, "format": "all", "path": f"kits/{slug}-{lang}-all.zip"}
             for lang in langs]
    return kits


def manifest_json(result: CampaignResult) -> str:
    return json.dumps(manifest(result), ensure_ascii=False, indent=2) + "\n"


def index_page(workspace: Workspace, prepared: list[CampaignResult]) -> str:
    from html import escape

    items = "\n".join(
        f'<li><a href="{escape(r.campaign.slug)}/index.html">'
        f"{escape(r.campaign.text(r.campaign.file.title, r.campaign.default_lang))}</a></li>"
        for r in prepared)
    title = escape(workspace.config.title)
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title></head><body><h1>{title}</h1><ul>{items}</ul></body></html>\n")
