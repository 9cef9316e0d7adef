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


def test_proof_page_has_a_content_security_policy_like_every_page() -> None:
    import base64
    import hashlib

    from toolkit.output.proof import STYLE

    html = proof_page("Demo", [])
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert policy is not None
    assert "default-src 'none'" in policy.group(1) and "script-src" not in policy.group(1)
    digest = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy.group(1)
    assert f"<style>{STYLE}</style>" in html
