"""The link-preview card (1200x630) of a page: a post's Facebook image, or the planned title card.

The title card is an ordinary image job of the plan (`BuildPlan.cards`), rendered, cached and
reported with the others; here it is only picked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.load.campaign import CARD_FORMAT

if TYPE_CHECKING:
    from toolkit.prepared import CampaignResult


@dataclass(frozen=True)
class Card:
    """Where the card image is, relative to the campaign folder, and what it shows."""

    path: str
    width: int
    height: int
    alt: str


def reuse_card(result: CampaignResult, lang: str) -> Card | None:
    """The first post's image in the Facebook format, which is already the card's size."""
    for item in result.variants:
        if item.variant.lang == lang and item.variant.format.name == CARD_FORMAT:
            fmt = item.variant.format
            return Card(item.images[0], fmt.width, fmt.height, item.alts[0] if item.alts else "")
    return None


def title_card(result: CampaignResult, lang: str) -> Card | None:
    """The card the plan drew from the campaign title, once rendered."""
    for job in result.plan.cards:
        if job.lang == lang and job.output in result.images:
            return Card(job.output, job.format.width, job.format.height, job.text("headline"))
    return None


def campaign_card(result: CampaignResult, lang: str) -> Card | None:
    return reuse_card(result, lang) or title_card(result, lang)
