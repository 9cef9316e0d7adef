"""Targets: the people a campaign addresses, their handles per platform, phones and photos.

A targets table row carries `name`, `title`, `district` and `email`, and optionally a handle per
platform (columns `x`, `bluesky`, `instagram`, `threads`, `mastodon`, `facebook`, `linkedin`),
a `phone`, a `photo`, office `hours` and translations of any column (`title:es`). Templates see a
target as a mapping built here, in one language and for one platform.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from toolkit.load.model import Phone, Target

HANDLE_PLATFORMS = ("x", "bluesky", "instagram", "threads", "mastodon", "facebook", "linkedin")

_BSKY_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_DOMAIN = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+"


@dataclass(frozen=True)
class HandleShape:
    """What a handle looks like on one platform, and how it is written in a post."""

    label: str
    pattern: re.Pattern[str]
    hint: str
    example: str


HANDLE_SHAPES: dict[str, HandleShape] = {
    # twitter-text: 1 to 15 letters, digits or underscores.
    "x": HandleShape("X", re.compile(r"[A-Za-z0-9_]{1,15}"),
                     "1 to 15 letters, digits or _", "@LACityCouncil"),
    # atproto handle syntax: a domain name of at least two labels, the last not all digits.
    "bluesky": HandleShape(
        "Bluesky", re.compile(rf"(?=.{{3,253}}$){_BSKY_LABEL}(?:\.{_BSKY_LABEL})*"
                              r"\.[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?", re.IGNORECASE),
        "a domain name", "@name.bsky.social"),
    # Instagram and Threads share usernames: 1 to 30 letters, digits, . or _, no dot at either
    # end and no two dots in a row.
    "instagram": HandleShape("Instagram", re.compile(r"(?!.*\.\.)(?!\.)[A-Za-z0-9._]{1,30}(?<!\.)"),
                             "1 to 30 letters, digits, . or _", "@cityofla"),
    "threads": HandleShape("Threads", re.compile(r"(?!.*\.\.)(?!\.)[A-Za-z0-9._]{1,30}(?<!\.)"),
                           "1 to 30 letters, digits, . or _", "@cityofla"),
    # Mastodon: user@server (a local name alone does not reach anyone on another server).
    "mastodon": HandleShape(
        "Mastodon", re.compile(rf"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?@{_DOMAIN}",
                               re.IGNORECASE),
        "user@server", "@name@mastodon.social"),
    # Facebook page and profile usernames: at least 5 letters, digits or dots.
    "facebook": HandleShape("Facebook", re.compile(r"[A-Za-z0-9.]{5,50}"),
                            "5 to 50 letters, digits or .", "@LACityCouncil"),
    # LinkedIn public profile and page names (the part after /in/ or /company/).
    "linkedin": HandleShape("LinkedIn", re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{2,99}"),
                            "3 to 100 letters, digits or -", "@city-of-los-angeles"),
}

PHONE_CHARS = re.compile(r"^\+?[0-9 ().\-/]+$")
PHONE_EXTENSION = re.compile(r"\s*(?:ext\.?|extension|x|#)\s*([0-9]{1,6})$", re.IGNORECASE)
MIN_PHONE_DIGITS = 7
MAX_PHONE_DIGITS = 15  # E.164


def parse_handle(platform: str, raw: str) -> str | None:
    """The handle without its leading @, or None when it has not the platform's shape.

    A profile address (https://x.com/name) is not a handle: the table holds handles only.
    """
    value = raw.strip()
    if value.startswith("@"):
        value = value[1:]
    shape = HANDLE_SHAPES[platform]
    return value if shape.pattern.fullmatch(value) else None


def handle_problem(platform: str, raw: str) -> str:
    shape = HANDLE_SHAPES[platform]
    why = " (a profile address is not a handle)" if "/" in raw else ""
    return (f"'{raw}' is not a handle on {shape.label}{why}: {shape.hint}, "
            f"such as {shape.example}")


def parse_phone(raw: str) -> Phone | None:
    """7 to 15 digits with spaces, dots, dashes, slashes or brackets, an optional leading +
    and an optional extension (`ext. 12`, `x12`); else None."""
    text = " ".join(raw.split())
    number, extension = text, ""
    found = PHONE_EXTENSION.search(text)
    if found:
        number, extension = text[: found.start()], found.group(1)
    if not number or not PHONE_CHARS.match(number) or number.count("+") > 1:
        return None
    if number.count("(") != number.count(")"):
        return None
    digits = re.sub(r"[^0-9]", "", number)
    if not MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
        return None
    tel = ("+" if number.startswith("+") else "") + digits
    if extension:
        tel += f";ext={extension}"
    return Phone(text, f"tel:{tel}")


def mention(platform: str, handle: str) -> str:
    """How a handle is written in a post on its platform."""
    return f"@{handle}" if handle else ""


def slug(text: str) -> str:
    """Lowercase ASCII letters, digits and dashes, for file names and page ids."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "target"


def target_keys(rows: list[tuple[str, str]]) -> list[str]:
    """A file-name-safe key per (district, name): the district's slug, or with the name's slug
    when several targets share one district."""
    districts = [slug(district) for district, _ in rows]
    keys = []
    for (_, name), district in zip(rows, districts, strict=True):
        keys.append(district if districts.count(district) == 1 else f"{district}-{slug(name)}")
    seen: dict[str, int] = {}
    unique = []
    for key in keys:  # still the same: number them in table order
        seen[key] = seen.get(key, 0) + 1
        unique.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return unique


def columns_in(target: Target, lang: str) -> dict[str, str]:
    """Every column of the row, translated into lang where the table has a translation."""
    columns = dict(target.columns)
    for name, value in target.translations.get(lang, {}).items():
        if value:
            columns[name] = value
    return columns


def target_context(target: Target, lang: str | None = None, platform: str | None = None
                   ) -> dict[str, Any]:
    """What `target` means in a template: every column (translated into lang), plus

    `handle` (this platform's, with its @, or ""), `mention` (the handle, or else the title and
    name, so a post never shows an empty @), `handles` (every platform's, with @), `phone`,
    `tel` (a `tel:` link or ""), `photo` (the file name or ""), `key` and `hours`.
    """
    columns = columns_in(target, lang) if lang else dict(target.columns)
    handles = {p: mention(p, h) for p, h in target.handles.items() if h}
    handle = handles.get(platform, "") if platform else ""
    full_name = " ".join(part for part in (columns.get("title", target.title),
                                           columns.get("name", target.name)) if part)
    context: dict[str, Any] = {
        **columns,
        "name": columns.get("name", target.name),
        "title": columns.get("title", target.title),
        "district": target.district,
        "email": target.email,
        "key": target.key,
        "handles": handles,
        "handle": handle,
        "mention": handle or full_name,
        "full_name": full_name,
        "phone": target.phone.text if target.phone else "",
        "tel": target.phone.tel if target.phone else "",
        "photo": target.photo.name if target.photo else "",
        "hours": columns.get("hours", ""),
    }
    return context


def manifest_target(target: Target) -> Mapping[str, Any]:
    """How the manifest names a target."""
    return {"key": target.key, "district": target.district, "name": target.name,
            "handles": {p: mention(p, h) for p, h in target.handles.items() if h}}
