"""Post kits: one zip per language and format (and one with every format), byte-identical per input.

Every entry has the same timestamp (1980-01-01, the earliest a zip can hold), the same
permissions and a sorted place, so two builds of one campaign give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from toolkit.output.calendar import campaign_events
from toolkit.plan import ALL_FORMATS, kit_name, kit_path, target_kit_name, target_kit_path

if TYPE_CHECKING:
    from toolkit.load.strings import Strings
    from toolkit.prepared import CampaignResult, VariantResult

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644
# Images are compressed already; deflating them again costs time and saves nothing.
STORED_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")
ZIP_FORMAT = 1  # part of every kit's cache key: bump when the zip layout changes
CHUNK = 1 << 20


Entry = bytes | Path  # a text's bytes, or a finished file (an image in the cache)


@dataclass(frozen=True)
class Kit:
    """One zip to write: its place in the build and its entries, by name."""

    lang: str
    format: str
    path: str
    files: dict[str, Entry]

    def key(self) -> str:
        """A content hash: cached images are named by their own content key."""
        digest = hashlib.sha256(f"kit {ZIP_FORMAT}".encode())
        for name in sorted(self.files):
            entry = self.files[name]
            mark = entry.name.encode() if isinstance(entry, Path) else \
                hashlib.sha256(entry).hexdigest().encode()
            digest.update(b"\0" + name.encode() + b"\0" + mark)
        return digest.hexdigest()


def write_zip(files: dict[str, Entry], target: Path | BinaryIO) -> None:
    """A zip with fixed timestamps and permissions, in sorted order, streamed to target."""
    with zipfile.ZipFile(target, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.create_system = 3
            info.external_attr = FILE_MODE << 16
            stored = name.lower().endswith(STORED_SUFFIXES)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            entry = files[name]
            if isinstance(entry, Path):
                info.file_size = entry.stat().st_size
                with entry.open("rb") as source, archive.open(info, "w") as sink:
                    shutil.copyfileobj(source, sink, CHUNK)
            else:
                archive.writestr(info, entry, compresslevel=None if stored else 9)


def zip_bytes(files: dict[str, Entry]) -> bytes:
    """The same zip in memory, for small kits and tests."""
    buffer = io.BytesIO()
    write_zip(files, buffer)
    return buffer.getvalue()


def _text(value: str) -> bytes:
    """Text files end with one newline and use CRLF, which every editor on every system shows."""
    return (value.rstrip("\n").replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n").encode()


def variant_files(item: VariantResult, image: Callable[[str], Entry]) -> dict[str, Entry]:
    """One post's files in one format: its images, caption.txt (and thread.txt), alt.txt."""
    post = item.variant.post.id
    files: dict[str, Entry] = {f"{post}/{name.rsplit('/', 1)[-1]}": image(name)
                               for name in item.images}
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


def plan_kits(result: CampaignResult, image: Callable[[str], Entry],
              strings_for: Callable[[str], Strings]) -> list[Kit]:
    """Every kit the manifest lists: per language and format, and per language with all formats."""
    slug = result.campaign.slug
    groups: dict[tuple[str, str], list[VariantResult]] = {}
    by_target: dict[tuple[str, str], list[VariantResult]] = {}
    for item in result.variants:
        if item.variant.target is not None:
            by_target.setdefault((item.variant.lang, item.variant.target.key), []).append(item)
        else:
            groups.setdefault((item.variant.lang, item.variant.format.name), []).append(item)
    kits = []
    everything: dict[str, dict[str, Entry]] = {}
    for (lang, fmt), items in groups.items():
        name = kit_name(slug, lang, fmt)
        files: dict[str, Entry] = {}
        for item in items:
            files.update(variant_files(item, image))
        platform = items[0].variant.format.platform
        files["README.txt"] = _text(readme(result, lang, [platform], strings_for(lang)))
        kits.append(Kit(lang, fmt, kit_path(slug, lang, fmt), _inside(name, files)))
        bucket = everything.setdefault(lang, {})
        bucket.update({f"{fmt}/{path}": data for path, data in files.items()
                       if path != "README.txt"})
    for lang, files in everything.items():
        platforms = [item.variant.format.platform for item in result.variants
                     if item.variant.lang == lang]
        files["README.txt"] = _text(readme(result, lang, platforms, strings_for(lang)))
        name = kit_name(slug, lang, ALL_FORMATS)
        kits.append(Kit(lang, ALL_FORMATS, kit_path(slug, lang, ALL_FORMATS),
                        _inside(name, files)))
    for (lang, key), items in by_target.items():
        files = {}
        for item in items:
            files.update({f"{item.variant.format.name}/{path}": data
                          for path, data in variant_files(item, image).items()})
        platforms = [item.variant.format.platform for item in items]
        files["README.txt"] = _text(readme(result, lang, platforms, strings_for(lang)))
        name = target_kit_name(slug, lang, key)
        kits.append(Kit(lang, ALL_FORMATS, target_kit_path(slug, lang, key),
                        _inside(name, files)))
    return kits


def _inside(folder: str, files: dict[str, Entry]) -> dict[str, Entry]:
    """Files under one top folder, so unzipping never spills into the downloads folder."""
    return {f"{folder}/{path}": data for path, data in files.items()}
