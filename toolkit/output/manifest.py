"""The campaign's manifest (what tools read), its proof sheet, and its images in the output."""

from __future__ import annotations

import json
from typing import Any

from toolkit import __version__
from toolkit.load.targets import manifest_target
from toolkit.output.proof import proof_page
from toolkit.output.writer import Writer
from toolkit.plan import ALL_FORMATS, PostVariant, kit_path, target_kit_path
from toolkit.prepared import BuildSummary, CampaignResult


def write_campaign(result: CampaignResult, writer: Writer, summary: BuildSummary) -> None:
    """The campaign's images (linked from the cache), manifest.json and proof.html."""
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
