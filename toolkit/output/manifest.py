"""The campaign's manifest and proof sheet, and its images linked into the output."""

from __future__ import annotations

import json
from typing import Any

from toolkit import __version__
from toolkit.output.proof import proof_page
from toolkit.output.writer import OutputWriter
from toolkit.plan import ALL_FORMATS, kit_path
from toolkit.prepared import BuildSummary, CampaignResult


def write_campaign(result: CampaignResult, writer: OutputWriter, summary: BuildSummary) -> None:
    """A campaign's images, manifest.json and proof.html into the output."""
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
            "kit": kit_path(campaign.slug, variant.lang, variant.format.name),
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
    langs = dict.fromkeys(lang for lang, _ in seen)
    pairs = [*seen, *((lang, ALL_FORMATS) for lang in langs)]
    return [{"lang": lang, "format": fmt, "path": kit_path(slug, lang, fmt)}
            for lang, fmt in pairs]


def manifest_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
