"""Turn a campaign into a pure build plan: one image job per post x format x language x slide,
and the result each job renders to."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from toolkit.captions.targettexts import TargetTexts
from toolkit.errors import Location
from toolkit.load.campaign import Campaign, text_direction
from toolkit.load.fields import LocalText
from toolkit.load.formats import Format
from toolkit.load.layouts import Layout
from toolkit.load.model import Brand, Post, Target
from toolkit.load.yamlsource import KeyPath
from toolkit.readable import reading_text

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
    target: str = ""  # the target's name, for messages; its texts are in `fields`
    # The brand strip: the short link (or handle) and the call to action, "" when there is none.
    strip_link: str = ""
    cta: str = ""
    treatment: str = ""  # how the photo carries the text: scrim, panel, duotone; "" no photo
    link: str = ""  # the post's own link (an RSVP page), written out and in its QR code
    qr: bool = False  # the post asks for a QR code

    @property
    def label(self) -> str:
        slide = f", slide {self.slide}" if self.slide else ""
        target = f", target {self.target}" if self.target else ""
        return (f"post '{self.post_id}'{target}, format {self.format.name}, "
                f"language {self.lang}{slide}")

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
    target: Target | None = None  # set for a per-target post: the one this variant addresses


@dataclass(frozen=True)
class BuildPlan:
    """A campaign's post variants, the languages its site shows, and their preview cards."""

    campaign: Campaign
    variants: tuple[PostVariant, ...]
    cards: tuple[ImageJob, ...] = ()  # a card for each site language without a Facebook post

    @property
    def jobs(self) -> tuple[ImageJob, ...]:
        """The posts' images."""
        return tuple(job for variant in self.variants for job in variant.images)

    @property
    def all_jobs(self) -> tuple[ImageJob, ...]:
        """Every image the build renders: the posts' and the cards."""
        return (*self.jobs, *self.cards)

    @property
    def languages(self) -> tuple[str, ...]:
        """The campaign's languages this build makes posts for, the default first."""
        made = {variant.lang for variant in self.variants}
        return tuple(lang for lang in self.campaign.languages if lang in made) or (
            self.campaign.default_lang,)


ALL_FORMATS = "all"



def derive_alt(job: ImageJob) -> str:
    """An image's alt text from its graphic text: the layout's fields in their declared
    order, joined as sentences."""
    order = list((job.layout.header.fields or {}).keys())
    texts = dict(job.fields)
    if job.link:  # the graphic writes the post's link after its label: "RSVP mobilize.us/x"
        texts["link_label"] = f"{texts.get('link_label', '')} {short_link(job.link)}".strip()
    names = [n for n in order if texts.get(n)] + [n for n in texts if n not in order]
    alt = reading_text((name, texts[name]) for name in names)
    return f"{job.slide}/{job.slides}: {alt}" if job.slide else alt

def kit_name(slug: str, lang: str, fmt: str) -> str:
    """A kit's file stem, also its folder inside the zip; fmt is a format name or `all`."""
    return f"{slug}-{lang}-{fmt}"


def kit_path(slug: str, lang: str, fmt: str) -> str:
    """Where a kit stands in build/<slug>/."""
    return f"kits/{kit_name(slug, lang, fmt)}.zip"


def target_kit_name(slug: str, lang: str, key: str) -> str:
    """A per-target kit: every format of the per-target posts addressed to one target."""
    return f"{slug}-{lang}-target-{key}"


def target_kit_path(slug: str, lang: str, key: str) -> str:
    return f"kits/{target_kit_name(slug, lang, key)}.zip"


def image_base(post: Post, fmt: Format, lang: str, target: Target | None = None) -> str:
    """An image's path without its extension (and slide number): per-target posts get a
    folder of their own, with one file per target key and format."""
    if target is not None:
        return f"images/{lang}/{post.id}/{target.key}-{fmt.name}"
    return f"images/{lang}/{post.id}-{fmt.name}"


def plan_campaign(campaign: Campaign, languages: tuple[str, ...] = ()) -> BuildPlan:
    """Every post in each of its formats and each campaign language (or those asked for);
    a per-target post once more per target. Every text template problem is raised at once."""
    langs = [lang for lang in campaign.languages if not languages or lang in languages]
    variants = []
    texts = TargetTexts(campaign)
    for post in campaign.file.posts:
        targets: tuple[Target | None, ...] = campaign.targets if post.per_target else (None,)
        for target in targets:
            for fmt in campaign.post_formats(post):
                for lang in langs:
                    jobs = _image_jobs(campaign, texts, post, fmt, lang, target)
                    variants.append(PostVariant(post, fmt, lang, jobs, target))
    texts.raise_problems()
    plan = BuildPlan(campaign, tuple(variants))
    return replace(plan, cards=_card_jobs(plan))


def _card_jobs(plan: BuildPlan) -> tuple[ImageJob, ...]:
    """The link-preview card of each site language whose posts have no Facebook image."""
    campaign, fmt, layout = plan.campaign, plan.campaign.card_format, plan.campaign.card_layout
    if fmt is None or layout is None:
        return ()
    shown = {variant.lang for variant in plan.variants if variant.format.name == fmt.name}
    jobs = []
    for lang in plan.languages:
        if lang in shown:
            continue
        title = campaign.text(campaign.file.title, lang)
        where = campaign.locate(("title",))
        jobs.append(ImageJob(campaign.slug, "card", fmt, lang, text_direction(lang), layout,
                             campaign.brand, (("headline", title),), (("headline", where),), 0,
                             0, None, (0.5, 0.5), campaign.file.url, "png", f"card-{lang}.png"))
    return tuple(jobs)


def _image_jobs(campaign: Campaign, texts: TargetTexts, post: Post, fmt: Format, lang: str,
                target: Target | None) -> tuple[ImageJob, ...]:
    layout = campaign.layouts[post.layout]
    background = post.background
    if target is not None and background is None and layout.header.needs_background:
        background = target.photo
    file_type = _file_type(background, fmt)
    base = image_base(post, fmt, lang, target)
    if not post.slides:
        fields, locations = _texts(campaign, texts, post.key_path, post.fields(), lang,
                                   target, fmt)
        return (_job(campaign, post, fmt, lang, layout, fields, locations, 0, 0, file_type,
                     f"{base}.{_ext(file_type)}", background, target),)
    jobs = []
    for number, slide in enumerate(post.slides, start=1):
        slide_texts = ({"title": slide.title} | ({"text": slide.text} if slide.text else {})
                       | ({"number": slide.number} if slide.number else {}))
        fields, locations = _texts(campaign, texts, slide.key_path, slide_texts, lang, target,
                                   fmt)
        jobs.append(_job(campaign, post, fmt, lang, layout, fields, locations, number,
                         len(post.slides), file_type, f"{base}-{number}.{_ext(file_type)}",
                         background, target))
    return tuple(jobs)


def _texts(campaign: Campaign, texts: TargetTexts, key_path: KeyPath,
           values: dict[str, LocalText], lang: str, target: Target | None, fmt: Format
           ) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, Location], ...]]:
    prefix = (*key_path, "text") if key_path and key_path[-2:-1] != ("slides",) else key_path
    locations = []
    for name, value in values.items():
        locations.append((name, campaign.text_location(value, (*prefix, name), lang)))
    if target is None:
        fields = tuple((name, campaign.text(value, lang)) for name, value in values.items())
    else:
        where = dict(locations)
        fields = tuple((name, texts.render(campaign.text(value, lang), where[name], lang,
                                           target, fmt))
                       for name, value in values.items())
    return fields, tuple(locations)


def _job(campaign: Campaign, post: Post, fmt: Format, lang: str, layout: Layout,
         fields: tuple[tuple[str, str], ...], locations: tuple[tuple[str, Location], ...],
         slide: int, slides: int, file_type: str, output: str, background: Path | None,
         target: Target | None) -> ImageJob:
    focus = (post.focus[0], post.focus[1]) if post.focus else (0.5, 0.5)
    cta, cta_path = ((post.cta, (*post.key_path, "cta")) if post.cta is not None
                     else (campaign.file.cta, ("cta",)))
    if cta is not None:
        locations = (*locations, ("cta", campaign.text_location(cta, cta_path, lang)))
    return ImageJob(campaign.slug, post.id, fmt, lang, text_direction(lang), layout,
                    campaign.brand, fields, locations, slide, slides, background, focus,
                    campaign.file.url, file_type, output, target.name if target else "",
                    strip_link=strip_link(campaign), cta=campaign.text(cta, lang),
                    treatment=(post.treatment or layout.header.treatment) if background else "",
                    link=post.link or "", qr=post.qr)


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


def _file_type(background: Path | None, fmt: Format) -> str:
    if fmt.spec.file_type != "auto":
        return fmt.spec.file_type
    return PHOTO_FILE_TYPE if background is not None else "png"


def _ext(file_type: str) -> str:
    return "jpg" if file_type == "jpeg" else "png"


@dataclass(frozen=True)
class TextBoxReport:
    """Where a text field was drawn, at which size, and its measured contrast."""

    field: str
    box: tuple[int, int, int, int]
    frame: tuple[int, int, int, int]
    size: int
    min_size: int
    contrast: float
    large: bool
    lines: tuple[str, ...] = ()  # each line's text, as set
    baselines: tuple[int, ...] = ()  # each line's baseline, px from the box's top
    emphasis: str = ""  # how *emphasis* was drawn: color, highlight, underline; "" without


@dataclass(frozen=True)
class ShapeReport:
    """A shape that carries structure (a rule, bar, panel, band, quotation mark) as drawn: its
    box, its color, and its contrast with the pixels it sits on."""

    name: str
    box: tuple[int, int, int, int]
    color: tuple[int, int, int]
    contrast: float
    target: float
    fallback: bool = False


@dataclass(frozen=True)
class RenderedImage:
    """What rendering one job returns: the encoded bytes and where each text went."""

    output: str
    data: bytes
    width: int
    height: int
    boxes: tuple[TextBoxReport, ...] = ()
