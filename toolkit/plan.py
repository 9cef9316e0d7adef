"""Turn a campaign into a pure build plan: one image job per post x format x language x slide."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from toolkit.errors import Location
from toolkit.load.campaign import Campaign, text_direction
from toolkit.load.fields import LocalText
from toolkit.load.formats import Format
from toolkit.load.layouts import Layout
from toolkit.load.model import Brand, Post
from toolkit.load.yamlsource import KeyPath

PHOTO_FILE_TYPE = "jpeg"


@dataclass(frozen=True)
class ImageJob:
    """Everything that decides one image's bytes; picklable for worker processes."""

    campaign: str
    post_id: str
    format: Format
    lang: str
    direction: str
    layout: Layout
    brand: Brand
    fields: tuple[tuple[str, str], ...]
    locations: tuple[tuple[str, Location], ...]
    slide: int
    slides: int
    background: Path | None
    focus: tuple[float, float]
    qr_url: str
    file_type: str
    output: str
    # The brand strip: the short link (or handle) and the call to action, "" when there is none.
    strip_link: str = ""
    cta: str = ""

    @property
    def label(self) -> str:
        slide = f", slide {self.slide}" if self.slide else ""
        return f"post '{self.post_id}', format {self.format.name}, language {self.lang}{slide}"

    def text(self, name: str) -> str:
        if name == "cta":
            return self.cta
        return dict(self.fields).get(name, "")

    def location(self, name: str) -> Location | None:
        return dict(self.locations).get(name)


@dataclass(frozen=True)
class PostVariant:
    """One post in one format and language: the unit of the manifest, the site and the kits."""

    post: Post
    format: Format
    lang: str
    images: tuple[ImageJob, ...]


@dataclass(frozen=True)
class BuildPlan:
    campaign: Campaign
    variants: tuple[PostVariant, ...]

    @property
    def jobs(self) -> tuple[ImageJob, ...]:
        return tuple(job for variant in self.variants for job in variant.images)


ALL_FORMATS = "all"


def kit_name(slug: str, lang: str, fmt: str) -> str:
    """A kit's file stem, also its folder inside the zip; fmt is a format name or `all`."""
    return f"{slug}-{lang}-{fmt}"


def kit_path(slug: str, lang: str, fmt: str) -> str:
    """Where a kit stands in build/<slug>/."""
    return f"kits/{kit_name(slug, lang, fmt)}.zip"


def plan_campaign(campaign: Campaign, languages: tuple[str, ...] = ()) -> BuildPlan:
    """Every post in each of its formats and each campaign language (or those asked for)."""
    langs = [lang for lang in campaign.languages if not languages or lang in languages]
    variants = []
    for post in campaign.file.posts:
        for fmt in campaign.post_formats(post):
            for lang in langs:
                jobs = _image_jobs(campaign, post, fmt, lang)
                variants.append(PostVariant(post, fmt, lang, jobs))
    return BuildPlan(campaign, tuple(variants))


def _image_jobs(campaign: Campaign, post: Post, fmt: Format, lang: str) -> tuple[ImageJob, ...]:
    layout = campaign.layouts[post.layout]
    file_type = _file_type(post, fmt)
    base = f"images/{lang}/{post.id}-{fmt.name}"
    if not post.slides:
        fields, locations = _texts(campaign, post.key_path, post.fields(), lang)
        return (_job(campaign, post, fmt, lang, layout, fields, locations, 0, 0, file_type,
                     f"{base}.{_ext(file_type)}"),)
    jobs = []
    for number, slide in enumerate(post.slides, start=1):
        texts = {"title": slide.title} | ({"text": slide.text} if slide.text else {})
        fields, locations = _texts(campaign, slide.key_path, texts, lang)
        jobs.append(_job(campaign, post, fmt, lang, layout, fields, locations, number,
                         len(post.slides), file_type, f"{base}-{number}.{_ext(file_type)}"))
    return tuple(jobs)


def _texts(campaign: Campaign, key_path: KeyPath, texts: dict[str, LocalText], lang: str
           ) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, Location], ...]]:
    fields = tuple((name, campaign.text(value, lang)) for name, value in texts.items())
    prefix = (*key_path, "text") if key_path and key_path[-2:-1] != ("slides",) else key_path
    locations = []
    for name, value in texts.items():
        locations.append((name, campaign.text_location(value, (*prefix, name), lang)))
    return fields, tuple(locations)


def _job(campaign: Campaign, post: Post, fmt: Format, lang: str, layout: Layout,
         fields: tuple[tuple[str, str], ...], locations: tuple[tuple[str, Location], ...],
         slide: int, slides: int, file_type: str,
         output: str) -> ImageJob:
    focus = (post.focus[0], post.focus[1]) if post.focus else (0.5, 0.5)
    cta, cta_path = ((post.cta, (*post.key_path, "cta")) if post.cta is not None
                     else (campaign.file.cta, ("cta",)))
    if cta is not None:
        locations = (*locations, ("cta", campaign.text_location(cta, cta_path, lang)))
    return ImageJob(campaign.slug, post.id, fmt, lang, text_direction(lang), layout,
                    campaign.brand, fields, locations, slide, slides, post.background, focus,
                    campaign.file.url, file_type, output, strip_link(campaign),
                    campaign.text(cta, lang))


def strip_link(campaign: Campaign) -> str:
    """What the brand strip names: the campaign's short link, else the brand's handle."""
    strip = campaign.brand.strip
    if strip.link:
        return short_link(campaign.file.url)
    return strip.handle


def short_link(url: str) -> str:
    """A link as people type it, without scheme or www: laforward.org/budget."""
    parts = urlsplit(url)
    return parts.netloc.removeprefix("www.") + parts.path.rstrip("/")


def _file_type(post: Post, fmt: Format) -> str:
    if fmt.spec.file_type != "auto":
        return fmt.spec.file_type
    return PHOTO_FILE_TYPE if post.background is not None else "png"


def _ext(file_type: str) -> str:
    return "jpg" if file_type == "jpeg" else "png"
