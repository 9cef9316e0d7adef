"""`toolkit translate export|update`: translation files for translators who never see YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from toolkit.errors import Location, Problem, Problems, ProblemsError, ToolkitError, display_path
from toolkit.load.campaign import Campaign, load_campaign
from toolkit.load.catalogs import LOCALE_DIR, catalog_paths
from toolkit.load.model import CampaignFile
from toolkit.load.tables import _read_csv
from toolkit.load.textfields import TextField, text_fields
from toolkit.load.translations import same_edges
from toolkit.load.workspace import CAMPAIGN_NAME, is_contained, load_workspace, trusted_roots
from toolkit.load.yamlsource import SourceMap, load_yaml
from toolkit.output.translationfiles import (
    SourceText,
    csv_text,
    merge_csv,
    merge_po,
    po_text,
    write_text,
)
from toolkit.plan import plan_campaign
from toolkit.render.room import Room, describe_room, field_room, tightest


def run_export(root: Path, slugs: tuple[str, ...], langs: tuple[str, ...], fmt: str,
               force: bool) -> None:
    workspace = load_workspace(root)
    for slug in workspace.select(slugs):
        campaign = load_campaign(workspace, slug, translations=False)
        chosen = langs or campaign.languages[1:]
        if not chosen:
            raise ToolkitError(f"campaign '{slug}' has one language; name the one to translate "
                               "into with --lang, such as --lang ko")
        paths = {lang: _export_path(campaign, lang, fmt, force) for lang in chosen}
        rooms, drawn = _rooms(campaign)
        for lang, path in paths.items():
            texts = source_texts(campaign, lang, rooms, drawn)
            text = po_text(slug, lang, texts) if fmt == "po" else csv_text(texts)
            write_text(path, text, bom=fmt == "csv")
            done = sum(1 for t in texts if t.translation)
            click.echo(f"wrote {display_path(path)}: {len(texts)} texts, {done} already "
                       "translated")


def run_update(root: Path, slugs: tuple[str, ...], langs: tuple[str, ...]) -> None:
    workspace = load_workspace(root)
    updated = 0
    for slug in workspace.select(slugs):
        folder = workspace.campaigns_dir / slug
        paths = [p for p in catalog_paths(folder) if not langs or p.stem in langs]
        if not paths:
            continue
        roots = trusted_roots(workspace.search_dirs(folder))
        outside = [Problem(Location(display_path(p), 1, 1), "leads outside the workspace "
                           "through a link; it is neither read nor written")
                   for p in paths if not is_contained(p, roots)]
        if outside:
            raise ProblemsError(outside)
        campaign = load_campaign(workspace, slug, translations=False)
        rooms, drawn = _rooms(campaign)
        for path in paths:
            texts = source_texts(campaign, path.stem, rooms, drawn)
            if path.suffix == ".po":
                text, counts = merge_po(_read_po_text(path), slug, path.stem, texts)
            else:
                text, counts = merge_csv(_read_csv_rows(path), texts)
            write_text(path, text, bom=path.suffix == ".csv")
            click.echo(f"updated {display_path(path)}: {counts}")
            updated += 1
    if not updated:
        raise ToolkitError("no translation files to update; create one with "
                           "`toolkit translate export --lang LANG`")


def _export_path(campaign: Campaign, lang: str, fmt: str, force: bool) -> Path:
    """Where lang's new file goes; refused for the default language or over an existing file."""
    if lang == campaign.default_lang:
        raise ToolkitError(f"{lang} is the default language of '{campaign.slug}' (the source "
                           "of every translation); name another with --lang")
    path = campaign.folder / LOCALE_DIR / f"{lang}.{fmt}"
    others = [p for p in catalog_paths(campaign.folder) if p.stem == lang and p != path]
    if (path.exists() or others) and not force:
        existing = display_path(path if path.exists() else others[0])
        raise ToolkitError(f"{existing} exists; `toolkit translate update` merges new "
                           "texts into it (or export again with --force to replace it)")
    return path


def _read_po_text(path: Path) -> str:
    from toolkit.load.catalogs import read_po

    problems = Problems()
    if read_po(path, path.stem, problems) is None:
        raise ProblemsError(problems.errors)
    return path.read_text(encoding="utf-8-sig")


def _read_csv_rows(path: Path) -> list[dict[str, str]]:
    problems = Problems()
    table = _read_csv(path, problems)
    if table is None:
        raise ProblemsError(problems.errors)
    return [row for _, row in table[1]]


Rooms = dict[tuple[str, int], dict[str, Room]]
Drawn = dict[tuple[str, int, str], int]  # (post id, slide, field): longest text as drawn


def source_texts(campaign: Campaign, lang: str, rooms: Rooms,
                 drawn: Drawn | None = None) -> list[SourceText]:
    """Every translatable text of the campaign, with its inline translation into lang."""
    data, source = load_yaml(campaign.folder / CAMPAIGN_NAME)
    texts = []
    for field in text_fields(CampaignFile, data, source):
        english = field.source(campaign.default_lang)
        if not english or not english.strip():
            continue
        inline = field.translation(lang)
        translation = same_edges(inline, english) if inline and inline.strip() else ""
        line = _line(field, source, campaign.default_lang)
        texts.append(SourceText(field.key, english, translation, (CAMPAIGN_NAME, line),
                                _note(field, english, data, rooms, drawn or {})))
    return texts


def _line(field: TextField, source: SourceMap, default: str) -> int:
    path = (*field.key_path, default) if isinstance(field.value, dict) else field.key_path
    location: Location = source.value(path)
    return location.line


def _rooms(campaign: Campaign) -> tuple[Rooms, Drawn]:
    """Per post id and slide (0: none), each graphic field's tightest room over its formats;
    and each field's longest text as drawn (a per-target text filled in for each target)."""
    found: dict[tuple[str, int], list[dict[str, Room]]] = {}
    drawn: Drawn = {}
    seen = set()
    for job in plan_campaign(campaign, (campaign.default_lang,)).jobs:
        for name, text in job.fields:
            key = (job.post_id, job.slide, name)
            drawn[key] = max(drawn.get(key, 0), len(text.replace("*", "")))
        if (job.post_id, job.slide, job.format.name) in seen:
            continue  # a per-target post: its first target stands for the others
        seen.add((job.post_id, job.slide, job.format.name))
        found.setdefault((job.post_id, job.slide), []).append(field_room(job))
    return {key: tightest(rooms) for key, rooms in found.items()}, drawn


def _note(field: TextField, english: str, data: dict[str, Any],
          rooms: Rooms, drawn: Drawn) -> str:
    """A translator note for a graphic text: how much room its layout gives it."""
    path = field.key_path
    if not field.is_graphic or path[0] != "posts" or not isinstance(path[1], int):
        return ""
    post = data["posts"][path[1]]
    slide = path[3] + 1 if path[2] == "slides" and isinstance(path[3], int) else 0
    post_id = str(post.get("id"))
    room = rooms.get((post_id, slide), {}).get(field.graphic_field)
    if room is None:
        return ""
    longest = drawn.get((post_id, slide, field.graphic_field)) if "{{" in english else None
    return describe_room(field.graphic_field, room, english, longest)
