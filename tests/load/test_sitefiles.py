"""Site templates and strings are checked while loading: `check` and `build` fail alike, early."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.load.sitefiles import check_site_files, site_templates

BROKEN_PAGE = "<html>\n{% if title %}\n<h1>{{ title }</h1>\n{% endif %}\n"
EXPECTED = "templates/site/page.html:3:1: error: site template: unexpected '}'\n"


def test_check_and_build_report_a_broken_page_template_alike(workspace, runner: CliRunner
                                                              ) -> None:
    root = workspace({"templates/site/page.html": BROKEN_PAGE})
    checked = runner.invoke(cli, ["check"])
    built = runner.invoke(cli, ["build", "--jobs", "1"])
    assert (checked.exit_code, built.exit_code) == (1, 1)
    assert checked.stderr == built.stderr == EXPECTED
    # Found before rendering: not one image was drawn, nothing was written.
    assert not list((root / ".toolkit-cache").rglob("*.png"))
    assert not (root / "build").exists()


def test_the_nearest_template_of_each_name_is_checked(tmp_path: Path) -> None:
    campaign, shared = tmp_path / "campaign", tmp_path / "shared"
    for base, text in ((campaign, "{{ ok }}"), (shared, "{{ broken }")):
        (base / "templates" / "site").mkdir(parents=True)
        (base / "templates" / "site" / "page.html").write_text(text)
        (base / "templates" / "site" / "index.html").write_text("{{ ok }}")
    (shared / "templates" / "site" / "assets").mkdir()
    (shared / "templates" / "site" / "assets" / "x.html").write_text("{{ not a template }")
    assert site_templates((campaign, shared)) == {
        "index.html": campaign / "templates" / "site" / "index.html",
        "page.html": campaign / "templates" / "site" / "page.html"}
    assert check_site_files((campaign, shared)) == []
    assert [p.message for p in check_site_files((shared,))] == ["site template: unexpected '}'"]


def test_a_missing_page_template_is_reported(tmp_path: Path) -> None:
    (tmp_path / "templates" / "site").mkdir(parents=True)
    (tmp_path / "templates" / "site" / "page.html").write_text("{{ ok }}")
    assert [str(p) for p in check_site_files((tmp_path,))] == [
        "error: no site template index.html in templates/site of the search path"]
