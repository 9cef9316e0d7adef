"""The command line end to end: new, check, build, schema, version and usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from toolkit import __version__
from toolkit.captions import counting
from toolkit.cli import cli

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "campaigns" / "la-unarmed-response-2024" / "campaign.yaml"
MANIFEST_FIELDS = {"post", "format", "platform", "lang", "images", "width", "height", "alt",
                   "caption", "caption_length", "caption_limit", "share_url"}


def test_new_check_build_in_an_empty_folder(runner: CliRunner, workspace) -> None:
    root = workspace(base=False)
    assert runner.invoke(cli, ["new", "demo"]).exit_code == 0
    checked = runner.invoke(cli, ["check", "--strict"])
    assert checked.exit_code == 0, checked.output
    built = runner.invoke(cli, ["build", "--jobs", "1"])
    assert built.exit_code == 0, built.output
    manifest = json.loads((root / "build" / "demo" / "manifest.json").read_text())
    assert manifest["languages"] == ["en", "es"]
    assert manifest["posts"], "the skeleton has posts"
    for entry in manifest["posts"]:
        assert MANIFEST_FIELDS <= entry.keys()
        for image in entry["images"]:
            assert (root / "build" / "demo" / image).is_file()
        if entry["caption_limit"]:
            rule = entry["caption_rule"]
            assert entry["caption_length"] == counting.count(rule, entry["caption"])
            assert entry["caption_length"] <= entry["caption_limit"]
    assert (root / "build" / "index.html").is_file()


def test_new_refuses_an_existing_campaign(runner: CliRunner, workspace) -> None:
    workspace()
    result = runner.invoke(cli, ["new", "demo"])
    assert result.exit_code == 1
    assert result.stderr == "error: campaigns/demo already exists\n"


def test_new_refuses_a_bad_name(runner: CliRunner, workspace) -> None:
    workspace(base=False)
    result = runner.invoke(cli, ["new", "My Campaign"])
    assert result.exit_code == 2
    assert "not a valid campaign name" in result.stderr


def test_build_unknown_campaign_suggests_a_name(runner: CliRunner, workspace) -> None:
    workspace()
    result = runner.invoke(cli, ["build", "dmeo"])
    assert result.exit_code == 1
    assert result.stderr == "error: no campaign 'dmeo' (did you mean 'demo'?) (campaigns: demo)\n"


def test_check_without_campaigns(runner: CliRunner, workspace) -> None:
    workspace(base=False)
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 1
    assert "no campaigns in campaigns" in result.stderr


@pytest.mark.parametrize("args", [["build", "--jobs", "0"], ["frobnicate"], ["check", "--nope"]])
def test_usage_errors_exit_2(runner: CliRunner, workspace, args: list[str]) -> None:
    workspace()
    assert runner.invoke(cli, args).exit_code == 2


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_strict_turns_warnings_into_failure(runner: CliRunner, workspace) -> None:
    text = (Path(__file__).parent / "fixtures/base/campaigns/demo/campaign.yaml").read_text()
    workspace({"campaigns/demo/campaign.yaml": text.replace(
        "title: {en: Demo campaign, es: Campaña de prueba}", "title: Demo campaign")})
    relaxed = runner.invoke(cli, ["check"])
    assert relaxed.exit_code == 0
    assert "campaigns/demo/campaign.yaml:1:8: warning: 'Demo campaign' is untranslated" in \
        relaxed.stderr
    strict = runner.invoke(cli, ["check", "--strict"])
    assert strict.exit_code == 1


def test_schema_accepts_the_example_and_rejects_mistakes(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    example = json.loads(json.dumps(yaml.safe_load(EXAMPLE.read_text()), default=str))
    jsonschema.validate(example, schema)
    broken = dict(example, hashtag=["typo"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
    assert "posts" in schema["required"]
    post = schema["properties"]["posts"]["items"]
    assert post["properties"]["id"]["pattern"]


def test_build_output_is_byte_identical(runner: CliRunner, workspace, tmp_path: Path) -> None:
    root = workspace()
    assert runner.invoke(cli, ["build", "--out", str(tmp_path / "one")]).exit_code == 0
    assert runner.invoke(cli, ["build", "--out", str(tmp_path / "two")]).exit_code == 0
    one = {p.relative_to(tmp_path / "one"): p.read_bytes()
           for p in sorted((tmp_path / "one").rglob("*")) if p.is_file()}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes()
           for p in sorted((tmp_path / "two").rglob("*")) if p.is_file()}
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k]] == []
    assert root.exists()


def test_failed_build_writes_nothing(runner: CliRunner, workspace) -> None:
    root = workspace()
    assert runner.invoke(cli, ["build"]).exit_code == 0
    before = {p: p.read_bytes() for p in (root / "build").rglob("*") if p.is_file()}
    campaign = root / "campaigns/demo/campaign.yaml"
    campaign.write_text(campaign.read_text().replace("layout: headline", "layout: nope"))
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 1
    after = {p: p.read_bytes() for p in (root / "build").rglob("*") if p.is_file()}
    assert before == after
