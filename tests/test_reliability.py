"""Issue #11, "Reliability 2": every error at once, text as written, hostile and unlucky inputs
contained (check and build agree), nothing read from outside the workspace.

Cases that are one located message live in fixtures/errors; these need a build, a second
command, or files that fixtures cannot hold.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli


def _build(runner: CliRunner, *args: str) -> dict:
    result = runner.invoke(cli, ["build", "--jobs", "1", *args])
    assert result.exit_code == 0, result.output
    return json.loads(Path("build/demo/manifest.json").read_text(encoding="utf-8"))


def _fails_located(runner: CliRunner, args: list[str], needle: str = "") -> str:
    started = time.monotonic()
    result = runner.invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert time.monotonic() - started < 30
    lines = [line for line in result.stderr.splitlines() if line]
    assert lines and all(": error: " in line or ": warning: " in line
                         or line.startswith("error: ") for line in lines), result.stderr
    assert needle in result.stderr, result.stderr
    return result.stderr


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- text as written (YAML 1.1 would turn 7:30 into 450) ----------------------------------

YAML11 = """\
title: 2024
url: https://example.org/demo
formats: [x]
dates:
  - title: 7:30
    start: 2026-05-01
    location: 0x1F
posts:
  - id: main
    layout: event
    caption: "{{ post.text.when }} {{ post.text.where }} {{ post.text.title }}"
    alt: 010
    text:
      title: 2026-05-01
      when: 7:30
      where: 1e3
  - id: stat
    layout: stat
    text: {number: 010, headline: {en: .inf}}
"""


def test_text_fields_keep_the_text_as_typed(workspace, runner: CliRunner) -> None:
    workspace({"campaigns/demo/campaign.yaml": YAML11})
    data = _build(runner)
    by_post = {entry["post"]: entry for entry in data["posts"]}
    assert by_post["main"]["caption"].startswith("7:30 1e3 2026-05-01")
    assert by_post["main"]["alt"] == "010"
    assert by_post["stat"]["alt"].startswith("010")
    assert ".inf" in by_post["stat"]["alt"]
    assert data["title"] == {"en": "2024"}
    calendar = Path("build/demo/calendar.ics").read_text(encoding="utf-8")
    assert "SUMMARY:7:30" in calendar and "LOCATION:0x1F" in calendar


# --- post formats -----------------------------------------------------------------------

FORMATS = """\
title: Demo
url: https://example.org/demo
formats: [x, bluesky]
posts:
  - id: main
    layout: headline
    text: {headline: Fund what keeps us safe}
  - id: flyer
    layout: flyer
    formats: [print-letter]
    text: {headline: Fund what keeps us safe, subhead: Scan to write}
  - id: story
    layout: headline
    formats: [story]
    text: {headline: Meet us at City Hall}
"""


def test_a_post_may_name_any_format_the_campaign_lists_its_defaults(workspace,
                                                                     runner: CliRunner) -> None:
    workspace({"campaigns/demo/campaign.yaml": FORMATS})
    data = _build(runner)
    formats = {(e["post"], e["format"]) for e in data["posts"]}
    assert formats == {("main", "x"), ("main", "bluesky"), ("flyer", "print-letter"),
                       ("story", "story")}


# --- alias amplification ------------------------------------------------------------------

def test_aliases_cannot_expand_a_small_file_into_gigabytes(workspace, runner: CliRunner) -> None:
    big = "X" * 1_000_000
    refs = ", ".join(["*x"] * 40)  # 40 MB of text from a 1 MB file, well under the node cap
    workspace({"campaigns/demo/campaign.yaml": f"title: &x \"{big}\"\nurl: [{refs}]\n"})
    _fails_located(runner, ["check"], "with every alias (*name) expanded")


# --- --out abuse ----------------------------------------------------------------------------

@pytest.mark.parametrize(("out", "needle"), [
    ("/proc/x", "cannot build into /proc/x"),
    ("/proc/self/fd/x", "cannot build into"),
    ("afile/sub", "afile is a file, not a folder"),
    ("afile/sub/deeper", "afile is a file, not a folder"),
    ("afile", "it is not a folder"),
    ("/dev/null", "will not build into /dev/null: it is not a folder"),
    ("templates/site/assets", "it is inside templates/ of the workspace"),
    ("campaigns/demo/site", "it is inside campaigns/ of the workspace"),
    ("assets", "it is inside assets/ of the workspace"),
    ("x" * 300, "cannot build into"),
])
def test_out_values_that_cannot_work_are_refused_clearly(workspace, runner: CliRunner, out: str,
                                                        needle: str) -> None:
    root = workspace({"afile": "notes\n"})
    _build(runner)
    before = _snapshot(root)
    _fails_located(runner, ["build", "--jobs", "1", "--out", out], needle)
    assert _snapshot(root) == before


def test_a_read_only_output_disk_is_reported(workspace, runner: CliRunner,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from toolkit.output.lock import OutputLock

    root = workspace()
    _build(runner)
    before = _snapshot(root / "build")

    def read_only(self: OutputLock) -> OutputLock:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self.path))

    monkeypatch.setattr(OutputLock, "__enter__", read_only)
    _fails_located(runner, ["build", "--jobs", "1"], "Read-only file system")
    assert _snapshot(root / "build") == before


# --- reading: a file's kind is checked, and at most the limit is read --------------------

@pytest.mark.parametrize("name", ["campaigns/demo/campaign.yaml", "toolkit.yaml",
                                  "campaigns/demo/targets.csv",
                                  "assets/brands/default/brand.yaml"])
def test_a_fifo_is_refused_without_waiting_for_a_writer(workspace, runner: CliRunner,
                                                        name: str) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    root = workspace()
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).unlink(missing_ok=True)
    os.mkfifo(root / name)
    _fails_located(runner, ["check"], "not a file")


@pytest.mark.parametrize("name", ["campaigns/demo/campaign.yaml", "toolkit.yaml",
                                  "campaigns/demo/targets.csv"])
def test_a_gigabyte_file_is_refused_after_reading_the_limit(workspace, runner: CliRunner,
                                                            name: str) -> None:
    import tracemalloc

    root = workspace()
    with open(root / name, "r+b" if (root / name).exists() else "wb") as handle:
        handle.truncate(1_000_000_000)  # sparse: a gigabyte of NULs that takes no disk
    tracemalloc.start()
    try:
        _fails_located(runner, ["check"], "file is larger than")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100_000_000


# --- outside the workspace: no file or folder the toolkit reads may lead out ----------------

DEFAULTS = Path(__file__).resolve().parents[1]


def _outside(tmp_path: Path) -> Path:
    """A folder beside the workspace holding valid copies of shipped files."""
    import shutil

    outside = tmp_path / "outside"
    if not outside.exists():
        shutil.copytree(DEFAULTS / "assets/brands/default", outside / "brand")
        shutil.copytree(DEFAULTS / "templates/site", outside / "site")
        shutil.copytree(DEFAULTS / "templates/captions", outside / "captions")
        (outside / "graphics").mkdir()
        (outside / "graphics/headline.yaml").write_bytes((DEFAULTS / "templates/graphics/"
                                                          "headline.yaml").read_bytes())
        (outside / "layout.yaml").write_bytes((DEFAULTS / "templates/graphics/headline.yaml")
                                              .read_bytes())
        (outside / "logo.png").write_bytes((DEFAULTS / "assets/brands/default/logo.png")
                                           .read_bytes())
    return outside


OUTSIDE_LINKS = {
    "brand-folder": ("assets/brands/evil", "brand"),
    "brand-file": ("assets/brands/evil/brand.yaml", "brand/brand.yaml"),
    "workspace-brand-folder": ("assets/brands/default", "brand"),
    "layout-file": ("templates/graphics/headline.yaml", "layout.yaml"),
    "layouts-folder": ("templates/graphics", "graphics"),
    "strings": ("templates/site/strings.yaml", "site/strings.yaml"),
    "site-folder": ("templates/site", "site"),
    "site-template": ("templates/site/index.html", "site/index.html"),
    "campaign-site-template": ("campaigns/demo/templates/site/_footer.html", "site/_footer.html"),
    "caption-template": ("templates/captions/x.j2", "captions/x.j2"),
    "captions-folder": ("campaigns/demo/templates/captions", "captions"),
    "logo": ("assets/brands/mine/logo.png", "logo.png"),
}


@pytest.mark.parametrize("case", sorted(OUTSIDE_LINKS))
def test_nothing_is_read_through_a_link_to_outside(workspace, runner: CliRunner, tmp_path: Path,
                                                   case: str) -> None:
    link, target = OUTSIDE_LINKS[case]
    outside = _outside(tmp_path)
    brand = "evil" if case.startswith("brand-") else "mine" if case == "logo" else "default"
    root = workspace({"campaigns/demo/campaign.yaml": f"""\
title: Demo
url: https://example.org/demo
brand: {brand}
formats: [x]
posts:
  - id: main
    layout: headline
    text: {{headline: Fund what keeps us safe}}
"""})
    if case == "logo":
        import shutil
        shutil.copytree(DEFAULTS / "assets/brands/default", root / "assets/brands/mine")
        (root / "assets/brands/mine/logo.png").unlink()
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    (root / link).symlink_to(outside / target)
    for command in (["check"], ["build", "--jobs", "1"]):
        _fails_located(runner, command, "outside the workspace")
    assert not (root / "build").exists()


# --- calendar injection -------------------------------------------------------------------

CALENDAR = r"""title: "Demo\r\nEND:VCALENDAR"
url: https://example.org/demo
formats: [x]
dates:
  - title: "Hearing\r\nEND:VEVENT\r\nBEGIN:VEVENT\rSUMMARY:Free money\nX:1"
    start: 2026-05-01T10:00:00-07:00
    location: "City Hall\u2028ATTACH:https://evil.example\x0bX:2\x85X:3"
    description: "Come;\r\n\tRRULE:FREQ=SECONDLY\u0000"
posts:
  - id: main
    layout: headline
    text: {headline: Fund what keeps us safe}
"""


def test_no_calendar_field_can_write_a_line_of_its_own(workspace, runner: CliRunner) -> None:
    workspace({"campaigns/demo/campaign.yaml": CALENDAR})
    _build(runner)
    ics = Path("build/demo/calendar.ics").read_bytes().decode("utf-8")
    lines = ics.split("\r\n")
    assert lines[-1] == ""
    unfolded = ics.replace("\r\n ", "").split("\r\n")[:-1]
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in unfolded]
    assert names.count("BEGIN") == 2 and names.count("END") == 2
    assert not {"ATTACH", "RRULE", "X", "SUMMARY"} & set(names) - {"SUMMARY"}
    assert names.count("SUMMARY") == 1
    for line in unfolded:
        assert not any(ch in line for ch in "\r\n\x0b\x0c\x85\u2028\u2029\x00"), repr(line)


# --- toolkit serve answers odd requests quietly ---------------------------------------------

@pytest.mark.parametrize(("path", "statuses"), [
    ("/%00", {400}),
    ("/index.html%00.png", {400}),
    ("/" + "a" * 8000, {400}),
    ("/" + "a/" * 2000, {400}),
    ("/" + "a" * 300 + ".html", {404}),
    ("/__toolkit/version?since=%C2%B2", {200}),
    ("/__toolkit/version?since=1e9", {200}),
    ("/__toolkit/version?since=" + "9" * 5000, {400}),
    ("/__toolkit/version?since=" + "9" * 1000, {200}),
    ("/__toolkit/version?since=-", {200}),
    ("/__toolkit/version?since=%00", {400}),
    ("/__toolkit/version?since=5&since=x", {200}),
    ("/__toolkit/version?since=7&page=%00", {400}),
    ("/__toolkit/version?since=7&page=%2F..%2F..%2Fetc%2Fpasswd", {200}),
    ("/__toolkit/version?since=7&page=" + "a" * 1500, {200}),
    ("/%ff%fe", {404}),
    ("/..%2f..%2fetc%2fpasswd", {404}),
])
def test_serve_answers_odd_requests_without_a_traceback(tmp_path: Path, capsys, path: str,
                                                        statuses: set[int]) -> None:
    import http.client

    from toolkit.live.server import LiveState, start_server

    (tmp_path / "index.html").write_text("<html><body>hi</body></html>")
    state = LiveState(tmp_path)
    state.publish(None)
    server = start_server(state, 0)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        assert response.status in statuses
        connection.close()
    finally:
        state.close()
        server.shutdown()
        server.server_close()
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out


# --- template containment: memory and CPU bounded, also inside builtins ---------------------

BOMBS = {
    "star-width": "{{ '%*s' % (4 * 10**9, 'x') }}",
    "nested-format-width": "{{ '{:{}}'.format('x', 4 * 10**9) }}",
    "format-filter-width": "{{ '%*s' | format(4 * 10**9, 'x') }}",
    "nested-lists-printed": "{{ [[1] * 99999] * 99999 }}",
    "nested-lists-tojson": "{{ ([['x' * 99] * 99999] * 99999) | tojson | length }}",
    "compare-nested-lists": "{{ ([1] * 99998 + [2]) in [[1] * 99999] * 99999 }}",
    "repeated-big-strings": "{{ (['x' * 99999] * 99999) | string | length }}",
}


def _bomb_campaign(field: str, template: str) -> str:
    quoted = json.dumps(template)
    caption = f"    caption: {quoted}\n" if field == "caption" else ""
    alt = f"    alt: {quoted}\n" if field == "alt" else ""
    subject = quoted if field == "subject" else "Please help"
    body = quoted if field == "body" else '"Dear {{ target.name }},"'
    return f"""\
title: Demo
url: https://example.org/demo
formats: [x]
posts:
  - id: main
    layout: headline
{caption}{alt}    text: {{headline: Fund what keeps us safe}}
action:
  email:
    subject: {subject}
    body: {body}
    targets: targets.csv
"""


# Every bomb runs in captions; two of them (a width, work inside one C call) in every other
# template, which shares the same host process and limits.
BOMB_CASES = [("caption", bomb) for bomb in sorted(BOMBS)] + [
    (field, bomb) for field in ("alt", "subject", "body")
    for bomb in ("star-width", "compare-nested-lists")]


@pytest.mark.parametrize(("field", "bomb"), BOMB_CASES)
def test_templates_cannot_take_unbounded_memory_or_time(workspace, runner: CliRunner, field: str,
                                                        bomb: str) -> None:
    workspace({"campaigns/demo/campaign.yaml": _bomb_campaign(field, BOMBS[bomb])})
    started = time.monotonic()
    _fails_located(runner, ["check"], "campaigns/demo/campaign.yaml:")
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("template", [
    "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "{% include 'page.html' %}",
    "{{ 'x' * 10**9 }}",
    "{{ ([1] * 99998 + [2]) in [[1] * 99999] * 99999 }}",
    "{{ '%*s' % (4 * 10**9, 'x') }}",
    "{{ ''.__class__.__mro__ }}",
])
def test_a_campaign_site_template_runs_under_the_same_limits(workspace, runner: CliRunner,
                                                             template: str) -> None:
    root = workspace({"campaigns/demo/templates/site/page.html": template})
    for command in (["check"], ["build", "--jobs", "1"]):  # check renders the pages too
        result = runner.invoke(cli, command)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert "campaigns/demo/templates/site/page.html:" in result.stderr
    assert not (root / "build").exists()


def test_site_strings_fill_names_only(workspace, runner: CliRunner) -> None:
    from toolkit.load.strings import fill

    assert fill("{count} of {limit}", {"count": 3, "limit": 5}) == "3 of 5"
    assert fill("{count.__class__.__mro__}", {"count": 3}) == "{count.__class__.__mro__}"
    assert fill("{count:>999999999}", {"count": 3}) == "{count:>999999999}"
    assert fill("{count[0]} {other}", {"count": "ab"}) == "{count[0]} {other}"
    words = "en:\n  count: \"{count.__class__.__mro__} {count:>99999999}\"\n"
    workspace({"campaigns/demo/templates/site/strings.yaml": words})
    _build(runner)
    page = Path("build/demo/index.html").read_text(encoding="utf-8")
    assert "__mro__" not in page or "{count.__class__.__mro__}" in page
    assert "<class" not in page and len(page) < 5_000_000


def test_a_site_string_too_long_is_refused(workspace, runner: CliRunner) -> None:
    words = "en:\n  copy: \"" + "x" * 5000 + "\"\n"
    workspace({"campaigns/demo/templates/site/strings.yaml": words})
    _fails_located(runner, ["check"], "campaigns/demo/templates/site/strings.yaml:2:")


# --- check and build agree ------------------------------------------------------------------

def _campaign_strategy():  # type: ignore[no-untyped-def]
    from hypothesis import strategies as st

    hostile = st.sampled_from([
        "7:30", "010", "0x1F", "1e3", ".inf", "yes", "~", "null", "2024-05-01", "\\ud800",
        "\\ud83d\\ude00", "\\r\\nEND:VEVENT", "\\u2028", "[" * 50, "- " * 30 + "x",
        "> " * 30 + "x", "*a*" * 20, "<script>alert(1)</script>", "{{ url }}", "{count}",
        "x" * 300, "\\t", "'", '\\"', "#tag", "@who", "🙂" * 10, "ש" * 20 + " abc",
    ])
    texts = st.one_of(hostile, st.text(min_size=1, max_size=30).map(
        lambda text: text.encode("unicode_escape").decode("ascii").replace('"', '\\"')))
    dates = st.sampled_from(["2026-05-01", "2026-05-01T10:00:00-07:00", "1899-12-31",
                             "3000-01-01", "2026-02-30", "2026-05-01T25:00:00",
                             "9999-12-31", "0001-01-01"])
    formats = st.lists(st.sampled_from(["x", "bluesky", "story", "print-letter", "nope"]),
                       max_size=3, unique=True)
    layouts = st.sampled_from(["headline", "stat", "event", "flyer", "quote"])
    return st.fixed_dictionaries({
        "title": texts, "summary": texts, "body": texts, "when": texts, "headline": texts,
        "caption": st.one_of(st.none(), texts, st.sampled_from([
            "{{ post.lead }} {{ url }}", "{{ '%*s' % (9, post.id) }}", "{{ post.text.nope }}",
            "{{ campaign.dates }}"])),
        "start": dates, "url": st.sampled_from(["https://example.org/demo",
                                                "https://example.org/de mo",
                                                "https://example.org/a?b=c&d=%0A"]),
        "formats": formats, "post_formats": formats, "layout": layouts,
        "focus": st.sampled_from([None, "[0.5, 0.5]", "[.nan, 0.5]", "[2, 0]", "[1e999, 0]"]),
        "footer": st.sampled_from([None, "<p>{{ campaign.title }}</p>", "{{ nothing_here }}",
                                   "{{ range(10**9)|list }}", "{% include '_footer.html' %}",
                                   "{{ '%.1000000000f' % 1.0 }}"]),
        "strings": st.sampled_from([None, "en:\n  skip: Jump ahead\n", "en:\n  skip: 5\n",
                                    "en:\n  formats: text\n", "es:\n  skip: {a: b}\n"]),
    })


def _campaign_yaml(values: dict) -> str:
    def q(text: str) -> str:
        return f'"{text}"'

    caption = f"    caption: {q(values['caption'])}\n" if values["caption"] else ""
    post_formats = (f"    formats: [{', '.join(values['post_formats'])}]\n"
                    if values["post_formats"] else "")
    fields = {"headline": "headline", "stat": "number", "event": "title", "flyer": "headline",
              "quote": "quote"}[values["layout"]]
    extra = {"stat": "headline", "event": "when"}.get(values["layout"])
    text = f"{fields}: {q(values['headline'])}" + (f", {extra}: {q(values['when'])}"
                                                    if extra else "")
    focus = f"    focus: {values['focus']}\n" if values["focus"] else ""
    return f"""\
title: {q(values['title'])}
url: {q(values['url'])}
summary: {q(values['summary'])}
body: {q(values['body'])}
formats: [{', '.join(values['formats'])}]
dates:
  - title: {q(values['when'])}
    start: {values['start']}
posts:
  - id: main
    layout: {values['layout']}
{caption}{post_formats}{focus}    text: {{{text}}}
"""


def test_what_check_passes_build_builds(tmp_path_factory: pytest.TempPathFactory) -> None:
    import shutil

    from hypothesis import HealthCheck, given, settings

    runner = CliRunner()
    root = tmp_path_factory.mktemp("agree") / "ws"
    shutil.copytree(Path(__file__).parent / "fixtures" / "base", root)
    seen = {"passed": 0, "refused": 0}

    @settings(max_examples=int(os.environ.get("TOOLKIT_AGREE_EXAMPLES", "25")),
              derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture])
    @given(values=_campaign_strategy())
    def agree(values: dict) -> None:
        (root / "campaigns/demo/campaign.yaml").write_text(_campaign_yaml(values),
                                                           encoding="utf-8")
        site = root / "campaigns/demo/templates/site"
        shutil.rmtree(site, ignore_errors=True)
        site.mkdir(parents=True)
        if values["footer"]:
            (site / "_footer.html").write_text(values["footer"], encoding="utf-8")
        if values["strings"]:
            (site / "strings.yaml").write_text(values["strings"], encoding="utf-8")
        shutil.rmtree(root / "build", ignore_errors=True)
        cwd = os.getcwd()
        os.chdir(root)
        try:
            checked = runner.invoke(cli, ["check"])
            assert checked.exit_code in (0, 1), checked.output
            assert checked.exception is None or isinstance(checked.exception, SystemExit), \
                checked.output
            if checked.exit_code == 1:
                seen["refused"] += 1
                assert all(": error: " in line or ": warning: " in line
                           for line in checked.stderr.splitlines() if line), checked.stderr
                return
            seen["passed"] += 1
            built = runner.invoke(cli, ["build", "--jobs", "1"])
            assert built.exit_code == 0, (_campaign_yaml(values), values, built.output)
        finally:
            os.chdir(cwd)

    agree()
    assert seen["passed"] and seen["refused"]
