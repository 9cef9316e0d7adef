"""Issue #11: variants of every class of hostile or unlucky input, beyond the cases it listed.

Each case changes a workspace that has built once. `check` and `build` must both end in exit 1
with every message at `file:line:col`, no traceback, within seconds, and leave the previous
build byte-identical. Template blow-ups run in the template host (bounded memory and CPU); the
rest are refused while reading, before anything is drawn.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli

ROOT = Path(__file__).resolve().parents[1]
CAMPAIGN = "campaigns/demo/campaign.yaml"
BASE = """\
title: Demo
url: https://example.org/demo
formats: [x]
posts:
  - id: main
    layout: headline
    text: {headline: Fund what keeps us safe}
action:
  email:
    subject: Please help
    body: "Dear {{ target.name }},"
    targets: targets.csv
"""
LOCATED = re.compile(r"^\S.*:\d+:\d+: (error|warning): ")


def _with(field: str, template: str) -> str:
    """BASE with template as the post's caption or alt, the letter's subject or body, the
    call script, or a per-target post's headline."""
    quoted = json.dumps(template)
    if field in ("caption", "alt"):
        return BASE.replace("    text: {headline", f"    {field}: {quoted}\n    text: {{headline")
    if field == "subject":
        return BASE.replace("subject: Please help", f"subject: {quoted}")
    if field == "body":
        return BASE.replace('body: "Dear {{ target.name }},"', f"body: {quoted}")
    if field == "call":
        return BASE + f"  call:\n    script: {quoted}\n"
    assert field == "headline"
    return BASE.replace("    text: {headline: Fund what keeps us safe}",
                        f"    per_target: true\n    text: {{headline: {quoted}}}")


def _post(extra: str = "", text: str = "{headline: Fund what keeps us safe}",
          layout: str = "headline") -> str:
    return BASE.replace("    layout: headline\n    text: {headline: Fund what keeps us safe}",
                        f"    layout: {layout}\n{extra}    text: {text}")


TEMPLATE_BOMBS = {
    "range-list": "{{ range(10**9)|list|length }}",
    "string-times": "{{ 'x' * 10**8 }}",
    "center": "{{ 'x'|center(10**9) }}",
    "ljust-method": "{{ 'x'.ljust(10**9) }}",
    "zfill-method": "{{ 'x'.zfill(10**9) }}",
    "indent": "{{ ('x\\n' * 1000)|indent(10**6) }}",
    "expandtabs": "{{ ('\\t' * 1000).expandtabs(10**6) }}",
    "format-method-width": "{{ '{:>1000000000}'.format(1) }}",
    "percent-mapping-width": "{{ '%(a)999999999s' % {'a': 1} }}",
    "precision": "{{ '%.1000000000f' % 1.0 }}",
    "round-digits": "{{ 1.5|round(10**9) }}",
    "doubling-loop": "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                     "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
    "replace-growth": "{{ ('x' * 1000)|replace('x', 'x' * 100000)|length }}",
    "wordwrap": "{{ ('x ' * 100000)|wordwrap(1)|length }}",
    "macro-recursion": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "tojson-nested": "{{ ([[['x' * 999] * 999] * 999])|tojson|length }}",
    "big-int-text": "{{ (10**100000)|string|length }}",
    "unique-of-many": "{{ (('x',) * 10**8)|unique|list }}",
    "dict-fromkeys": "{{ dict.fromkeys(range(10**8)) }}",
    "lipsum": "{{ lipsum(10**6) }}",
}

TEMPLATE_FIELDS = ("caption", "alt", "subject", "body", "call", "headline")

# Every bomb in captions; the two that work inside one C call in every other template.
TEMPLATE_CASES = {
    f"template-{bomb}-{field}": ({CAMPAIGN: _with(field, TEMPLATE_BOMBS[bomb])}, {})
    for bomb in TEMPLATE_BOMBS for field in TEMPLATE_FIELDS
    if field == "caption" or bomb in ("precision", "tojson-nested")
}

SITE = "campaigns/demo/templates/site/_footer.html"
SITE_CASES = {
    "site-range": ({SITE: "{{ range(10**9)|list|length }}"}, {}),
    "site-tojson-nested": ({SITE: "{{ ([[['x' * 999] * 999] * 999])|tojson|length }}"}, {}),
    "site-precision": ({SITE: "{{ '%.1000000000f' % 1.0 }}"}, {}),
    "site-macro-recursion": ({SITE: "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"},
                             {}),
    "site-import-itself": ({SITE: "{% import '_footer.html' as x %}"}, {}),
    "site-include-absolute": ({SITE: "{% include '/etc/passwd' %}"}, {}),
    "site-include-dotdot": ({SITE: "{% include '../../../../etc/passwd' %}"}, {}),
    "site-undefined": ({SITE: "{{ nothing_here }}"}, {}),
    "site-binary": ({SITE: b"\x00\xff\xfe{{"}, {}),
    "site-latin1": ({SITE: "caf\xe9".encode("latin-1")}, {}),
    "site-folder": ({SITE: None}, {}),
    "site-too-large": ({SITE: "x" * 1_100_000}, {}),
}

STRINGS = "campaigns/demo/templates/site/strings.yaml"
STRINGS_CASES = {
    "strings-number": ({STRINGS: "en:\n  count: 99999999999999999999999999\n"}, {}),
    "strings-mapping-for-text": ({STRINGS: "en:\n  count: {a: {b: c}}\n"}, {}),
    "strings-text-for-mapping": ({STRINGS: "en:\n  formats: just text\n"}, {}),
    "strings-list": ({STRINGS: "en:\n  count: [a, b]\n"}, {}),
    "strings-language-not-mapping": ({STRINGS: "en: words\n"}, {}),
    "strings-duplicate": ({STRINGS: "en:\n  count: a\n  count: b\n"}, {}),
    "strings-folder": ({STRINGS: None}, {}),
    "strings-utf32": ({STRINGS: b"\xff\xfe\x00\x00e\x00\x00\x00"}, {}),
    "strings-lang-file-number": ({"campaigns/demo/templates/site/strings/es.yaml":
                                  "count: 5\n"}, {}),
}

OUT = "{outside}"  # replaced by a folder beside the workspace
LINK_CASES = {
    "link-font-file": ({CAMPAIGN: BASE.replace("formats: [x]", "brand: mine\nformats: [x]"),
                        "campaigns/demo/assets/brands/mine/brand.yaml":
                            "name: Mine\ncolors: {primary: '#123456', accent: '#FFB703'}\n"
                            "fonts: {heading: fonts/H.otf, body: Inter}\n"},
                       {"campaigns/demo/assets/brands/mine/fonts/H.otf": f"{OUT}/font.otf"}),
    "link-po-file": ({CAMPAIGN: BASE.replace("formats: [x]", "languages: [en, es]\nformats: [x]")},
                     {"campaigns/demo/locale/es.po": f"{OUT}/es.po"}),
    "link-locale-folder": ({CAMPAIGN: BASE.replace("formats: [x]",
                                                   "languages: [en, es]\nformats: [x]")},
                           {"campaigns/demo/locale": OUT}),
    "link-po-device": ({CAMPAIGN: BASE.replace("formats: [x]",
                                               "languages: [en, es]\nformats: [x]")},
                       {"campaigns/demo/locale/es.po": "/dev/zero"}),
    "link-targets": ({}, {"campaigns/demo/targets.csv": f"{OUT}/targets.csv"}),
    "link-targets-device": ({}, {"campaigns/demo/targets.csv": "/dev/zero"}),
    "link-photo": ({CAMPAIGN: _post("    background: p.png\n", layout="photo")},
                   {"campaigns/demo/p.png": f"{OUT}/logo.png"}),
    "link-photo-folder": ({CAMPAIGN: _post("    background: imgs/logo.png\n", layout="photo")},
                          {"campaigns/demo/imgs": OUT}),
    "link-target-photo": ({CAMPAIGN: _post("    per_target: true\n", layout="photo"),
                           "campaigns/demo/targets.csv": "district,name,email,photo\n"
                                                         "1,Ada,ada@example.org,a.png\n"},
                          {"campaigns/demo/a.png": f"{OUT}/logo.png"}),
    "link-svg-logo": ({CAMPAIGN: BASE.replace("formats: [x]", "brand: mine\nformats: [x]"),
                       "campaigns/demo/assets/brands/mine/brand.yaml":
                           "name: Mine\ncolors: {primary: '#123456', accent: '#FFB703'}\n"
                           "logo: logo.svg\n"},
                      {"campaigns/demo/assets/brands/mine/logo.svg": f"{OUT}/logo.svg"}),
    "link-campaign-layout": ({CAMPAIGN: BASE.replace("layout: headline", "layout: mine")},
                             {"campaigns/demo/templates/graphics/mine.yaml":
                                  f"{OUT}/headline.yaml"}),
    "link-geojson": ({CAMPAIGN: BASE.replace("    targets: targets.csv\n",
                                             "    targets: targets.csv\n"
                                             "    lookup: {geojson: d.geojson}\n")},
                     {"campaigns/demo/d.geojson": f"{OUT}/d.geojson"}),
    "link-campaign-file": ({}, {CAMPAIGN: f"{OUT}/campaign.yaml"}),
    "link-campaign-folder": ({}, {"campaigns/other": f"{OUT}/campaign"}),
    "link-toolkit-yaml": ({}, {"toolkit.yaml": f"{OUT}/toolkit.yaml"}),
}

YAML_CASES = {
    "yaml-duplicate-post-key": ({CAMPAIGN: BASE.replace("    layout: headline\n",
                                                        "    layout: headline\n"
                                                        "    layout: stat\n")}, {}),
    "yaml-tab-indent-in-list": ({CAMPAIGN: BASE.replace("    layout: headline",
                                                        "\t  layout: headline")}, {}),
    "yaml-bom-mid-file": ({CAMPAIGN: BASE.replace("posts:", "\ufeffposts:")}, {}),
    "yaml-deep-flow": ({CAMPAIGN: BASE + "x: " + "[" * 5000 + "]" * 5000 + "\n"}, {}),
    "yaml-recursive-anchor": ({CAMPAIGN: BASE + "x: &a [*a]\n"}, {}),
    "yaml-second-document": ({CAMPAIGN: BASE + "---\ntitle: Other\n"}, {}),
    "yaml-set-tag": ({CAMPAIGN: BASE.replace("title: Demo", "title: !!set {a, b}")}, {}),
    "yaml-complex-key": ({CAMPAIGN: BASE + "? [a, b]\n: c\n"}, {}),
    "yaml-nan-focus": ({CAMPAIGN: _post("    focus: [.nan, .5]\n")}, {}),
    "yaml-inf-focus": ({CAMPAIGN: _post("    focus: [.inf, .5]\n")}, {}),
    "yaml-huge-int-focus": ({CAMPAIGN: _post("    focus: [" + "9" * 400 + ", 0.5]\n")}, {}),
    "yaml-huge-int-start": ({CAMPAIGN: BASE + "dates:\n  - title: x\n    start: " + "9" * 40
                                       + "\n"}, {}),
    "yaml-year-zero": ({CAMPAIGN: BASE + "dates:\n  - title: x\n    start: 0000-01-01\n"}, {}),
    "yaml-offset-99h": ({CAMPAIGN: BASE + "dates:\n  - title: x\n"
                                          "    start: 2026-05-01T10:00:00+99:00\n"}, {}),
    "yaml-huge-width": ({"toolkit.yaml": "formats:\n  big:\n    platform: x\n"
                                         "    width: 100000000000000000000\n    height: 100\n"
                                         "    caption_rule: characters\n"
                                         "    caption_limit: 10\n",
                         CAMPAIGN: BASE.replace("formats: [x]", "formats: [big]")}, {}),
    "text-title-4mb": ({CAMPAIGN: BASE.replace("title: Demo", "title: " + "x" * 4_000_000)}, {}),
    "text-headline-100k": ({CAMPAIGN: _post(text="{headline: " + "word " * 20000 + "}")}, {}),
    "text-post-id-5000": ({CAMPAIGN: BASE.replace("id: main", "id: " + "a" * 5000)}, {}),
    "text-organization-huge": ({CAMPAIGN: BASE.replace("title: Demo", "title: Demo\n"
                                                       "organization: " + "x" * 3000)}, {}),
    "text-600-posts": ({CAMPAIGN: BASE.split("posts:")[0] + "posts:\n" + "".join(
        f"  - id: p{i}\n    layout: headline\n    text: {{headline: Hi}}\n"
        for i in range(600))}, {}),
    "text-60-languages": ({CAMPAIGN: BASE.replace("formats: [x]", "languages: [" + ", ".join(
        f"{a}{b}" for a in "abc" for b in "abcdefghijklmnopqrstu") + "]\nformats: [x]")}, {}),
}

FILE_CASES = {
    "file-campaign-folder": ({CAMPAIGN: None}, {}),
    "file-campaign-empty": ({CAMPAIGN: ""}, {}),
    "file-campaign-binary": ({CAMPAIGN: bytes(range(256)) * 4}, {}),
    "file-campaign-nul": ({CAMPAIGN: BASE.encode() + b"\x00"}, {}),
    "file-toolkit-folder": ({"toolkit.yaml": None}, {}),
    "file-toolkit-empty": ({"toolkit.yaml": ""}, {}),
    "file-targets-folder": ({"campaigns/demo/targets.csv": None}, {}),
    "file-targets-binary": ({"campaigns/demo/targets.csv": bytes(range(256))}, {}),
    "file-po-folder": ({CAMPAIGN: BASE.replace("formats: [x]", "languages: [en, es]\nformats: [x]"),
                        "campaigns/demo/locale/es.po": None}, {}),
    "file-po-binary": ({CAMPAIGN: BASE.replace("formats: [x]", "languages: [en, es]\nformats: [x]"),
                        "campaigns/demo/locale/es.po": bytes(range(256)) * 10}, {}),
    "file-photo-folder": ({CAMPAIGN: _post("    background: p.png\n", layout="photo"),
                           "campaigns/demo/p.png": None}, {}),
    "file-photo-empty": ({CAMPAIGN: _post("    background: p.png\n", layout="photo"),
                          "campaigns/demo/p.png": b""}, {}),
    "file-font-empty": ({CAMPAIGN: BASE.replace("formats: [x]", "brand: mine\nformats: [x]"),
                         "campaigns/demo/assets/brands/mine/brand.yaml":
                             "name: Mine\ncolors: {primary: '#123456', accent: '#FFB703'}\n"
                             "fonts: {heading: H.otf, body: Inter}\n",
                         "campaigns/demo/assets/brands/mine/H.otf": b""}, {}),
    "file-logo-folder": ({CAMPAIGN: BASE.replace("formats: [x]", "brand: mine\nformats: [x]"),
                          "campaigns/demo/assets/brands/mine/brand.yaml":
                              "name: Mine\ncolors: {primary: '#123456', accent: '#FFB703'}\n"
                              "logo: logo.png\n",
                          "campaigns/demo/assets/brands/mine/logo.png": None}, {}),
    "file-caption-template-binary": ({"campaigns/demo/templates/captions/x.j2": b"\xff{{"}, {}),
    "file-caption-template-folder": ({"campaigns/demo/templates/captions/x.j2": None}, {}),
    "file-layout-folder": ({CAMPAIGN: BASE.replace("layout: headline", "layout: mine"),
                            "campaigns/demo/templates/graphics/mine.yaml": None}, {}),
}

CASES = {**TEMPLATE_CASES, **SITE_CASES, **STRINGS_CASES, **LINK_CASES, **YAML_CASES,
         **FILE_CASES}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace that has built once, and the outside folder links lead to."""
    root = tmp_path_factory.mktemp("hostile")
    workspace = root / "ws"
    shutil.copytree(ROOT / "tests/fixtures/base", workspace)
    (workspace / CAMPAIGN).write_text(BASE, encoding="utf-8")
    outside = root / "outside"
    (outside / "campaign").mkdir(parents=True)
    shutil.copyfile(ROOT / "assets/brands/default/logo.png", outside / "logo.png")
    shutil.copyfile(ROOT / "assets/fonts/Inter/Inter-Bold.otf", outside / "font.otf")
    shutil.copyfile(ROOT / "templates/graphics/headline.yaml", outside / "headline.yaml")
    shutil.copyfile(ROOT / "tests/fixtures/base/campaigns/demo/targets.csv",
                    outside / "targets.csv")
    (outside / "es.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    (outside / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (outside / "d.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    (outside / "campaign.yaml").write_text(BASE, encoding="utf-8")
    (outside / "campaign/campaign.yaml").write_text(BASE, encoding="utf-8")
    (outside / "toolkit.yaml").write_text("title: Elsewhere\n", encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(workspace)
    try:
        result = CliRunner().invoke(cli, ["build", "--jobs", "1"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _apply(root: Path, outside: Path, files: dict, links: dict) -> None:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() or path.is_symlink():
            path.unlink()
        if content is None:
            path.mkdir(parents=True, exist_ok=True)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    for relative, target in links.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() or path.is_symlink():
            path.unlink()
        path.symlink_to(target.replace(OUT, str(outside)))


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_is_refused_located_and_the_build_kept(built: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             name: str) -> None:
    root = tmp_path / "ws"
    shutil.copytree(built / "ws", root, symlinks=True)
    before = _files(root / "build")
    files, links = CASES[name]
    if links and not hasattr(os, "symlink"):
        pytest.skip("no symlinks here")
    _apply(root, built / "outside", files, links)
    monkeypatch.chdir(root)
    runner = CliRunner()
    for command in (["check"], ["build", "--jobs", "1"]):
        started = time.monotonic()
        result = runner.invoke(cli, command)
        took = time.monotonic() - started
        assert result.exit_code == 1, (command, result.output)
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            result.exception
        lines = [line for line in result.stderr.splitlines() if line]
        assert lines and all(LOCATED.match(line) for line in lines), result.stderr
        assert any(": error: " in line for line in lines), result.stderr
        assert took < 30, f"{command[0]} took {took:.0f} s"
    assert _files(root / "build") == before


# --- messages that once misled ------------------------------------------------------------

def _stderr(root: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> str:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.stderr


def test_a_name_is_never_suggested_as_itself(built: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "ws"
    shutil.copytree(built / "ws", root, symlinks=True)
    (root / CAMPAIGN).write_text(_with("body", "{{ post.id }}"), encoding="utf-8")
    stderr = _stderr(root, monkeypatch, ["check"])
    assert "'post' is undefined" in stderr and "did you mean 'post'" not in stderr
    (root / CAMPAIGN).write_text(BASE.replace("formats: [x]", "brand: evil\nformats: [x]"),
                                 encoding="utf-8")
    (root / "assets/brands/evil").mkdir(parents=True)  # a folder without brand.yaml
    stderr = _stderr(root, monkeypatch, ["check"])
    assert "no brand 'evil'" in stderr and "did you mean 'evil'" not in stderr


def test_an_escaped_surrogate_pair_is_its_character(built: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "ws"
    shutil.copytree(built / "ws", root, symlinks=True)
    (root / CAMPAIGN).write_text(_post(text='{headline: "Fund us \\ud83d\\ude00"}'),
                                 encoding="utf-8")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["build", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((root / "build/demo/manifest.json").read_text(encoding="utf-8"))
    assert "Fund us \U0001F600" in manifest["posts"][0]["alt"]
