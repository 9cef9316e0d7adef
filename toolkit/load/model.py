"""The campaign, brand and workspace models: frozen dataclasses whose fields carry their types."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.load.fields import (
    MAX_GRAPHIC_TEXT,
    Bool,
    Color,
    DateTime,
    Either,
    FilePath,
    Language,
    ListOf,
    LocalText,
    MapOf,
    Number,
    Record,
    Slug,
    Str,
    Text,
    Url,
    spec,
)
from toolkit.load.yamlsource import KeyPath

# Layout, brand and format names become parts of file paths: no `/`, `..` or spaces.
NAME = r"[A-Za-z0-9][A-Za-z0-9_-]*"
NAME_HINT = "a name is letters, digits, - and _ (it names a file, not a path)"

MAX_POSTS = 500  # per campaign: every post is drawn in every format and language
MAX_LANGUAGES = 50

# How a layout shows a post's photo under its text (docs/layouts.md, Photo treatments).
TREATMENTS = ("scrim", "panel", "duotone")

PLATFORMS = ("x", "bluesky", "mastodon", "threads", "instagram", "facebook", "linkedin",
             "tiktok", "whatsapp", "telegram")


@dataclass(frozen=True, kw_only=True)
class Slide:
    """One slide of a carousel post."""

    title: LocalText = spec(Text(MAX_GRAPHIC_TEXT), doc="The slide's main line.")
    text: LocalText | None = spec(Text(MAX_GRAPHIC_TEXT), default=None, doc="Supporting text.")
    number: LocalText | None = spec(Text(MAX_GRAPHIC_TEXT), default=None,
                                    doc="A stat slide: the number, set large over the title.")
    key_path: KeyPath = ()


@dataclass(frozen=True, kw_only=True)
class Post:
    """One post: a graphic in each format and language, with its captions."""

    id: str = spec(Slug(), doc="Unique id, lowercase letters, digits and dashes.")
    layout: str = spec(Str(NAME, NAME_HINT),
                       doc="A layout in templates/graphics, such as headline or stat.")
    text: dict[str, LocalText] | None = spec(
        MapOf(Text(MAX_GRAPHIC_TEXT)), default=None,
        doc="The layout's text fields (headline, number, ...).")
    slides: tuple[Slide, ...] = spec(ListOf(Record(Slide), min_items=1), default=(),
                                     doc="Carousel slides.")
    caption: LocalText | None = spec(Text(), default=None,
                                     doc="Jinja2 caption template; else the platform default.")
    alt: LocalText | None = spec(Text(), default=None,
                                 doc="Alt text template; else derived from the graphic's text.")
    background: Path | None = spec(FilePath("image"), default=None,
                                   doc="Photo, relative to the campaign folder.")
    focus: tuple[float, ...] | None = spec(
        ListOf(Number(0, 1), min_items=2, max_items=2), default=None,
        doc="Where the photo's subject is, as [x, y] fractions of its width and height; every "
            "format's crop keeps it. Default: the center.")
    treatment: str | None = spec(
        Str(choices=TREATMENTS), default=None,
        doc="How the photo carries the text: scrim (a measured gradient only where the text "
            "is), panel (a solid brand panel holds the text), duotone (the photo in two brand "
            "colors); default: the layout's.")
    formats: tuple[str, ...] = spec(ListOf(Str(), unique=True), default=(),
                                    doc="Subset of the campaign's formats.")
    thread: bool = spec(Bool(), default=False, doc="Split a long caption into a numbered thread.")
    per_target: bool = spec(
        Bool(), default=False,
        doc="Build the post once per target of the targets table; its text, caption and alt "
            "templates see `target`.")
    cta: LocalText | None = spec(Text(), default=None,
                                 doc="Call to action in this post's brand strip; else the "
                                     "campaign's.")
    link: str | None = spec(Url(), default=None,
                            doc="An event or RSVP page the graphic writes out under its text "
                                "(layouts event and date); the campaign's link stays in the "
                                "brand strip.")
    qr: bool = spec(Bool(), default=False,
                    doc="Draw a QR code of the post's `link` (else of the campaign's) where "
                        "the layout has room for one (layouts event and date).")
    key_path: KeyPath = ()

    def fields(self) -> dict[str, LocalText]:
        return dict(self.text or {})


@dataclass(frozen=True, kw_only=True)
class KeyDate:
    """A date volunteers should know: a hearing, a vote, a deadline."""

    title: LocalText = spec(Text())
    start: dt.datetime | dt.date = spec(DateTime())
    end: dt.datetime | dt.date | None = spec(DateTime(), default=None)
    location: LocalText | None = spec(Text(), default=None)
    description: LocalText | None = spec(Text(), default=None)
    key_path: KeyPath = ()


@dataclass(frozen=True, kw_only=True)
class Lookup:
    """Data files that help a volunteer find their representative."""

    zip: Path | None = spec(FilePath("ZIP table"), default=None,
                            doc="CSV with columns zip and district.")
    geojson: Path | None = spec(FilePath("GeoJSON"), default=None,
                                doc="District boundaries; features carry a district property.")


@dataclass(frozen=True, kw_only=True)
class EmailAction:
    """A pre-written, editable letter to a representative."""

    subject: LocalText = spec(Text())
    body: LocalText = spec(Text(), doc="Jinja2 template; sees campaign, lang and target.")
    targets: Path = spec(FilePath("targets table"),
                         doc="CSV with name, title, district, email and handle columns.")
    lookup: Lookup | None = spec(Record(Lookup), default=None)
    note: LocalText | None = spec(Text(), default=None,
                                  doc="Shown under the picker, e.g. the date of the roster.")
    key_path: KeyPath = ()


@dataclass(frozen=True, kw_only=True)
class CallAction:
    """A phone call to a representative's office, with a script to read."""

    script: LocalText = spec(Text(), doc="Markdown template; sees campaign, lang and target.")
    targets: Path | None = spec(FilePath("targets table"), default=None,
                                doc="CSV with name, title, district and phone columns; "
                                    "default: the letter's table.")
    lookup: Lookup | None = spec(Record(Lookup), default=None,
                                 doc="Default: the letter's lookup.")
    hours: LocalText | None = spec(Text(), default=None,
                                   doc="Office hours, for targets whose row has no hours.")
    note: LocalText | None = spec(Text(), default=None)
    key_path: KeyPath = ()


@dataclass(frozen=True, kw_only=True)
class Action:
    """What the toolkit asks volunteers to do besides posting."""

    email: EmailAction | None = spec(Record(EmailAction), default=None)
    call: CallAction | None = spec(Record(CallAction), default=None)


@dataclass(frozen=True, kw_only=True)
class CampaignFile:
    """A campaign: its texts, posts and actions (campaigns/<slug>/campaign.yaml)."""

    title: LocalText = spec(Text(MAX_GRAPHIC_TEXT))  # drawn on the link-preview title card
    organization: str = spec(Str(), default="")
    url: str = spec(Url(), doc="Where posts link; UTM tags are added per platform.")
    site_url: str | None = spec(Url(), default=None,
                                doc="The public address of the built site (build/), if it "
                                    "differs from toolkit.yaml's site_url.")
    languages: tuple[str, ...] = spec(ListOf(Language(), min_items=1, unique=True,
                                             max_items=MAX_LANGUAGES),
                                      default=("en",), doc="The first is the default.")
    brand: str | None = spec(Str(NAME, NAME_HINT), default=None,
                             doc="A folder in assets/brands.")
    formats: tuple[str, ...] = spec(ListOf(Str(), unique=True), default=(),
                                    doc="Formats to render; default: every built-in social one.")
    hashtags: tuple[str, ...] = spec(
        ListOf(Str(r"#?[\w]+", "a hashtag is letters, digits and underscores"), unique=True),
        default=())
    mentions: dict[str, tuple[str, ...]] | None = spec(
        MapOf(ListOf(Str()), keys=PLATFORMS), default=None)
    summary: LocalText | None = spec(Text(), default=None, doc="Markdown.")
    body: LocalText | None = spec(Text(), default=None, doc="Markdown, the page text.")
    talking_points: tuple[LocalText, ...] = spec(ListOf(Text()), default=())
    dates: tuple[KeyDate, ...] = spec(ListOf(Record(KeyDate)), default=())
    posts: tuple[Post, ...] = spec(ListOf(Record(Post), min_items=1, partial=True,
                                          max_items=MAX_POSTS))
    action: Action | None = spec(Record(Action), default=None)
    cta: LocalText | None = spec(Text(), default=None,
                                 doc="A short call to action drawn in the brand strip of every "
                                     "social graphic, such as \"Email your councilmember\".")


@dataclass(frozen=True, kw_only=True)
class BrandColors:
    """The brand's palette."""

    primary: str = spec(Color())
    secondary: str = spec(Color(), default="#2A9D8F")
    accent: str = spec(Color())
    background: str = spec(Color(), default="#FFFFFF")
    text: str = spec(Color(), default="#111111")
    on_primary: str = spec(Color(), default="#FFFFFF")


@dataclass(frozen=True, kw_only=True)
class FontSetting:
    """A font with the axis values of a variable font: {file: fonts/Inter.ttf, weight: 800}."""

    file: str = spec(Str(), doc="A TTF or OTF file beside brand.yaml, or a bundled family.")
    weight: float | None = spec(Number(1, 1000), default=None, doc="The wght axis.")
    width: float | None = spec(Number(1, 1000), default=None, doc="The wdth axis.")
    axes: dict[str, float] | None = spec(
        MapOf(Number(-1000, 1000)), default=None,
        doc="Other axes by their four-letter tag, such as opsz: 32 or GRAD: 50.")
    key_path: KeyPath = ()

    def settings(self) -> tuple[tuple[str, float], ...]:
        found = {"wght": self.weight, "wdth": self.width, **(self.axes or {})}
        return tuple((tag, float(v)) for tag, v in found.items() if v is not None)


FONT = Either((str, Str()), (dict, Record(FontSetting)))


@dataclass(frozen=True, kw_only=True)
class BrandFonts:
    """Font files beside brand.yaml, or bundled family names such as "Inter Bold"; a variable
    font takes its axis values per role: heading: {file: fonts/Inter.ttf, weight: 800}."""

    heading: str | FontSetting = spec(FONT, default="Inter Bold")
    body: str | FontSetting = spec(FONT, default="Inter")
    fallback: tuple[str, ...] = spec(ListOf(Str()), default=())


@dataclass(frozen=True, kw_only=True)
class BrandStrip:
    """What the brand strip of every social graphic shows beside the logo."""

    link: bool = spec(Bool(), default=True,
                      doc="Show the campaign's short link (host and path); false leaves it off.")
    handle: str = spec(Str(r"\S.{0,39}", "a handle such as @laforward, at most 40 characters"),
                       default="", doc="An organization handle, shown when the link is off.")


@dataclass(frozen=True, kw_only=True)
class BrandFile:
    """A brand: colors, fonts and logo (assets/brands/<brand>/brand.yaml)."""

    name: str = spec(Str())
    colors: BrandColors = spec(Record(BrandColors))
    fonts: BrandFonts = spec(Record(BrandFonts), default=BrandFonts())
    logo: Path | None = spec(FilePath("logo"), default=None, doc="PNG with transparency.")
    logo_on_dark: Path | None = spec(FilePath("logo"), default=None)
    strip: BrandStrip = spec(Record(BrandStrip), default=BrandStrip())


@dataclass(frozen=True, kw_only=True)
class FormatSpec:
    """A format: pixel size, safe area, caption rule and limits, share target."""

    platform: str = spec(Str())
    width: int = spec(Number(16, 10000, integer=True))
    height: int = spec(Number(16, 10000, integer=True))
    safe: tuple[int, ...] = spec(ListOf(Number(0, 5000, integer=True), min_items=4),
                                 default=(0, 0, 0, 0), doc="Top, right, bottom, left, in px.")
    caption_rule: str | None = spec(Str(), default=None, doc="A counting rule, such as twitter.")
    caption_limit: int | None = spec(Number(1, 100000, integer=True), default=None)
    max_hashtags: int | None = spec(Number(0, 100, integer=True), default=None)
    alt_limit: int | None = spec(Number(1, 100000, integer=True), default=None)
    file_type: str = spec(Str(choices=("auto", "png", "jpeg")), default="auto")
    max_bytes: int | None = spec(Number(1000, integer=True), default=None)
    share: str | None = spec(Str(), default=None, doc="A share target, such as x or bluesky.")
    kind: str = spec(Str(choices=("social", "print")), default="social")
    dpi: int = spec(Number(72, 1200, integer=True), default=72)
    label: str = spec(Str(), default="")
    source: str = spec(Str(), default="", doc="Where the figures come from.")
    default: bool = spec(Bool(), default=True,
                         doc="Rendered when a campaign lists no formats of its own.")


@dataclass(frozen=True, kw_only=True)
class UtmConfig:
    """UTM tags added to the campaign url per platform."""

    enabled: bool = spec(Bool(), default=True)
    medium: str = spec(Str(), default="social")


@dataclass(frozen=True, kw_only=True)
class ToolkitFile:
    """Workspace settings (toolkit.yaml)."""

    title: str = spec(Str(), default="Campaign toolkits")
    site_url: str | None = spec(Url(), default=None,
                                doc="The public address of the built site (build/), such as "
                                    "https://example.org/toolkit/; makes og:image, canonical "
                                    "and hreflang links absolute.")
    base_url: str | None = spec(Url(), default=None, doc="Older name of site_url.")
    brand: str = spec(Str(NAME, NAME_HINT), default="default",
                      doc="Brand for campaigns that name none.")
    output: str = spec(Str(), default="build", doc="Output folder.")
    formats: dict[str, FormatSpec] | None = spec(MapOf(Record(FormatSpec)), default=None,
                                            doc="Custom formats by name.")
    utm: UtmConfig = spec(Record(UtmConfig), default=UtmConfig())


@dataclass(frozen=True)
class Phone:
    """A phone number as written in the targets table and as a `tel:` URI."""

    text: str
    tel: str


@dataclass(frozen=True)
class Target:
    """One row of the targets table; every column is available to the templates.

    `handles` maps a platform to its handle without the @ (only platforms the row fills);
    `translations` maps a language to the columns translated into it (`title:es`); `key` names
    the target in file names and on the page; `line` is its row in the table.
    """

    name: str
    title: str
    district: str
    email: str
    columns: dict[str, str] = field(default_factory=dict)
    key: str = ""
    handles: dict[str, str] = field(default_factory=dict)
    phone: Phone | None = None
    photo: Path | None = None
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True)
class Brand:
    """A loaded brand with resolved font and logo paths."""

    slug: str
    folder: Path
    name: str
    colors: BrandColors
    heading_font: Path
    body_font: Path
    fallback_fonts: tuple[Path, ...]
    logo: Path | None
    logo_on_dark: Path | None
    strip: BrandStrip = BrandStrip()
