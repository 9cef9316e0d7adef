"""Build campaigns: load, plan, compose captions, render images, then write pages and manifest."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from toolkit.captions.calls import CallScript, call_warnings, render_calls
from toolkit.captions.compose import CaptionComposer
from toolkit.captions.host import template_host
from toolkit.captions.letters import Letter, letter_warnings, render_letters
from toolkit.captions.links import MESSAGING, SHARE_TARGETS
from toolkit.errors import Problem, ProblemsError
from toolkit.graphics.fitcheck import check_graphics
from toolkit.interrupts import terminate_as_interrupt
from toolkit.load.campaign import load_campaign
from toolkit.load.sitefiles import check_site_files
from toolkit.load.workspace import Workspace
from toolkit.output.lock import WAIT_SECONDS, OutputLock
from toolkit.output.manifest import write_campaign
from toolkit.output.writer import OutputWriter, cannot_build, check_target, clear_leftovers
from toolkit.plan import (
    ImageJob,
    derive_alt,
    plan_campaign,
)
from toolkit.prepared import BuildSummary, CampaignLinks, CampaignResult, VariantResult
from toolkit.progress import Progress
from toolkit.render.cache import ImageCache
from toolkit.render.jobs import render_jobs
from toolkit.site import write_index, write_site
from toolkit.site.checks import site_warnings
from toolkit.site.environment import SiteRenderer

__all__ = ["BuildSummary", "CampaignResult", "FirstLook", "build_workspace", "prepare_campaign"]


class FirstLook(Protocol):
    """What someone is looking at, made before the rest of the build (`toolkit serve`)."""

    def images(self, prepared: list[CampaignResult]) -> Callable[[ImageJob], bool] | None:
        """Which images to render first (the ones the pages being looked at show), or None
        when nobody looks."""

    def show(self, prepared: list[CampaignResult]) -> None:
        """Those images are in the cache (the others may be missing): show what is ready."""

    def carry_on(self) -> None:
        """Called while the rest is written: raise to abandon the build (nothing written)."""


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
    for problem in site_problems(workspace, campaign.folder):
        if problem not in problems:
            problems.append(problem)
    warnings = list(campaign.warnings)
    letters: dict[str, tuple[Letter, ...]] = {}
    try:  # so `check` reports letter template errors too, before any image is rendered
        letters = render_letters(workspace, campaign, campaign.languages)
        warnings += letter_warnings(campaign, letters)
        warnings += site_warnings(workspace, campaign)
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
    platforms = {*MESSAGING, *SHARE_TARGETS, "print", *(f.platform for f in campaign.formats)}
    links = CampaignLinks(campaign, {name: composer.platform_url(name) for name in platforms})
    return CampaignResult(campaign, plan, results, warnings, letters, calls=calls,
                          links=links)


def site_problems(workspace: Workspace, folder: Path) -> list[Problem]:
    """The campaign's site files and the workspace's (which the index page uses)."""
    found = check_site_files(workspace.search_dirs(folder))
    return found + [p for p in check_site_files(workspace.search_dirs()) if p not in found]


def render_images(workspace: Workspace, prepared: list[CampaignResult], summary: BuildSummary,
                  jobs: int = 1, progress: Progress | None = None,
                  draw: Callable[[ImageJob], bool] | None = None) -> None:
    """Every campaign's images into the cache, rendering only those not already there (and
    with `draw`, only those it chooses: the others' files may be missing)."""
    plan_jobs = [job for result in prepared for job in result.plan.all_jobs]
    rendered = render_jobs(plan_jobs, ImageCache(workspace.cache_dir), jobs, progress, draw)
    files = iter(rendered.files)
    for result in prepared:
        result.images = {job.output: next(files) for job in result.plan.all_jobs}
    # The summary counts the posts' images, as before the cards were planned jobs too.
    cards = {id(job) for result in prepared for job in result.plan.cards}
    fresh = [new for job, new in zip(plan_jobs, rendered.fresh, strict=True)
             if id(job) not in cards]
    summary.rendered += sum(fresh)
    summary.reused += len(fresh) - sum(fresh)


def build_workspace(workspace: Workspace, slugs: tuple[str, ...], out: Path | None = None,
                    languages: tuple[str, ...] = (), jobs: int = 1,
                    progress: Progress | None = None, lock_wait: float = WAIT_SECONDS,
                    first: FirstLook | None = None) -> BuildSummary:
    """Prepare every campaign first, so nothing is written when any of them has an error."""
    chosen = workspace.select(slugs)
    template_host().start()  # it imports while the campaigns load
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
        early = BuildSummary()
        if first is not None and (draw := first.images(prepared)) is not None:
            render_images(workspace, prepared, early, jobs, None, draw)
            first.show(prepared)
            first.carry_on()
        render_images(workspace, prepared, summary, jobs, progress)
        # What the first look drew, the second pass found in the cache.
        summary.rendered += early.rendered
        summary.reused -= early.rendered
        try:
            check = first.carry_on if first else None
            writer = stack.enter_context(OutputWriter(target, check))  # commits when it ends
        except OSError as exc:
            raise cannot_build(target, exc) from None
        for result in prepared:
            write_campaign(result, writer, summary)
            write_site(workspace, result, writer, summary)
        write_index(workspace, prepared, writer, summary)
    return summary
