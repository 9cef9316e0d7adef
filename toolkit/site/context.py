"""What a toolkit page shows, gathered from the build result into plain view objects."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from toolkit.captions import counting
from toolkit.captions.letters import Letter
from toolkit.captions.links import MESSAGING, SHARE_TARGETS, share_url
from toolkit.load.strings import Strings
from toolkit.output.calendar import Event, campaign_events, google_calendar_url
from toolkit.plan import kit_path
from toolkit.readable import plain_text
from toolkit.site.targetviews import target_label, version_kit

if TYPE_CHECKING:
    from toolkit.load.campaign import Campaign
    from toolkit.load.model import Target
    from toolkit.prepared import CampaignLinks, CampaignResult, VariantResult

TITLE_FIELDS = ("number", "headline", "quote", "title")
# A lead this short ("$3M+") says little alone, so the next field joins it in the post's name.
SHORT_LEAD = 12
GEO_DECIMALS = 5


@dataclass(frozen=True)
class ShareLink:
    """An outbound compose link; `sources` names the text boxes whose text it carries."""

    target: str
    label: Markup | str
    href: str
    url: str
    sources: str
    subject: str = ""
    name: str = ""


@dataclass(frozen=True)
class Picture:
    src: str
    width: int
    height: int
    alt: str
    kind: str
    number: int
    preview: str = ""
    srcset: str = ""
    preview_height: int = 0
    preview_width: int = 0

    @property
    def shown(self) -> str:
        """What an <img> loads by default: the smallest preview, else the full image."""
        return self.preview or self.src


@dataclass(frozen=True)
class CaptionBox:
    id: str
    label: Markup
    text: str
    count: str
    over: bool
    copy_label: Markup

    @property
    def rows(self) -> int:
        """Rows that show the whole caption on a phone (about 34 characters a line)."""
        lines = sum(max(1, -(-len(line) // 34)) for line in self.text.split("\n"))
        return max(3, min(lines + 1, 40))


@dataclass(frozen=True)
class Panel:
    """One post in one format: a tab on the page."""

    id: str
    format: str
    tab: str
    title: str
    shape: str
    rule: str
    limit: int
    max_hashtags: int | None
    pictures: tuple[Picture, ...]
    captions: tuple[CaptionBox, ...]
    share: ShareLink | None
    kit: str
    kit_size: str
    printed: bool
    prefill: bool = False  # the share link carries the caption; else it must be pasted

    @property
    def files(self) -> str:
        return " ".join(p.src for p in self.pictures)


@dataclass(frozen=True)
class TargetVersion:
    """One target's version of a per-target post, in one language."""

    key: str
    district: str
    label: str
    panels: tuple[Panel, ...]
    messaging: tuple[ShareLink, ...]
    kit: str
    kit_size: str
    title: str = ""  # this version's own title (it names the target)


@dataclass(frozen=True)
class PostView:
    id: str
    title: str
    panels: tuple[Panel, ...]
    messaging: tuple[ShareLink, ...]
    versions: tuple[TargetVersion, ...] = ()  # a per-target post: one version per target
    first_per_target: bool = False  # the page's first per-target post introduces them

    @property
    def per_target(self) -> bool:
        return bool(self.versions)


@dataclass(frozen=True)
class DateView:
    title: str
    iso: str
    text: str
    all_day: bool
    location: str
    description: str
    google: str


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.0f} KB"
    return f"{size / 1_000_000:.1f} MB"


def post_title(campaign: Campaign, item: VariantResult) -> str:
    """A short name for a post: its main line, or the lead of its first slide (a per-target
    post's as drawn for its target)."""
    post, lang = item.variant.post, item.variant.lang
    drawn = dict(item.variant.images[0].fields) if item.variant.target is not None else None
    if post.slides:
        return plain_text(drawn["title"] if drawn else campaign.text(post.slides[0].title, lang))
    fields = {name: plain_text(drawn[name] if drawn else campaign.text(value, lang))
              for name, value in post.fields().items()}
    lead = [fields[n] for n in TITLE_FIELDS if fields.get(n)] or list(fields.values())
    if not lead:
        return post.id
    if len(lead[0]) <= SHORT_LEAD and len(lead) > 1:
        return f"{lead[0]} {lead[1]}"
    return lead[0]


def count_text(t: Strings, rule: str, limit: int, max_hashtags: int | None, text: str
               ) -> tuple[str, bool]:
    """The live counter's words, exactly as the page's script writes them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    length = counting.count(rule, text)
    units = t.section("units")
    words = [t.text("count", count=length, limit=limit, unit=units.get(rule, units["characters"]))]
    over = length > limit
    if over:
        words.append(t.text("count_over", over=length - limit))
    if rule == "bluesky" and counting.utf8_bytes(text) > counting.BLUESKY_MAX_BYTES:
        over = True
        words.append(t.text("count_bytes", count=counting.utf8_bytes(text),
                       limit=counting.BLUESKY_MAX_BYTES))
    tags = counting.count_hashtags(text)
    if max_hashtags is not None and tags > max_hashtags:
        over = True
        words.append(t.text("count_hashtags", count=tags, max=max_hashtags))
    return "; ".join(words), over


def caption_boxes(t: Strings, panel_id: str, item: VariantResult) -> tuple[CaptionBox, ...]:
    """One text box per caption, or per part when the caption is a thread."""
    caption, spec = item.caption, item.variant.format.spec
    if caption.rule is None or caption.limit is None:
        return ()
    parts = caption.thread or (caption.text,)
    boxes = []
    for number, text in enumerate(parts, 1):
        single = len(parts) == 1
        words, over = count_text(t, caption.rule, caption.limit, spec.max_hashtags, text)
        boxes.append(CaptionBox(
            f"{panel_id}-c{number}",
            t("caption") if single else t("caption_part", n=number, total=len(parts)),
            text, words, over, t("copy_caption") if single else t("copy_part", n=number)))
    return tuple(boxes)


def own_share(t: Strings, item: VariantResult, boxes: tuple[CaptionBox, ...]) -> ShareLink | None:
    """The platform's own share link, carrying the first caption box's text."""
    target, caption = item.variant.format.spec.share, item.caption
    if not target or not caption.share_url or not boxes:
        return None
    names = t.section("share_targets")
    name = names.get(target, target)
    return ShareLink(target, t("post_on", platform=name), caption.share_url, caption.url,
                     boxes[0].id, name=name)


def messaging_links(t: Strings, campaign_links: CampaignLinks, text: str, subject: str
                    ) -> tuple[ShareLink, ...]:
    """Links to send a post's headline and the campaign link in a message or an email."""
    names = t.section("share_targets")
    links = []
    for name in MESSAGING:
        url = campaign_links.platform_url(name)
        links.append(ShareLink(name, names.get(name, name),
                               share_url(name, text, url, subject=subject), url, ""))
    return tuple(links)


Previews = dict[str, tuple[tuple[str, int, int], ...]]


def pictures(root: str, item: VariantResult, previews: Previews | None = None
             ) -> tuple[Picture, ...]:
    fmt = item.variant.format
    found = []
    for number, (path, alt) in enumerate(zip(item.images, item.alts, strict=True), 1):
        small = (previews or {}).get(path, ())
        kind = "JPEG" if path.endswith((".jpg", ".jpeg")) else "PNG"
        if small:
            srcset = ", ".join(f"{root}{src} {width}w" for src, width, _ in small)
            found.append(Picture(root + path, fmt.width, fmt.height, alt, kind, number,
                                 root + small[0][0], srcset, small[0][2], small[0][1]))
        else:
            found.append(Picture(root + path, fmt.width, fmt.height, alt, kind, number))
    return tuple(found)


# Share targets whose link carries the caption's text; the others take only the link.
PREFILLS_TEXT = frozenset(name for name, (_, params) in SHARE_TARGETS.items()
                          if any("{text}" in value for value in params.values()))


def panel(t: Strings, campaign_links: CampaignLinks, root: str, item: VariantResult,
          kit_sizes: dict[str, int], previews: Previews | None = None) -> Panel:
    variant = item.variant
    fmt, slug = variant.format, campaign_links.campaign.slug
    panel_id = f"p-{variant.post.id}-{fmt.name}"
    kit = kit_path(slug, variant.lang, fmt.name)
    if variant.target is not None:
        panel_id = f"p-{variant.post.id}-t{variant.target.key}-{fmt.name}"
        kit = version_kit(slug, variant.lang, variant.target)
    boxes = caption_boxes(t, panel_id, item)
    tab = t.section("formats").get(fmt.name, fmt.spec.label or fmt.name)
    return Panel(panel_id, fmt.name, tab, fmt.spec.label or fmt.name, fmt.shape,
                 item.caption.rule or "", item.caption.limit or 0, fmt.spec.max_hashtags,
                 pictures(root, item, previews), boxes, own_share(t, item, boxes), root + kit,
                 human_size(kit_sizes.get(kit, 0)), fmt.kind == "print",
                 (fmt.spec.share or "") in PREFILLS_TEXT)


def post_views(t: Strings, campaign_links: CampaignLinks, root: str, result: CampaignResult,
               lang: str, kit_sizes: dict[str, int], previews: Previews | None = None
               ) -> list[PostView]:
    """Posts in campaign order, each with a panel per format, for one language."""
    campaign = result.campaign
    subject = campaign.text(campaign.file.title, lang)
    grouped: dict[str, list[VariantResult]] = {}
    for item in result.variants:
        if item.variant.lang == lang:
            grouped.setdefault(item.variant.post.id, []).append(item)
    views: list[PostView] = []
    for post_id, items in grouped.items():
        if items[0].variant.target is not None:
            view = _per_target_view(t, campaign_links, root, post_id, items, subject, kit_sizes,
                                    previews)
            first = not any(v.per_target for v in views)
            views.append(dataclasses.replace(view, first_per_target=first))
            continue
        title = post_title(campaign, items[0])
        panels = tuple(panel(t, campaign_links, root, item, kit_sizes, previews) for item in items)
        caption = next((p.captions[0].text for p in panels if p.captions), "")
        messaging = messaging_links(t, campaign_links, caption, subject) if caption else ()
        views.append(PostView(post_id, title, panels, messaging))
    return views


def _per_target_view(t: Strings, campaign_links: CampaignLinks, root: str, post_id: str,
                     items: list[VariantResult], subject: str, kit_sizes: dict[str, int],
                     previews: Previews | None = None) -> PostView:
    """A per-target post: a version per target, each with its panels, links and kit."""
    campaign = campaign_links.campaign
    by_target: dict[str, list[VariantResult]] = {}
    for item in items:
        assert item.variant.target is not None
        by_target.setdefault(item.variant.target.key, []).append(item)
    versions = []
    for group in by_target.values():
        target, lang = group[0].variant.target, group[0].variant.lang
        assert target is not None
        panels = tuple(panel(t, campaign_links, root, item, kit_sizes, previews) for item in group)
        # Messages carry the version's caption, as its panels show it (the page keeps them in
        # step with edits), like every other post's.
        caption = next((p.captions[0].text for p in panels if p.captions), "")
        messaging = messaging_links(t, campaign_links, caption, subject) if caption else ()
        kit = version_kit(campaign.slug, lang, target)
        versions.append(TargetVersion(target.key, target.district,
                                      target_label(t, target, lang), panels, messaging,
                                      root + kit, human_size(kit_sizes.get(kit, 0)),
                                      post_title(campaign, group[0])))
    first = versions[0]
    return PostView(post_id, post_title(campaign, items[0]), first.panels, first.messaging,
                    tuple(versions))


def version_data(t: Strings, version: TargetVersion) -> dict[str, Any]:
    """What the page's script needs to fill its one version of a per-target post for a
    district (targets.js): every value that differs between targets, nothing else."""
    return {
        "key": version.key, "district": version.district, "label": version.label,
        "kit": version.kit, "kitLabel": t.text("target_kit", name=version.label,
                                               size=version.kit_size),
        "panels": [{
            "label": f"{version.title}: {p.tab}",
            "pictures": [[pic.src, pic.shown, pic.srcset, pic.alt] for pic in p.pictures],
            "captions": [box.text for box in p.captions],
            "kit": p.kit, "kitLabel": t.text("download_kit", size=p.kit_size),
        } for p in version.panels],
    }


def _when(value: dt.date | dt.datetime) -> str:
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    text = value.strftime("%Y-%m-%d %H:%M")
    offset = value.strftime("%z")
    # Isolated left-to-right (U+2066..U+2069), so the brackets stay put on right-to-left pages;
    # a word joiner (U+2060) after the sign keeps "UTC-08:00" on one line.
    zone = f"UTC{offset[:1]}\u2060{offset[1:3]}:{offset[3:]}"
    return f"{text} \u2066({zone})\u2069" if offset else text


def date_views(campaign: Campaign, lang: str) -> list[DateView]:
    def view(event: Event) -> DateView:
        return DateView(event.title, event.start.isoformat(), _when(event.start), event.all_day,
                        event.location, event.description, google_calendar_url(event))
    return [view(event) for event in campaign_events(campaign, lang)]


def target_text(target: Target, column: str, lang: str) -> str:
    """A target's column in the page's language: `title:es`, then `title:es-MX`'s base, then
    the plain column (the targets table may translate any column as `column:lang`)."""
    for key in (f"{column}:{lang}", f"{column}:{lang.split('-')[0]}"):
        value = target.columns.get(key)
        if value:
            return str(value)
    return str(getattr(target, column, "") or target.columns.get(column, ""))


def action_view(t: Strings, campaign: Campaign, lang: str, letters: tuple[Letter, ...]
                ) -> dict[str, Any] | None:
    """The email action: its targets with letters, and the lookups the page can offer."""
    email = campaign.file.action.email if campaign.file.action else None
    if email is None or not letters:
        return None
    targets = [{"district": letter.target.district, "name": letter.target.name,
                "title": target_text(letter.target, "title", lang), "email": letter.target.email,
                "label": t.text("district_option", district=letter.target.district,
                           name=letter.target.name),
                "subject": letter.subject, "body": letter.body, "mailto": letter.mailto,
                "gmail": letter.gmail, "outlook": letter.outlook, "too_long": letter.too_long}
               for letter in letters]
    return {"targets": targets, "note": campaign.text(email.note, lang),
            "zip": bool(campaign.zip_districts), "geo": campaign.districts_geojson is not None}


def round_geometry(value: Any) -> Any:
    """Coordinates to about a metre, which is all a district lookup needs, to keep pages light."""
    if isinstance(value, float):
        return round(value, GEO_DECIMALS)
    if isinstance(value, list):
        return [round_geometry(v) for v in value]
    if isinstance(value, dict):
        return {k: round_geometry(v) for k, v in value.items()}
    return value
