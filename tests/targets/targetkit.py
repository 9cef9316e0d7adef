# ruff: noqa: E501  (YAML and CSV rows read best unbroken)
"""A campaign with per-target posts, handles on some platforms only, phones and translated
titles, shared by the targets tests and the browser tests."""

from __future__ import annotations

from pathlib import Path

SLUG = "council"
LANGS = ("en", "es")
FORMATS = ("x", "bluesky", "mastodon", "instagram-square")

CAMPAIGN = """\
title: {en: Fund care, es: Financien el cuidado}
organization: Test Org
url: https://example.org/care
languages: [en, es]
formats: [x, bluesky, mastodon, instagram-square]
hashtags: [CareNotCops, Budget]
mentions: {x: ["@CityCouncil"]}
posts:
  - id: common
    layout: headline
    text: {headline: {en: Fund care for everyone, es: Financien el cuidado para todos}}
  - id: ask
    layout: headline
    per_target: true
    text:
      headline:
        en: "{{ target.title }} {{ target.name }}: fund *care* in District {{ target.district }}"
        es: "{{ target.title }} {{ target.name }}: financie el *cuidado* en el Distrito {{ target.district }}"
    caption:
      en: "{{ target.mention }}, please fund care in District {{ target.district }}. {{ url }} {{ hashtags }}"
      es: "{{ target.mention }}, financie el cuidado en el Distrito {{ target.district }}. {{ url }} {{ hashtags }}"
    alt:
      en: "A card asking {{ target.title }} {{ target.name }} to fund care"
      es: "Una tarjeta que pide a {{ target.title }} {{ target.name }} financiar el cuidado"
  - id: stat
    layout: stat
    per_target: true
    text:
      number: "$3M"
      headline: {en: "for care in District {{ target.district }}", es: "para el cuidado en el Distrito {{ target.district }}"}
action:
  email:
    subject: {en: Please fund care, es: Por favor financie el cuidado}
    body: {en: "Dear {{ target.title }} {{ target.name }},", es: "Estimado/a {{ target.title }} {{ target.name }}:"}
    targets: targets.csv
    lookup: {zip: zips.csv, geojson: districts.geojson}
  call:
    script:
      en: "Hi, my name is ___ and I live in District {{ target.district }}. Please ask **{{ target.title }} {{ target.name }}** to fund care."
      es: "Hola, me llamo ___ y vivo en el Distrito {{ target.district }}. Pido a **{{ target.title }} {{ target.name }}** que financie el cuidado."
    hours: {en: "Weekdays 9 to 5", es: "Días laborables de 9 a 5"}
"""

TARGETS = """\
district,name,title,title:es,email,x,bluesky,mastodon,instagram,phone,hours,hours:es
1,Ada Lovelace,Councilmember,Concejala,ada@example.org,AdaCD1,ada.bsky.social,,ada.cd1,(555) 010-0001,Mon-Thu 8 to 4,lun-jue de 8 a 4
2,Ben Okafor,Council President,Presidente del Concejo,ben@example.org,,,ben@mastodon.social,,+1 555 010 0002 ext. 12,,
3,Chen Wu,Councilmember,,chen@example.org,ChenWu3,,,,555.010.0003,,
"""

# Three squares side by side: district 1 west of lon -118.3, 2 in the middle, 3 east of -118.2.
def _square(west: float, east: float) -> str:
    ring = [[west, 34.0], [west, 34.1], [east, 34.1], [east, 34.0], [west, 34.0]]
    return str(ring).replace(" ", "")


GEOJSON = (
    '{"type":"FeatureCollection","features":['
    + ",".join(
        f'{{"type":"Feature","properties":{{"district":{d}}},'
        f'"geometry":{{"type":"Polygon","coordinates":[{_square(w, e)}]}}}}'
        for d, w, e in ((1, -118.4, -118.3), (2, -118.3, -118.2), (3, -118.2, -118.1)))
    + "]}"
)

ZIPS = "zip,district\n90001,1\n90002,2\n90003,3\n90004,2\n90004,3\n"

HANDLES = {  # (target name, platform) -> what its caption addresses
    ("Ada Lovelace", "x"): "@AdaCD1",
    ("Ada Lovelace", "bluesky"): "@ada.bsky.social",
    ("Ada Lovelace", "instagram"): "@ada.cd1",
    ("Ben Okafor", "mastodon"): "@ben@mastodon.social",
    ("Chen Wu", "x"): "@ChenWu3",
}


def campaign_files() -> dict[str, str]:
    return {f"campaigns/{SLUG}/campaign.yaml": CAMPAIGN,
            f"campaigns/{SLUG}/targets.csv": TARGETS,
            f"campaigns/{SLUG}/zips.csv": ZIPS,
            f"campaigns/{SLUG}/districts.geojson": GEOJSON}


def write_files(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
