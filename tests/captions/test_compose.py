"""Captions composed from templates: platform rules, UTM links, hashtags, threads and errors."""

from __future__ import annotations

import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest
import regex

from toolkit.build import prepare_campaign
from toolkit.errors import ProblemsError
from toolkit.load.workspace import load_workspace

CAMPAIGN = """\
title: {en: Safe streets, ko: 안전한 거리, fa: خیابان‌های امن, ja: 安全な通り}
url: https://example.org/safe?ref=home
languages: [en, ko, fa, ja]
hashtags: [One, Two, Three, Four, Five, Six, Seven]
mentions: {x: ["@council"]}
summary:
  en: "Fund unarmed response 🚑👩🏽‍⚕️ now. Read more at example.org"
  ko: "비무장 대응에 예산을 🇰🇷 지금 https://example.org/ko"
  fa: "برای پاسخ بدون سلاح بودجه بدهید 🙏🏾 همین حالا"
  ja: "非武装の対応に予算を。今すぐ 1️⃣"
posts:
  - id: main
    layout: headline
    text:
      headline:
        en: "Fund *care* ❤️‍🔥"
        ko: "돌봄에 *투자*를"
        fa: "به *مراقبت* بودجه بدهید"
        ja: "*ケア*に予算を"
  - id: long
    layout: headline
    formats: [x, bluesky, mastodon, threads]
    thread: true
    text: {headline: Long one}
    caption: "{% for i in range(40) %}Sentence number {{ i }} about safety. {% endfor %}{{ url }}"
"""


@pytest.fixture
def result(workspace):
    workspace({"campaigns/demo/campaign.yaml": CAMPAIGN})
    from pathlib import Path

    return prepare_campaign(load_workspace(Path.cwd()), "demo")


def _twitter_reference(text: str) -> int:
    """An independent count: NFC, URLs 23, emoji clusters 2, the v3 weight ranges."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    url = regex.compile(r"https?://\S+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?", regex.I)
    total = 0
    position = 0
    for match in url.finditer(text):
        total += _weighted(text[position:match.start()]) + 23
        position = match.end()
    return total + _weighted(text[position:])


def _weighted(text: str) -> int:
    total = 0
    for cluster in regex.findall(r"\X", text):
        if regex.search(r"\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3", cluster):
            total += 2
            continue
        for char in cluster:
            point = ord(char)
            light = (point <= 0x10FF or 0x2000 <= point <= 0x200D or 0x2010 <= point <= 0x201F
                     or 0x2032 <= point <= 0x2037)
            total += 1 if light else 2
    return total


def test_lengths_match_independent_rules(result) -> None:
    checked = 0
    for item in result.variants:
        text, rule = item.caption.text, item.caption.rule
        if rule == "twitter":
            assert item.caption.length == _twitter_reference(text), text
            checked += 1
        elif rule == "bluesky":
            assert item.caption.length == len(regex.findall(r"\X", text))
            checked += 1
        elif rule == "instagram":
            assert item.caption.length == len(text.encode("utf-16-le")) // 2
            checked += 1
    assert checked >= 12


def test_every_caption_fits_its_platform(result) -> None:
    for item in result.variants:
        caption = item.caption
        if caption.limit is not None and not caption.thread:
            assert caption.length <= caption.limit, (item.variant.format.name, caption.text)


def test_instagram_keeps_five_hashtags_and_has_no_link(result) -> None:
    caption = next(i.caption for i in result.variants
                   if i.variant.format.name == "instagram-square" and i.variant.lang == "en")
    assert caption.text.count("#") == 5
    assert "https://" not in caption.text


def test_x_caption_carries_utm_link_and_mentions(result) -> None:
    caption = next(i.caption for i in result.variants
                   if i.variant.format.name == "x" and i.variant.post.id == "main")
    assert "@council" in caption.text
    query = parse_qs(urlsplit(caption.url).query)
    assert query == {"ref": ["home"], "utm_source": ["x"], "utm_medium": ["social"],
                     "utm_campaign": ["demo"]}
    assert caption.url in caption.text
    assert caption.share_url.startswith("https://x.com/intent/tweet?")


def test_long_caption_becomes_a_thread_that_fits(result) -> None:
    from toolkit.captions import counting

    threads = [i.caption for i in result.variants if i.variant.post.id == "long"]
    assert len(threads) == 16
    for caption in threads:
        assert len(caption.thread) > 1
        assert all(counting.fits(caption.rule, part, caption.limit) for part in caption.thread)
        assert caption.thread[0].endswith(f" 1/{len(caption.thread)}")


def test_over_limit_without_thread_is_a_located_error(workspace) -> None:
    from pathlib import Path

    text = CAMPAIGN.replace("    thread: true\n", "")
    workspace({"campaigns/demo/campaign.yaml": text})
    with pytest.raises(ProblemsError) as info:
        prepare_campaign(load_workspace(Path.cwd()), "demo")
    messages = [str(p) for p in info.value.problems]
    assert len(messages) == 16
    assert messages[0].startswith("campaigns/demo/campaign.yaml:24:14: error: x caption of post")
    assert "shorten it or set `thread: true`" in messages[0]
