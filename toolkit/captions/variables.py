"""The variables author templates see (captions, alt texts, letters, per-target texts)."""

from __future__ import annotations

from typing import Any

from toolkit.load.campaign import Campaign


def campaign_context(campaign: Campaign, lang: str) -> dict[str, Any]:
    """What every author template sees as `campaign`, in one language."""
    file = campaign.file
    return {
        "slug": campaign.slug,
        "title": campaign.text(file.title, lang),
        "organization": file.organization,
        "url": file.url,
        "summary": campaign.text(file.summary, lang),
        "hashtags": [h.lstrip("#") for h in file.hashtags],
        "languages": list(file.languages),
        "dates": [{"title": campaign.text(d.title, lang), "start": d.start,
                   "location": campaign.text(d.location, lang)} for d in file.dates],
    }
