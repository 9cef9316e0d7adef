"""Per-target posts: every target x format x language has its image, fitting caption, alt and
kit; captions tag the target's own handle or name them; the manifest names the target."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from targetkit import FORMATS, HANDLES, LANGS, SLUG, TARGETS, campaign_files, write_files

from toolkit.build import build_workspace, prepare_campaign
from toolkit.captions import counting
from toolkit.errors import ProblemsError
from toolkit.load.workspace import load_workspace

TARGET_NAMES = ("Ada Lovelace", "Ben Okafor", "Chen Wu")
PER_TARGET = ("ask", "stat")
TITLES_ES = {"Ada Lovelace": "Concejala", "Ben Okafor": "Presidente del Concejo",
             "Chen Wu": "Councilmember"}
TITLES_EN = {"Ada Lovelace": "Councilmember", "Ben Okafor": "Council President",
             "Chen Wu": "Councilmember"}
PLATFORM = {"x": "x", "bluesky": "bluesky", "mastodon": "mastodon",
            "instagram-square": "instagram"}


def _entries(manifest: dict[str, Any], post: str) -> list[dict[str, Any]]:
    return [e for e in manifest["posts"] if e["post"] == post]


def test_every_target_format_language_has_image_caption_and_alt(
        council_build: Path, council_manifest: dict[str, Any]) -> None:
    for post in PER_TARGET:
        entries = _entries(council_manifest, post)
        found = {(e["target"]["name"], e["format"], e["lang"]) for e in entries}
        assert found == {(t, f, lang) for t in TARGET_NAMES for f in FORMATS for lang in LANGS}
        assert len(entries) == len(found)
        for entry in entries:
            for image in entry["images"]:
                path = council_build / SLUG / image
                with Image.open(path) as picture:
                    assert picture.size == (entry["width"], entry["height"])
            assert entry["caption"] and entry["alt"]
            assert entry["caption_length"] == counting.count(entry["caption_rule"],
                                                             entry["caption"])
            assert entry["caption_length"] <= entry["caption_limit"]
            assert counting.limit_problems(entry["caption_rule"], entry["caption"],
                                           entry["caption_limit"]) == []
    images = [image for e in council_manifest["posts"] for image in e["images"]]
    assert len(images) == len(set(images)), "two entries share an image file"


def test_captions_tag_the_right_handle_or_name_the_target(
        council_manifest: dict[str, Any]) -> None:
    for entry in _entries(council_manifest, "ask"):
        name, platform = entry["target"]["name"], PLATFORM[entry["format"]]
        title = (TITLES_ES if entry["lang"] == "es" else TITLES_EN)[name]
        handle = HANDLES.get((name, platform))
        expected = handle if handle else f"{title} {name}"
        assert entry["caption"].startswith(expected + ","), entry["caption"]
        others = {h for (n, _), h in HANDLES.items() if n != name}
        assert not any(other in entry["caption"] for other in others)
        assert "@ " not in entry["caption"] and not entry["caption"].rstrip().endswith("@")
        if entry["share_url"]:
            assert "%40" in entry["share_url"] or handle is None


def test_default_caption_of_a_per_target_post_mentions_the_target(
        council_manifest: dict[str, Any]) -> None:
    for entry in _entries(council_manifest, "stat"):
        name, platform = entry["target"]["name"], PLATFORM[entry["format"]]
        handle = HANDLES.get((name, platform))
        assert (handle or name) in entry["caption"]
        if entry["format"] == "x":
            assert "@CityCouncil" in entry["caption"]


def test_manifest_names_the_target_and_its_kit(council_manifest: dict[str, Any]) -> None:
    ada = [e for e in council_manifest["posts"] if e["target"]
           and e["target"]["name"] == "Ada Lovelace"]
    assert {e["target"]["key"] for e in ada} == {"1"}
    assert ada[0]["target"]["district"] == "1"
    assert ada[0]["target"]["handles"] == {"x": "@AdaCD1", "bluesky": "@ada.bsky.social",
                                           "instagram": "@ada.cd1"}
    assert {e["kit"] for e in ada} == {f"kits/{SLUG}-en-target-1.zip",
                                       f"kits/{SLUG}-es-target-1.zip"}
    assert all(e["target"] is None for e in _entries(council_manifest, "common"))
    assert {e["images"][0] for e in ada if e["post"] == "ask" and e["lang"] == "en"} == {
        f"images/en/ask/1-{fmt}.png" for fmt in FORMATS}
    kits = [k for k in council_manifest["kits"] if k.get("target")]
    assert {(k["lang"], k["target"]) for k in kits} == {(lang, key) for lang in LANGS
                                                        for key in ("1", "2", "3")}


def test_target_kit_holds_only_that_targets_posts(council_build: Path) -> None:
    with zipfile.ZipFile(council_build / SLUG / f"kits/{SLUG}-es-target-2.zip") as kit:
        names = kit.namelist()
        caption = kit.read(f"{SLUG}-es-target-2/mastodon/ask/caption.txt").decode()
    assert caption.startswith("@ben@mastodon.social,")
    assert all(name.startswith(f"{SLUG}-es-target-2/") for name in names)
    images = [n for n in names if n.endswith(".png")]
    assert len(images) == len(FORMATS) * len(PER_TARGET)
    assert all("/2-" in n for n in images)
    with zipfile.ZipFile(council_build / SLUG / f"kits/{SLUG}-en-x.zip") as common:
        assert not any("/ask/" in n for n in common.namelist())


def test_graphic_text_uses_the_translated_title(council_workspace: Path) -> None:
    result = prepare_campaign(load_workspace(council_workspace), SLUG)
    texts = {(v.variant.target.name, v.variant.lang): dict(v.variant.images[0].fields)
             for v in result.variants if v.variant.post.id == "ask" and v.variant.target}
    assert texts[("Ada Lovelace", "es")]["headline"].startswith("Concejala Ada Lovelace:")
    assert texts[("Ada Lovelace", "en")]["headline"].startswith("Councilmember Ada Lovelace:")
    # No translation for Chen: the default column stands.
    assert texts[("Chen Wu", "es")]["headline"].startswith("Councilmember Chen Wu:")


def test_call_scripts_per_target_and_language(council_workspace: Path) -> None:
    result = prepare_campaign(load_workspace(council_workspace), SLUG)
    ada_es = next(c for c in result.calls["es"] if c.target.name == "Ada Lovelace")
    assert "**Concejala Ada Lovelace**" in ada_es.script
    assert ada_es.tel == "tel:5550100001" and ada_es.phone == "(555) 010-0001"
    assert ada_es.hours == "lun-jue de 8 a 4"
    ben_en = next(c for c in result.calls["en"] if c.target.name == "Ben Okafor")
    assert ben_en.tel == "tel:+15550100002;ext=12"
    assert ben_en.hours == "Weekdays 9 to 5"  # the action's hours when the row has none


def test_one_target_edit_rerenders_only_that_targets_images(tmp_path: Path) -> None:
    root = write_files(tmp_path / "ws", campaign_files())
    out = root / "build"
    first = build_workspace(load_workspace(root), (SLUG,), out, jobs=1)
    total = (1 + len(TARGET_NAMES) * len(PER_TARGET)) * len(FORMATS) * len(LANGS)
    assert (first.rendered, first.reused) == (total, 0)
    table = root / "campaigns" / SLUG / "targets.csv"
    table.write_text(TARGETS.replace("Ben Okafor", "Bea Okafor"), encoding="utf-8")
    second = build_workspace(load_workspace(root), (SLUG,), out, jobs=1)
    changed = len(PER_TARGET) * len(FORMATS) * len(LANGS)
    assert (second.rendered, second.reused) == (changed, total - changed)
    # A column no graphic shows (the phone) renders nothing again.
    table.write_text(TARGETS.replace("Bea Okafor", "Ben Okafor").replace(
        "555.010.0003", "555.010.0004"), encoding="utf-8")
    build_workspace(load_workspace(root), (SLUG,), out, jobs=1)  # Ben back: from the cache
    third = build_workspace(load_workspace(root), (SLUG,), out, jobs=1)
    assert third.rendered == 0


def _problems(root: Path) -> list[str]:
    with pytest.raises(ProblemsError) as info:
        prepare_campaign(load_workspace(root), SLUG)
    return [f"{p.location}: {p.message}" for p in info.value.problems]


def test_an_empty_at_is_an_error_naming_the_fix(tmp_path: Path) -> None:
    files = campaign_files()
    key = f"campaigns/{SLUG}/campaign.yaml"
    files[key] = files[key].replace(
        '"{{ target.mention }}, please fund', '"@{{ target.handle }} please fund')
    found = _problems(write_files(tmp_path / "ws", files))
    assert any("an @ is followed by no handle" in p and "Ben Okafor" in p for p in found), found
    assert any(p.split(": ")[0].endswith("campaign.yaml:20:11") for p in found), found


def test_a_template_error_in_graphic_text_is_located(tmp_path: Path) -> None:
    files = campaign_files()
    key = f"campaigns/{SLUG}/campaign.yaml"
    files[key] = files[key].replace("in District {{ target.district }}\"\n",
                                    "in District {{ target.distrikt }}\"\n", 1)
    found = _problems(write_files(tmp_path / "ws", files))
    line = files[key].splitlines().index(
        next(row for row in files[key].splitlines() if "distrikt" in row)) + 1
    assert any(p.split(": ")[0].endswith(f"campaign.yaml:{line}:13")
               and "'distrikt' is undefined" in p for p in found), found


def test_per_target_without_a_table_is_an_error(tmp_path: Path) -> None:
    files = campaign_files()
    key = f"campaigns/{SLUG}/campaign.yaml"
    files[key] = files[key].split("action:")[0]
    found = _problems_load(write_files(tmp_path / "ws", files))
    assert any("per-target post needs a targets table" in p for p in found), found


def _problems_load(root: Path) -> list[str]:
    from toolkit.load.campaign import load_campaign
    with pytest.raises(ProblemsError) as info:
        load_campaign(load_workspace(root), SLUG)
    return [f"{p.location}: {p.message}" for p in info.value.problems]


def test_photo_layout_uses_each_targets_photo(tmp_path: Path) -> None:
    files = campaign_files()
    key = f"campaigns/{SLUG}/campaign.yaml"
    files[key] = files[key].replace("posts:\n", (
        "posts:\n  - id: face\n    layout: photo\n    per_target: true\n    formats: [x]\n"
        "    text: {headline: \"{{ target.name }}\"}\n"), 1)
    root = write_files(tmp_path / "ws", files)
    assert any("needs a `background` photo, or a `photo` column" in p
               for p in _problems_load(root))
    photos = root / "campaigns" / SLUG / "photos"
    photos.mkdir()
    rows = TARGETS.splitlines()
    rows[0] += ",photo"
    for index, color in enumerate(("red", "green", "blue"), start=1):
        buffer = io.BytesIO()
        Image.new("RGB", (400, 500), color).save(buffer, "JPEG")
        (photos / f"{index}.jpg").write_bytes(buffer.getvalue())
        rows[index] += f",photos/{index}.jpg"
    (root / "campaigns" / SLUG / "targets.csv").write_text("\n".join(rows) + "\n")
    result = prepare_campaign(load_workspace(root), SLUG)
    faces = [v.variant for v in result.variants if v.variant.post.id == "face"]
    assert {job.background.name for v in faces for job in v.images if job.background} == {
        "1.jpg", "2.jpg", "3.jpg"}
    assert all(job.output.endswith(".jpg") for v in faces for job in v.images)
    shutil.rmtree(photos)
    found = _problems_load(root)  # each missing file once, at its cell; no second error
    assert [p.split(": ")[0].rsplit("/", 1)[-1] for p in found] == [
        "targets.csv:2:13", "targets.csv:3:13", "targets.csv:4:13"], found
