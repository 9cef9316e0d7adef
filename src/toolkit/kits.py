"""Post kits: one zip per language and format (and one with every format), byte-identical per input.

Every entry has the same timestamp (1980-01-01, the earliest a zip can hold), the same
permissions and a sorted place, so two builds of one campaign give the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.calendar import campaign_events

if TYPE_CHECKING:
    from toolkit.build import CampaignResult, VariantResult
    from toolkit.site.strings import Strings

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644
# Images are compressed already; deflating them again costs time and saves nothing.
STORED_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")


@dataclass(frozen=True)
class Kit:
    lang: str
    format: str
    path: str
    data: bytes


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip of files (name -> bytes) with fixed timestamps and permissions, in sorted order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.create_system = 3
            info.external_attr = FILE_MODE << 16
            stored = name.lower().endswith(STORED_SUFFIXES)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compresslevel=None if stored else 9)
    return buffer.getvalue()


def _text(value: str) -> bytes:
    """Text files end with one newline and use CRLF, which every editor on every system shows."""
    return (value.rstrip("\n").replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n").encode()


def variant_files(item: VariantResult, image: Callable[[str], bytes]) -> dict[str, bytes]:
    """One post's files in one format: its images, caption.txt (and thread.txt), alt.txt."""
    post = item.variant.post.id
    files = {f"{post}/{name.rsplit('/', 1)[-1]}": image(name) for name in item.images}
    if item.variant.format.kind != "print":
        files[f"{post}/caption.txt"] = _text(item.caption.text)
        if item.caption.thread:
            parts = [f"{n}/{len(item.caption.thread)}\n{part}"
                     for n, part in enumerate(item.caption.thread, 1)]
            files[f"{post}/thread.txt"] = _text("\n\n---\n\n".join(parts))
    if len(item.alts) == 1:
        files[f"{post}/alt.txt"] = _text(item.alts[0])
    else:
        names = [name.rsplit("/", 1)[-1] for name in item.images]
        files[f"{post}/alt.txt"] = _text("\n\n".join(
            f"{name}\n{alt}" for name, alt in zip(names, item.alts, strict=True)))
    return files


def readme(result: CampaignResult, lang: str, platforms: Iterable[str], strings: Strings) -> str:
    """Short posting tips for the kit's platforms, the key dates and the campaign link."""
    campaign = result.campaign
    title = campaign.text(campaign.file.title, lang)
    lines = [strings.text("kit_readme", title=title, url=campaign.file.url).rstrip(), ""]
    events = campaign_events(campaign, lang)
    if events:
        lines.append(strings.text("key_dates"))
        lines += [f"- {event.start.isoformat()}: {event.title}"
                  + (f" ({event.location})" if event.location else "") for event in events]
        lines.append("")
    tips = strings.section("tips")
    lines.append(strings.text("tips_heading"))
    for platform in dict.fromkeys(platforms):
        lines.append(f"- {tips.get(platform, tips['default'])}")
    return "\n".join(lines)


def build_kits(result: CampaignResult, image: Callable[[str], bytes],
               strings_for: Callable[[str], Strings]) -> list[Kit]:
    """Every kit the manifest lists: per language and format, and per language with all formats."""
    slug = result.campaign.slug
    groups: dict[tuple[str, str], list[VariantResult]] = {}
    for item in result.variants:
        groups.setdefault((item.variant.lang, item.variant.format.name), []).append(item)
    kits = []
    everything: dict[str, dict[str, bytes]] = {}
    for (lang, fmt), items in groups.items():
        name = f"{slug}-{lang}-{fmt}"
        files: dict[str, bytes] = {}
        for item in items:
            files.update(variant_files(item, image))
        platform = items[0].variant.format.platform
        files["README.txt"] = _text(readme(result, lang, [platform], strings_for(lang)))
        kits.append(Kit(lang, fmt, f"kits/{name}.zip", zip_bytes(_inside(name, files))))
        bucket = everything.setdefault(lang, {})
        bucket.update({f"{fmt}/{path}": data for path, data in files.items()
                       if path != "README.txt"})
    for lang, files in everything.items():
        platforms = [item.variant.format.platform for item in result.variants
                     if item.variant.lang == lang]
        files["README.txt"] = _text(readme(result, lang, platforms, strings_for(lang)))
        name = f"{slug}-{lang}-all"
        kits.append(Kit(lang, "all", f"kits/{name}.zip", zip_bytes(_inside(name, files))))
    return kits


def _inside(folder: str, files: dict[str, bytes]) -> dict[str, bytes]:
    """Files under one top folder, so unzipping never spills into the downloads folder."""
    return {f"{folder}/{path}": data for path, data in files.items()}
