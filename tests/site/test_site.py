"""The toolkit site without a browser: pages, languages, links, escaping, kits and calendar."""

from __future__ import annotations

import json
import posixpath
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitekit import INJECTED, LANGS, SLUG, build_site, page_data, parse, snapshot, write_files

from toolkit.captions.links import SHARE_TARGETS, mailto_url, share_url
from toolkit.site.markdown import markdown_text, render_markdown

PAGES = ["index.html", f"{SLUG}/index.html", *(f"{SLUG}/{lang}/index.html" for lang in LANGS)]
CAMPAIGN_PAGES = PAGES[1:]
COMPOSE_HOSTS = {"mail.google.com", "outlook.office.com", "calendar.google.com"}
SHARE_HOSTS = {urlsplit(base).hostname for base, _ in SHARE_TARGETS.values()} - {None}


def manifest(site: Path) -> dict:
    return json.loads((site / SLUG / "manifest.json").read_text(encoding="utf-8"))


def entry(site: Path, post: str, fmt: str, lang: str) -> dict:
    found = [e for e in manifest(site)["posts"]
             if (e["post"], e["format"], e["lang"]) == (post, fmt, lang)]
    assert len(found) == 1
    return found[0]


def resolve(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))


def test_every_page_is_written(site: Path) -> None:
    for page in PAGES:
        assert (site / page).is_file(), page
    for name in ("site.css", "theme.css", "print.css", "site.js", "count.js", "calendar.ics"):
        assert (site / SLUG / name).is_file(), name


@pytest.mark.parametrize(("page", "lang", "direction"), [
    (f"{SLUG}/index.html", "en", "ltr"),
    (f"{SLUG}/en/index.html", "en", "ltr"),
    (f"{SLUG}/es/index.html", "es", "ltr"),
    (f"{SLUG}/ar/index.html", "ar", "rtl"),
])
def test_html_lang_and_direction(site: Path, page: str, lang: str, direction: str) -> None:
    html = parse(site / page).find("html")[0]
    assert (html["lang"], html["dir"]) == (lang, direction)


@pytest.mark.parametrize("page", CAMPAIGN_PAGES)
def test_hreflang_alternates_reach_every_language(site: Path, page: str) -> None:
    tags = parse(site / page)
    alternates = {link["hreflang"]: link["href"] for link in tags.find("link", rel="alternate")}
    assert set(alternates) == {*LANGS, "x-default"}
    for lang, href in alternates.items():
        target = site / resolve(page, href)
        assert target.is_file(), href
        if lang != "x-default":
            assert parse(target).find("html")[0]["lang"] == lang


def test_language_switcher_marks_the_current_page(site: Path) -> None:
    tags = parse(site / f"{SLUG}/es/index.html")
    links = [a for a in tags.find("a") if a.get("hreflang")]
    assert [a["lang"] for a in links] == list(LANGS)
    assert [a["hreflang"] for a in links if a.get("aria-current") == "page"] == ["es"]
    assert {a["href"] for a in links} == {"../index.html", "../es/index.html", "../ar/index.html"}


def test_platform_share_link_is_the_build_s_share_url(site: Path) -> None:
    tags = parse(site / f"{SLUG}/en/index.html")
    item = entry(site, "main", "x", "en")
    link = tags.find("a", data_share="x")[0]
    assert link["href"] == item["share_url"] == share_url("x", item["caption"], item["url"])
    assert tags.textareas["p-main-x-c1"] == item["caption"]
    assert link["data-url"] == item["url"]


def test_message_links_carry_the_post_and_campaign_link(site: Path) -> None:
    tags = parse(site / f"{SLUG}/en/index.html")
    hrefs = [a["href"] for a in tags.find("a") if a.get("href", "").startswith(
        ("https://wa.me/", "https://t.me/", "mailto:?"))]
    assert len(hrefs) == 3 * 2  # WhatsApp, Telegram and email for each post
    assert any("Fund%20care%20now" in href and "utm_source%3Dwhatsapp" in href for href in hrefs)


@pytest.mark.parametrize("page", PAGES)
def test_outbound_links_open_apart_and_leak_nothing(site: Path, page: str) -> None:
    for a in parse(site / page).find("a"):
        host = urlsplit(a.get("href", "")).hostname
        if host in SHARE_HOSTS | COMPOSE_HOSTS:
            assert a.get("target") == "_blank", a
            assert a.get("rel") == "noopener noreferrer", a


@pytest.mark.parametrize("page", PAGES)
def test_injected_markup_arrives_as_text(site: Path, page: str) -> None:
    text = (site / page).read_text(encoding="utf-8")
    assert "<script>alert" not in text
    assert "onerror" not in text.replace("onerror=alert(1)&gt;", "")
    tags = parse(site / page)
    scripts = [t for t in tags.find("script")]
    assert all(s.get("src") in ("count.js", "../count.js", "site.js", "../site.js",
                                "targets.js", "../targets.js")
               or s.get("type") == "application/json" for s in scripts), scripts
    for _, attrs in tags.tags:
        assert not any(name.startswith("on") for name in attrs), attrs
        for name in ("href", "src", "action", "formaction"):
            assert not attrs.get(name, "").strip().lower().startswith("javascript:"), attrs


def test_injected_markup_is_shown_escaped(site: Path) -> None:
    text = (site / f"{SLUG}/en/index.html").read_text(encoding="utf-8")
    assert "Fund care &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; now" in text
    assert "&lt;script&gt;alert('body')&lt;/script&gt;" in text
    tags = parse(site / f"{SLUG}/en/index.html")
    assert tags.textareas["p-main-x-c1"].startswith(INJECTED.replace("x", "caption"))
    assert tags.find("a", href="https://example.org/more")
    assert "bad link" in text and not tags.find("a", href="javascript:alert(1)")


def test_markdown_escapes_html_and_drops_script_links() -> None:
    html = str(render_markdown("# Head\n\n<b onclick=x>bold</b> [a](javascript:alert(1))"))
    assert "<h3>Head</h3>" in html
    assert "&lt;b onclick=x&gt;bold&lt;/b&gt;" in html
    assert "javascript" not in html
    assert markdown_text("**Fund** <i>care</i>") == "Fund <i>care</i>"


@pytest.mark.parametrize("page", PAGES)
def test_pages_load_nothing_from_other_hosts(site: Path, page: str) -> None:
    tags = parse(site / page)
    campaign_hosts = {"example.org"}
    for name, attrs in tags.tags:
        for attribute in ("src", "srcset", "poster", "data"):
            value = attrs.get(attribute, "")
            assert not urlsplit(value).scheme or value.startswith("data:"), (name, attrs)
        if name == "link":
            href = attrs["href"]
            assert not urlsplit(href).scheme or href.startswith("data:"), attrs
        if name == "a" and urlsplit(attrs.get("href", "")).scheme in ("http", "https"):
            host = urlsplit(attrs["href"]).hostname
            assert host in SHARE_HOSTS | COMPOSE_HOSTS | campaign_hosts, attrs["href"]
    csp = tags.find("meta", http_equiv="Content-Security-Policy")[0]["content"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "style-src 'self'" in csp and "img-src 'self' data:" in csp


@pytest.mark.parametrize("page", PAGES)
def test_relative_links_reach_files(site: Path, page: str) -> None:
    for name, attrs in parse(site / page).tags:
        for attribute in ("href", "src"):
            value = attrs.get(attribute, "")
            if not value or urlsplit(value).scheme or value.startswith("#"):
                continue
            assert (site / resolve(page, value)).is_file(), (page, name, value)


def test_images_are_lazy_sized_and_described(site: Path) -> None:
    images = [i for i in parse(site / f"{SLUG}/en/index.html").find("img")
              if i.get("class") != "logo"]  # the header's logo is above the fold
    assert images
    for image in images:
        assert image["loading"] == "lazy"
        assert int(image["width"]) > 0 and int(image["height"]) > 0
        assert image["alt"].strip()
    slides = [i for i in images if "/steps-x-" in i["src"]]
    assert len(slides) == 3


def test_open_graph_card(site: Path) -> None:
    tags = parse(site / f"{SLUG}/en/index.html")
    meta = {m.get("property") or m.get("name"): m["content"] for m in tags.find("meta")
            if m.get("property") or m.get("name")}
    assert meta["og:image"] == "../images/en/main-facebook.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] and meta["twitter:image:alt"] == meta["og:image:alt"]
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:description"] == "Fund care. <img src=x onerror=alert(1)>"


def test_data_block_is_json_that_cannot_close_its_script(site: Path) -> None:
    text = (site / f"{SLUG}/en/index.html").read_text(encoding="utf-8")
    block = text.split('id="toolkit-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block
    data = page_data(site / f"{SLUG}/en/index.html")
    assert [t["district"] for t in data["action"]["targets"]] == ["1", "2", "3"]
    assert data["action"]["zips"]["90002"] == ["1", "2"]
    assert data["action"]["districts"]["features"][1]["properties"]["district"] == "2"


def test_every_target_has_a_ready_mailto_without_javascript(site: Path) -> None:
    tags = parse(site / f"{SLUG}/en/index.html")
    data = page_data(site / f"{SLUG}/en/index.html")
    mailtos = [a["href"] for a in tags.find("a") if a.get("href", "").startswith("mailto:")
               and not a["href"].startswith("mailto:?")]
    expected = [mailto_url([t["email"]], t["subject"], t["body"])
                for t in data["action"]["targets"]]
    assert mailtos == expected
    body = data["action"]["targets"][1]["body"]
    assert body.startswith("Dear Council President Ben Example,\n\nI live in district 2.")
    assert tags.find("details", id="all-targets", open="")
    text = (site / f"{SLUG}/en/index.html").read_text(encoding="utf-8")
    assert "Roster as of spring 2024." in text


def test_caption_counter_is_rendered_by_the_build_rule(site: Path) -> None:
    tags = parse(site / f"{SLUG}/en/index.html")
    area = tags.find("textarea", id="p-main-x-c1")[0]
    item = entry(site, "main", "x", "en")
    assert (area["data-rule"], area["data-limit"]) == ("twitter", "280")
    text = (site / f"{SLUG}/en/index.html").read_text(encoding="utf-8")
    assert f'id="p-main-x-c1-count">{item["caption_length"]} of 280 characters' in text
    insta = tags.find("textarea", id="p-main-instagram-square-c1")[0]
    assert insta["data-max-hashtags"] == "5"


def test_tabs_degrade_to_links_without_javascript(site: Path) -> None:
    tags = parse(site / f"{SLUG}/en/index.html")
    links = [a["href"] for a in tags.find("a") if a.get("href", "").startswith("#p-main-")]
    assert links == ["#p-main-instagram-square", "#p-main-x", "#p-main-bluesky",
                     "#p-main-facebook"]
    assert not tags.find("div", role="tablist")
    assert all(tags.find("section", id=href[1:]) for href in links)


def test_header_shows_the_brand_logo(site: Path) -> None:
    logo = parse(site / f"{SLUG}/es/index.html").find("img", **{"class": "logo"})[0]
    assert (logo["src"], logo["alt"], logo["height"]) == ("../logo.png", "Test Org", "32")
    assert (site / SLUG / "logo.png").is_file()


def test_footer_links_the_proof_sheet(site: Path) -> None:
    assert parse(site / f"{SLUG}/index.html").find("a", href="proof.html")
    assert parse(site / f"{SLUG}/es/index.html").find("a", href="../proof.html")


def test_index_lists_every_campaign(site: Path) -> None:
    tags = parse(site / "index.html")
    assert tags.find("a", href=f"{SLUG}/index.html")
    assert tags.find("a", href=f"{SLUG}/es/index.html", hreflang="es")


# Kits


def kit(site: Path, name: str) -> zipfile.ZipFile:
    return zipfile.ZipFile(site / SLUG / "kits" / name)


def test_format_kit_holds_images_captions_alt_and_readme(site: Path) -> None:
    with kit(site, f"{SLUG}-en-x.zip") as archive:
        names = archive.namelist()
        top = f"{SLUG}-en-x/"
        assert names == sorted(names)
        assert set(names) == {top + n for n in (
            "README.txt", "main/alt.txt", "main/caption.txt", "main/main-x.png",
            "steps/alt.txt", "steps/caption.txt", "steps/steps-x-1.png", "steps/steps-x-2.png",
            "steps/steps-x-3.png")}
        caption = archive.read(top + "main/caption.txt").decode()
        assert caption == entry(site, "main", "x", "en")["caption"].replace("\n", "\r\n") + "\r\n"
        readme = archive.read(top + "README.txt").decode()
        assert "2024-05-01: Hearing; budget, part \\ one" in readme
        assert "https://example.org/demo" in readme and "ALT" in readme
        steps_alt = archive.read(top + "steps/alt.txt").decode()
        assert "steps-x-2.png\r\n" in steps_alt
        image = archive.read(top + "main/main-x.png")
        assert image == (site / SLUG / "images/en/main-x.png").read_bytes()
        for info in archive.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.external_attr >> 16 == 0o100644


def test_all_kit_has_every_format_in_folders(site: Path) -> None:
    with kit(site, f"{SLUG}-es-all.zip") as archive:
        folders = {name.split("/")[1] for name in archive.namelist()}
    assert folders == {"README.txt", "instagram-square", "x", "bluesky", "facebook"}


def test_manifest_kits_exist(site: Path) -> None:
    for item in manifest(site)["kits"]:
        assert (site / SLUG / item["path"]).is_file(), item


def test_two_builds_are_byte_identical(site_workspace: Path, site: Path,
                                       tmp_path: Path) -> None:
    again = snapshot(build_site(site_workspace, tmp_path / "again"))
    assert again == snapshot(site)


# Calendar


def unfold(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


def test_calendar_is_rfc5545(site: Path) -> None:
    data = (site / SLUG / "calendar.ics").read_bytes()
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    lines = unfold(data)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and lines[-1] == "END:VCALENDAR"
    assert any(line.startswith("PRODID:") for line in lines)
    events = "\n".join(lines).split("BEGIN:VEVENT")[1:]
    assert len(events) == 2
    first, second = ({k: v for k, _, v in (line.partition(":") for line in e.splitlines()) if k}
                     for e in events)
    assert first["DTSTART;VALUE=DATE"] == "20240501" and first["DTEND;VALUE=DATE"] == "20240502"
    assert first["SUMMARY"] == "Hearing\\; budget\\, part \\\\ one"
    assert first["LOCATION"] == "City Hall\\, 200 N Spring St\\; Room 340"
    assert first["DTSTAMP"] == "20240501T000000Z"
    assert second["DTSTART"] == "20240603T170000Z" and second["DTEND"] == "20240603T193000Z"
    assert first["UID"] != second["UID"]
    assert "日本語" in first["DESCRIPTION"]


def test_calendar_uids_stay_when_titles_change(site_workspace: Path, site: Path,
                                               tmp_path: Path) -> None:
    files = {p.relative_to(site_workspace).as_posix(): p.read_text(encoding="utf-8")
             for p in site_workspace.rglob("*") if p.is_file() and ".toolkit-cache" not in p.parts}
    key = f"campaigns/{SLUG}/campaign.yaml"
    files[key] = files[key].replace("title: {en: Vote,", "title: {en: Final vote,")
    other = build_site(write_files(tmp_path / "ws", files), tmp_path / "out")

    def uids(folder: Path) -> list[str]:
        return [line for line in unfold((folder / SLUG / "calendar.ics").read_bytes())
                if line.startswith("UID:")]
    assert uids(other) == uids(site)
    assert b"Final vote" in (other / SLUG / "calendar.ics").read_bytes()


def test_each_language_has_its_calendar(site: Path) -> None:
    spanish = unfold((site / SLUG / "es" / "calendar.ics").read_bytes())
    assert "SUMMARY:Audiencia" in spanish
    tags = parse(site / f"{SLUG}/es/index.html")
    assert tags.find("a", href="../es/calendar.ics")
    assert parse(site / f"{SLUG}/index.html").find("a", href="calendar.ics")
    google = [a["href"] for a in tags.find("a") if "calendar.google.com" in a.get("href", "")]
    assert google and "dates=20240501/20240502" in google[0]


def test_untranslated_words_are_marked_as_english(site: Path) -> None:
    arabic = (site / f"{SLUG}/ar/index.html").read_text(encoding="utf-8")
    assert '<span lang="en" dir="ltr">Copy caption</span>' in arabic
    assert 'id="p-main-x-c1-count" lang="en" dir="ltr">' in arabic
    assert page_data(site / f"{SLUG}/ar/index.html")["stringsLang"]["copied"] == "en"
    spanish = (site / f"{SLUG}/es/index.html").read_text(encoding="utf-8")
    assert 'lang="en" dir="ltr"' not in spanish
    assert page_data(site / f"{SLUG}/es/index.html")["stringsLang"] == {}


def test_a_designer_overrides_one_file_and_one_word(site_workspace: Path, tmp_path: Path) -> None:
    files = {p.relative_to(site_workspace).as_posix(): p.read_text(encoding="utf-8")
             for p in site_workspace.rglob("*") if p.is_file() and ".toolkit-cache" not in p.parts}
    files["templates/site/_footer.html"] = "<footer class=\"site-footer\">Our footer</footer>\n"
    files["templates/site/assets/pattern.svg"] = "<svg xmlns='http://www.w3.org/2000/svg'/>"
    files[f"campaigns/{SLUG}/templates/site/strings.yaml"] = (
        "en: {action_heading: Email your councilmember}\n"
        "ar: {copy_caption: انسخ النص}\n")
    out = build_site(write_files(tmp_path / "ws", files), tmp_path / "out")
    english = (out / SLUG / "en" / "index.html").read_text(encoding="utf-8")
    assert "Our footer" in english and "Email your councilmember" in english
    assert "Share the graphics" in english  # every other word still comes from the defaults
    arabic = (out / SLUG / "ar" / "index.html").read_text(encoding="utf-8")
    assert ">انسخ النص</button>" in arabic
    assert (out / SLUG / "assets" / "pattern.svg").is_file()
    assert (out / "assets" / "pattern.svg").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Our footer" not in index  # the index has no footer partial; its words are global


def test_card_is_rendered_when_no_post_has_a_facebook_image(site_workspace: Path,
                                                             tmp_path: Path) -> None:
    files = {p.relative_to(site_workspace).as_posix(): p.read_text(encoding="utf-8")
             for p in site_workspace.rglob("*") if p.is_file() and ".toolkit-cache" not in p.parts}
    key = f"campaigns/{SLUG}/campaign.yaml"
    files[key] = files[key].replace("formats: [instagram-square, x, bluesky, facebook]",
                                    "formats: [instagram-square, x]")
    out = build_site(write_files(tmp_path / "ws", files), tmp_path / "out")
    tags = parse(out / SLUG / "es" / "index.html")
    meta = {m.get("property"): m["content"] for m in tags.find("meta") if m.get("property")}
    assert meta["og:image"] == "../card-es.png"
    assert meta["og:image:alt"] == "Financien el cuidado"
    assert (out / SLUG / "card-es.png").is_file()
    assert parse(out / "index.html").find("img", src=f"{SLUG}/card-en.png")


def test_check_warns_when_a_letter_is_too_long_for_mailto(site_workspace: Path,
                                                          tmp_path: Path) -> None:
    from toolkit.build import prepare_campaign
    from toolkit.load.workspace import load_workspace

    files = {p.relative_to(site_workspace).as_posix(): p.read_text(encoding="utf-8")
             for p in site_workspace.rglob("*") if p.is_file() and ".toolkit-cache" not in p.parts}
    key = f"campaigns/{SLUG}/campaign.yaml"
    files[key] = files[key].replace("        Thank you.\n", "        Thank you. " + "Care! " * 400
                                    + "\n")
    root = write_files(tmp_path / "ws", files)
    warnings = [str(w) for w in prepare_campaign(load_workspace(root), SLUG).warnings
                if "mailto" in w.message]
    assert len(warnings) == 1
    assert "campaign.yaml:" in warnings[0] and "warning: the en letter to Ada Example, Ben " \
        "Example, Cy Example makes a mailto link longer than 1800" in warnings[0]
