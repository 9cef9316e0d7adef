"""The link-preview card (1200x630): a post's Facebook image, or one rendered from the title."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.errors import Problems, ToolkitError
from toolkit.graphics import image as graphics_image
from toolkit.load.campaign import text_direction
from toolkit.load.formats import FORMATS
from toolkit.load.layouts import find_layout_file, load_layout
from toolkit.plan import ImageJob

if TYPE_CHECKING:
    from toolkit.load.workspace import Workspace
    from toolkit.prepared import CampaignResult

CARD_FORMAT = "facebook"
CARD_LAYOUT = "headline"


@dataclass(frozen=True)
class Card:
    """Where the card image is, relative to the campaign folder, and what it shows."""

    path: str
    width: int
    height: int
    alt: str
    data: bytes | None = None


def reuse_card(result: CampaignResult, lang: str) -> Card | None:
    """The first post's image in the Facebook format, which is already the card's size."""
    for item in result.variants:
        if item.variant.lang == lang and item.variant.format.name == CARD_FORMAT:
            fmt = item.variant.format
            return Card(item.images[0], fmt.width, fmt.height, item.alts[0] if item.alts else "")
    return None


def render_card(workspace: Workspace, result: CampaignResult, lang: str) -> Card | None:
    """A headline card of the campaign title, drawn by the shipped layout engine."""
    campaign = result.campaign
    fmt = workspace.formats.get(CARD_FORMAT) or FORMATS[CARD_FORMAT]
    path = find_layout_file(CARD_LAYOUT, workspace.search_dirs(campaign.folder))
    layout = load_layout(CARD_LAYOUT, path, workspace.root, Problems()) if path else None
    if layout is None:
        return None
    title = campaign.text(campaign.file.title, lang)
    output = f"card-{lang}.png"
    job = ImageJob(campaign.slug, "card", fmt, lang, text_direction(lang), layout, campaign.brand,
                   (("headline", title),), (("headline", campaign.locate(("title",))),), 0, 0,
                   None, (0.5, 0.5), campaign.file.url, "png", output)
    try:
        image = graphics_image.render_image(job)
    except ToolkitError:
        return None
    return Card(output, image.width, image.height, title, image.data)


def campaign_card(workspace: Workspace, result: CampaignResult, lang: str) -> Card | None:
    return reuse_card(result, lang) or render_card(workspace, result, lang)
