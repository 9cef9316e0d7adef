"""The pages someone is looking at, made before the rest of a rebuild: `toolkit serve` renders
their images first and shows them (and every file they name that is ready) from memory while
the whole build is written; a file not yet ready is the previous build's until then."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import ToolkitError
from toolkit.live.server import LiveState, Overlay
from toolkit.load.campaign import CARD_FORMAT
from toolkit.output.manifest import write_campaign
from toolkit.output.writer import MemoryWriter
from toolkit.prepared import BuildSummary
from toolkit.site import write_index, write_site
from toolkit.site.write import campaign_pages, planned_kits, post_formats

if TYPE_CHECKING:
    from collections.abc import Collection

    from toolkit.load.workspace import Workspace
    from toolkit.plan import ImageJob
    from toolkit.prepared import CampaignResult

INDEX_PAGE = "index.html"


class FirstPages:
    """For one rebuild: the images the watched pages show are rendered first, then the pages
    are published as an overlay of the build folder (`LiveState.publish`)."""

    def __init__(self, workspace: Workspace, state: LiveState, target: Path,
                 carry_on: Callable[[], None] = lambda: None) -> None:
        self.workspace = workspace
        self.state = state
        self.target = target
        self.pages: set[str] = set()
        self.carry_on = carry_on  # raises when the rest of the build is not wanted any more
        self.times: dict[str, float] = {}  # when each step ended (time.monotonic)

    def images(self, prepared: list[CampaignResult]) -> Callable[[ImageJob], bool] | None:
        self.times["prepared"] = time.monotonic()
        self.pages = self.state.watched_pages()
        chosen: set[int] = set()
        for result in prepared:
            chosen |= {id(job) for job in _shown(result, self.pages, self.target)}
        if not chosen:
            return None
        return lambda job: id(job) in chosen

    def show(self, prepared: list[CampaignResult]) -> None:
        self.times["images"] = time.monotonic()
        try:
            files = first_pages(self.workspace, prepared, self.pages, self.target)
        except ToolkitError:
            return  # the whole build reports it
        if any(page in files for page in self.pages):
            self.state.publish(None, self.target, files)
            self.times["shown"] = time.monotonic()


def _shown(result: CampaignResult, pages: Collection[str], target: Path) -> list[ImageJob]:
    """The images the watched pages of this campaign show, and every image new to the build."""
    slug = result.campaign.slug
    looked = {(spec.lang, spec.platform or (post_formats(result) or ("",))[0])
              for spec in campaign_pages(result) if spec.path in pages}
    if INDEX_PAGE in pages:  # the index shows each campaign's card
        looked.add((result.plan.languages[0], CARD_FORMAT))
    made = {(item.variant.lang, item.variant.format.name, item.variant.post.id)
            for item in result.variants}
    chosen = list(result.plan.cards)
    for item in result.variants:
        lang, name, post = item.variant.lang, item.variant.format.name, item.variant.post.id
        # A post not made for the page's platform shows its first format: all of its images.
        if any(lang == seen and (name == platform or (seen, platform, post) not in made)
               for seen, platform in looked):
            chosen += item.variant.images
    old = target / slug
    chosen += [job for job in result.plan.jobs if not os.path.exists(old / job.output)]
    return chosen


def first_pages(workspace: Workspace, prepared: list[CampaignResult], pages: Collection[str],
                target: Path) -> Overlay:
    """The files the build writes that are ready, with only the pages of `pages` among its
    pages; by relative path, each its bytes or the cache file the build links. The kits (not
    zipped yet) keep the sizes of the previous build in `target`."""
    writer = MemoryWriter()
    summary = BuildSummary()
    for result in prepared:
        slug = result.campaign.slug
        sizes = {}
        for kit in planned_kits(workspace, result):
            try:
                sizes[kit.path] = os.stat(target / slug / kit.path).st_size
            except OSError:
                sizes[kit.path] = 0
        write_campaign(result, writer, summary)
        write_site(workspace, result, writer, summary, pages, sizes)
    if INDEX_PAGE in pages:
        write_index(workspace, prepared, writer, summary)
    return {path: data for path, data in writer.files.items()
            if isinstance(data, bytes) or data.exists()}
