"""The prepared results every later stage reads: variants with captions, campaigns, summaries.

The orchestrator (`toolkit.build`) fills them in; the site and output stages only read them, so
nothing below the orchestrator imports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from toolkit.captions.calls import CallScript
from toolkit.captions.compose import Caption
from toolkit.captions.letters import Letter
from toolkit.errors import Problem
from toolkit.load.campaign import Campaign
from toolkit.plan import BuildPlan, PostVariant


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
    letters: dict[str, tuple[Letter, ...]] = field(default_factory=dict)  # by language
    calls: dict[str, tuple[CallScript, ...]] = field(default_factory=dict)  # by language
    images: dict[str, Path] = field(default_factory=dict)  # job output -> its file in the cache


@dataclass
class BuildSummary:
    rendered: int = 0
    reused: int = 0
    pages: int = 0
    kits: int = 0
    campaigns: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # what `check` would warn about too

    @property
    def images(self) -> int:
        return self.rendered + self.reused
