"""The proof sheet: self-contained, escaped, grouped by post, sized thumbnails."""

from __future__ import annotations

import re

from toolkit.output.proof import proof_page


def test_proof_page_groups_by_post_and_escapes() -> None:
    entries = [
        {"post": "a", "layout": "stat", "format": "instagram-square", "lang": "en",
         "images": ["images/en/a-instagram-square.png"], "width": 1080, "height": 1080,
         "alt": "$3M+ <for> \"unarmed\""},
        {"post": "a", "layout": "stat", "format": "x", "lang": "es",
         "images": ["images/es/a-x.png"], "width": 1600, "height": 900, "alt": "3M"},
        {"post": "b<script>", "layout": "carousel", "format": "story", "lang": "en",
         "images": ["images/en/b-story-1.png", "images/en/b-story-2.png"], "width": 1080,
         "height": 1920, "alt": "one"},
    ]
    html = proof_page("Fund <it>", entries)
    assert html.startswith("<!doctype html>")
    assert "<title>Proof sheet: Fund &lt;it&gt;</title>" in html
    assert "$3M+ &lt;for&gt; &quot;unarmed&quot;" in html
    assert "<script>" not in html
    assert html.count("<section") == 2
    assert 'width="280" height="280"' in html and 'width="498" height="280"' in html
    assert "instagram-square · en" in html and "x · es" in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "4 images in 2 posts" in html
