"""Translation files end to end: export, a translator's edits, build, and update after a change."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.load.model import CampaignFile
from toolkit.load.textfields import text_fields

CAMPAIGN = """\
title: {en: Fund safety, es: Financien la seguridad}
organization: Test Org
url: https://example.org/demo
languages: [en, es, ko]
formats: [instagram-square]
hashtags: [Demo]
summary: Care, not cops.
body: |
  It is budget time.

  Write to **your councilmember**.
talking_points:
  - {en: Unarmed response works., es: La respuesta sin armas funciona.}
dates:
  - title: Public comment
    start: 2030-05-01
posts:
  - id: main
    layout: headline
    text:
      headline: {en: Fund what keeps us *safe*, es: Financien lo que nos *protege*}
      subhead: Tell the council before May 1
    caption: "{{ post.lead }} {{ url }}"
  - id: steps
    layout: carousel
    slides:
      - {title: First slide, text: The ask}
      - {title: Second slide}
action:
  email:
    subject: Please help
    body: "Dear {{ target.name }}, please fund it."
    targets: targets.csv
"""

KOREAN = {
    "title": "안전에 투자하세요",
    "summary": "경찰이 아닌 돌봄.",
    "body": "예산 시기입니다.\n\n**시의원**에게 편지를 쓰세요.\n",
    "talking_points[0]": "비무장 대응은 효과가 있습니다.",
    "dates[0].title": "공개 의견 진술",
    "posts[main].text.headline": "우리를 *지키는* 것에 투자하세요",
    "posts[main].text.subhead": "5월 1일 전에 시의회에 알리세요",
    "posts[main].caption": "{{ post.lead }} 지금 참여하세요 {{ url }}",
    "posts[steps].slides[0].title": "첫 번째 슬라이드",
    "posts[steps].slides[0].text": "요청",
    "posts[steps].slides[1].title": "두 번째 슬라이드",
    "action.email.subject": "도와주세요",
    "action.email.body": "{{ target.name }}님, 예산을 지원해 주세요.",
}


@pytest.fixture
def campaign(workspace) -> Path:
    return workspace({"campaigns/demo/campaign.yaml": CAMPAIGN})


def _po(root: Path) -> Path:
    return root / "campaigns" / "demo" / "locale" / "ko.po"


def _export(runner: CliRunner, *args: str) -> None:
    result = runner.invoke(cli, ["translate", "export", "--lang", "ko", *args])
    assert result.exit_code == 0, result.output


def _translate(path: Path, changes: dict[str, str], fuzzy: tuple[str, ...] = ()) -> None:
    """Fill in translations as a translator's PO editor would save them."""
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        if entry.msgctxt in changes:
            entry.msgstr = changes[entry.msgctxt]
        if entry.msgctxt in fuzzy:
            entry.flags.append("fuzzy")
    po.save(str(path))


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_export_holds_every_translatable_text(runner: CliRunner, campaign: Path) -> None:
    _export(runner)
    po = polib.pofile(str(_po(campaign)))
    entries = {e.msgctxt: e for e in po}
    assert set(entries) == set(KOREAN)
    assert entries["body"].msgid == "It is budget time.\n\nWrite to **your councilmember**.\n"
    headline = entries["posts[main].text.headline"]
    assert headline.msgid == "Fund what keeps us *safe*"
    assert headline.occurrences == [("campaign.yaml", "21")]
    assert headline.comment.startswith("headline: fits about ")
    assert "characters at the minimum size" in headline.comment
    assert entries["posts[steps].slides[1].title"].comment.startswith("title: fits about ")
    assert not entries["action.email.body"].comment  # not drawn on a graphic
    assert all(not e.msgstr for e in po)  # ko has no inline translations


def test_inline_translations_are_exported(runner: CliRunner, campaign: Path) -> None:
    result = runner.invoke(cli, ["translate", "export", "--lang", "es"])
    assert result.exit_code == 0, result.output
    entries = {e.msgctxt: e for e in polib.pofile(str(campaign / "campaigns/demo/locale/es.po"))}
    assert entries["title"].msgstr == "Financien la seguridad"
    assert entries["posts[main].text.headline"].msgstr == "Financien lo que nos *protege*"
    assert entries["summary"].msgstr == ""  # one text for every language: not translated yet


def test_exported_files_pass_msgfmt_check(runner: CliRunner, campaign: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt is missing: install Debian's gettext (bash .ci/browser-deps.sh)"
    _export(runner)
    _translate(_po(campaign), KOREAN)
    runner.invoke(cli, ["translate", "export", "--lang", "es"])
    for path in sorted((campaign / "campaigns/demo/locale").glob("*.po")):
        checked = subprocess.run([msgfmt, "--check", "--check-header", "-o", "/dev/null",
                                  str(path)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        assert checked.stderr == ""


def test_round_trip(runner: CliRunner, campaign: Path) -> None:
    _export(runner)
    po_path = _po(campaign)
    broken = dict(KOREAN, **{"action.email.body": "님, 예산을 지원해 주세요."})
    _translate(po_path, broken, fuzzy=("posts[main].text.subhead",))

    # A lost placeholder is an error at the translator's line; nothing is built.
    result = runner.invoke(cli, ["build", "--jobs", "1"])
    assert result.exit_code == 1
    line = _line_of(po_path, 'msgstr "님, 예산을')
    assert (f"campaigns/demo/locale/ko.po:{line}:1: error: the translation lacks "
            "{{ target.name }}, which the source text has") in result.stderr
    assert not (campaign / "build").exists()

    # Fixed: the build uses the Korean texts; the fuzzy entry is a warning at its line.
    _translate(po_path, KOREAN)
    checked = runner.invoke(cli, ["check"])
    assert checked.exit_code == 0, checked.output
    fuzzy_line = _line_of(po_path, 'msgctxt "posts[main].text.subhead"')
    assert (f"campaigns/demo/locale/ko.po:{fuzzy_line}:1: warning: translation marked for "
            "review (fuzzy)") in checked.stderr
    built = runner.invoke(cli, ["build", "--jobs", "1"])
    assert built.exit_code == 0, built.output
    assert (f"campaigns/demo/locale/ko.po:{fuzzy_line}:1: warning: translation marked for "
            "review (fuzzy)") in built.stderr
    manifest = json.loads((campaign / "build/demo/manifest.json").read_text())
    main = next(p for p in manifest["posts"] if p["post"] == "main" and p["lang"] == "ko")
    assert "지금 참여하세요" in main["caption"]
    assert "우리를 지키는 것에 투자하세요" in main["alt"]  # the graphic's text, translated
    assert "Tell the council before May 1" in main["alt"]  # fuzzy: the English is used
    steps = next(p for p in manifest["posts"] if p["post"] == "steps" and p["lang"] == "ko")
    assert "첫 번째 슬라이드" in steps["alt"]
    page = (campaign / "build/demo/ko/index.html").read_text()
    assert "안전에 투자하세요" in page and "<strong>시의원</strong>" in page
    english = next(p for p in manifest["posts"] if p["post"] == "main" and p["lang"] == "en")
    assert english["images"] != main["images"]


def test_update_marks_exactly_the_changed_entry(runner: CliRunner, campaign: Path) -> None:
    _export(runner)
    po_path = _po(campaign)
    _translate(po_path, KOREAN)
    yaml_path = campaign / "campaigns/demo/campaign.yaml"
    yaml_path.write_text(CAMPAIGN.replace("Tell the council before May 1",
                                          "Tell the council before May 2"))

    # Before the update the old translation is stale: a warning, and not used.
    checked = runner.invoke(cli, ["check"])
    assert checked.exit_code == 0, checked.output
    stale = [line for line in checked.stderr.splitlines() if "stale translation" in line]
    line = _line_of(po_path, 'msgctxt "posts[main].text.subhead"')
    assert stale == [f"campaigns/demo/locale/ko.po:{line}:1: warning: stale translation: the "
                     "English text changed on line 22 of campaign.yaml; run `toolkit translate "
                     "update`, then review this translation (the English text is used until "
                     "then)"]

    before = {e.msgctxt: e for e in polib.pofile(str(po_path))}
    result = runner.invoke(cli, ["translate", "update"])
    assert result.exit_code == 0, result.output
    assert "1 changed" in result.output and "0 new" in result.output
    after = {e.msgctxt: e for e in polib.pofile(str(po_path))}
    changed = [key for key in after if after[key].fuzzy]
    assert changed == ["posts[main].text.subhead"]
    entry = after["posts[main].text.subhead"]
    assert entry.msgid == "Tell the council before May 2"
    assert entry.previous_msgid == "Tell the council before May 1"
    assert entry.msgstr == KOREAN["posts[main].text.subhead"]
    for key, old in before.items():
        if key != "posts[main].text.subhead":
            assert (after[key].msgid, after[key].msgstr) == (old.msgid, old.msgstr)

    checked = runner.invoke(cli, ["check"])
    line = _line_of(po_path, 'msgctxt "posts[main].text.subhead"')
    assert (f"campaigns/demo/locale/ko.po:{line}:1: warning: stale translation: the English "
            "text changed on line 22 of campaign.yaml; review this translation and remove its "
            "fuzzy mark") in checked.stderr

    # The translator reviews it: the mark goes, the translation is used again.
    po = polib.pofile(str(po_path))
    po.find("Tell the council before May 2", msgctxt="posts[main].text.subhead").flags = []
    po.save(str(po_path))
    checked = runner.invoke(cli, ["check"])
    assert "ko.po" not in checked.stderr


def test_update_adds_new_texts_and_retires_removed_ones(runner: CliRunner,
                                                        campaign: Path) -> None:
    _export(runner)
    _translate(_po(campaign), KOREAN)
    yaml_path = campaign / "campaigns/demo/campaign.yaml"
    yaml_path.write_text(CAMPAIGN.replace("      subhead: Tell the council before May 1\n", "")
                         .replace("talking_points:\n", "talking_points:\n  - A new point.\n"))
    result = runner.invoke(cli, ["translate", "update"])
    assert result.exit_code == 0, result.output
    po = polib.pofile(str(_po(campaign)))
    active = {e.msgctxt for e in po if not e.obsolete}
    assert "posts[main].text.subhead" not in active
    assert [e.msgctxt for e in po.obsolete_entries()] == ["posts[main].text.subhead"]
    entries = {e.msgctxt: e for e in po if not e.obsolete}
    assert (entries["talking_points[0]"].msgid, entries["talking_points[0]"].msgstr) == (
        "A new point.", "")
    moved = entries["talking_points[1]"]  # a list item that moved keeps its translation
    assert (moved.msgid, moved.msgstr, moved.fuzzy) == (
        "Unarmed response works.", KOREAN["talking_points[0]"], False)


def test_export_refuses_to_overwrite(runner: CliRunner, campaign: Path) -> None:
    _export(runner)
    result = runner.invoke(cli, ["translate", "export", "--lang", "ko"])
    assert result.exit_code == 1
    assert result.stderr == ("error: campaigns/demo/locale/ko.po exists; `toolkit translate "
                             "update` merges new texts into it (or export again with --force "
                             "to replace it)\n")


def test_csv_round_trip(runner: CliRunner, campaign: Path) -> None:
    _export(runner, "--format", "csv")
    path = campaign / "campaigns/demo/locale/ko.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["key", "source", "translation", "note"]
    assert {r["key"] for r in rows} == set(KOREAN)
    for row in rows:  # a spreadsheet fills the translation column
        row["translation"] = KOREAN[row["key"]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["key", "source", "translation", "note"])
        writer.writeheader()
        writer.writerows(rows)
    built = runner.invoke(cli, ["build", "--jobs", "1"])
    assert built.exit_code == 0, built.output
    manifest = json.loads((campaign / "build/demo/manifest.json").read_text())
    main = next(p for p in manifest["posts"] if p["post"] == "main" and p["lang"] == "ko")
    assert "지금 참여하세요" in main["caption"]

    yaml_path = campaign / "campaigns/demo/campaign.yaml"
    yaml_path.write_text(CAMPAIGN.replace("First slide", "The first slide"))
    result = runner.invoke(cli, ["translate", "update"])
    assert result.exit_code == 0, result.output
    with path.open(encoding="utf-8-sig", newline="") as handle:
        updated = {r["key"]: r for r in csv.DictReader(handle)}
    row = updated["posts[steps].slides[0].title"]
    assert row["source"] == "The first slide"
    assert row["translation"] == KOREAN["posts[steps].slides[0].title"]
    assert row["note"].startswith("REVIEW: the source text changed; it was: First slide")
    assert [k for k, r in updated.items() if r["note"].startswith("REVIEW")] == [row["key"]]
    assert updated["body"]["translation"] == KOREAN["body"]  # Markdown kept, to its last newline
    checked = runner.invoke(cli, ["check"])
    assert "stale translation: the English text changed on line" in checked.stderr


def test_fields_are_found_from_the_model() -> None:
    """A Text() field anywhere in the model is translatable without a list to keep."""
    data = {"title": "T", "url": "https://x.org", "posts": [
        {"id": "a", "layout": "headline", "text": {"headline": {"en": "H"}}, "alt": "A"}],
        "dates": [{"title": "D", "start": "2030-01-01", "location": {"en": "L"}}]}
    keys = [f.key for f in text_fields(CampaignFile, data)]
    assert keys == ["title", "dates[0].title", "dates[0].location", "posts[a].text.headline",
                    "posts[a].alt"]


PER_TARGET = """\
title: Demo
url: https://example.org/demo
languages: [en, ko]
formats: [instagram-square]
posts:
  - id: yours
    layout: headline
    per_target: true
    text:
      headline: "{{ target.name }}: fund *unarmed* response"
action:
  call:
    script: "Hello, I live in District {{ target.district }}."
    targets: targets.csv
"""


def test_fields_other_features_add_are_exported(runner: CliRunner, workspace) -> None:
    """Per-target graphic texts and the call script come from the model like every text."""
    root = workspace({"campaigns/demo/campaign.yaml": PER_TARGET,
                      "campaigns/demo/targets.csv":
                          "district,name,title,email,phone\n1,Ada,Member,a@x.org,555-0100\n"})
    _export(runner)
    entries = {e.msgctxt: e for e in polib.pofile(str(_po(root)))}
    assert set(entries) == {"title", "posts[yours].text.headline", "action.call.script"}
    note = entries["posts[yours].text.headline"].comment
    assert note.startswith("headline: fits about ")
    # The room is for the text as drawn: "Ada: fund unarmed response" for the only target.
    assert "(the source has up to 26 with its {{ placeholders }} filled in per target;" in note
    _translate(_po(root), {"title": "데모",
                           "posts[yours].text.headline": "{{ target.name }}: *비무장* 대응",
                           "action.call.script": "안녕하세요, {{ target.distric }} 구민입니다."})
    result = runner.invoke(cli, ["check"])
    line = _line_of(_po(root), 'msgstr "안녕하세요')
    assert result.exit_code == 1
    assert (f"campaigns/demo/locale/ko.po:{line}:1: error: the translation lacks "
            "{{ target.district }}") in result.stderr


def test_texts_are_exported_as_written(tmp_path: Path) -> None:
    """YAML 1.1 reads `7:30` as 450 and `yes` as true; a translator sees what was typed."""
    from toolkit.load.yamlsource import load_yaml

    path = tmp_path / "campaign.yaml"
    path.write_text("title: yes\nurl: https://x.org\nposts:\n  - id: a\n    layout: event\n"
                    "    text: {title: Rally, when: 7:30, where: {en: 010}}\n")
    data, source = load_yaml(path)
    found = {f.key: f.source("en") for f in text_fields(CampaignFile, data, source)}
    assert found == {"title": "yes", "posts[a].text.title": "Rally",
                     "posts[a].text.when": "7:30", "posts[a].text.where": "010"}


def test_check_names_every_untranslated_text(runner: CliRunner, workspace) -> None:
    """The untranslated warning covers what translation files export: call script, slides."""
    root = workspace({"campaigns/demo/campaign.yaml": PER_TARGET.replace(
                          "action:\n", "  - id: steps\n    layout: carousel\n"
                          "    slides: [{title: {en: First slide, ko: 첫 번째}, text: The ask}]\n"
                          "action:\n"),
                      "campaigns/demo/targets.csv":
                          "district,name,title,email,phone\n1,Ada,Member,a@x.org,555-0100\n"})
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    yaml_path = root / "campaigns/demo/campaign.yaml"
    warned = {int(line.split(":")[1]) for line in result.stderr.splitlines()
              if "untranslated" in line or "no translation for" in line}
    assert {_line_of(yaml_path, "script:"), _line_of(yaml_path, "text: The ask"),
            _line_of(yaml_path, "headline:")} <= warned


def test_calls_to_action_are_exported() -> None:
    """The brand strip's call to action, the campaign's and a post's own, like every text."""
    data = {"title": "T", "url": "https://x.org", "cta": {"en": "Email your councilmember"},
            "posts": [{"id": "a", "layout": "headline", "text": {"headline": "H"},
                       "cta": "Call now"}]}
    found = {f.key: f.is_graphic for f in text_fields(CampaignFile, data)}
    assert found == {"title": False, "cta": True, "posts[a].text.headline": True,
                     "posts[a].cta": True}
