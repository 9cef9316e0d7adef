"""The proof sheet: every graphic of a campaign on one self-contained page, grouped by post."""

from __future__ import annotations

import base64
import hashlib
from html import escape
from typing import Any

THUMB_HEIGHT = 280  # px: tall enough to read a headline, short enough to see a whole post

STYLE = """
body{margin:0;padding:24px;font:15px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;
background:#eceae4;color:#1b1b1b}
h1{font-size:22px;margin:0 0 4px}p.lead{margin:0 0 24px;color:#555}
section{background:#fff;border-radius:8px;padding:16px 20px;margin:0 0 24px;
box-shadow:0 1px 2px rgba(0,0,0,.08)}
h2{font-size:17px;margin:0 0 12px}h2 small{font-weight:400;color:#666}
.grid{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-end}
figure{margin:0;max-width:100%}figure img{display:block;max-width:100%;height:auto;
border:1px solid #d8d6d0;background:#f6f6f6}
.slides{display:flex;flex-wrap:wrap;gap:6px}
figcaption{font-size:13px;color:#444;margin-top:6px;max-width:460px}
figcaption b{color:#1b1b1b}figcaption span{display:block;color:#666}
"""


# Like every page of the site: nothing runs, nothing loads from elsewhere; the one inline
# stylesheet is allowed by its hash.
STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode("utf-8")).digest()).decode("ascii")
CSP = (f"default-src 'none'; img-src 'self'; style-src 'sha256-{STYLE_HASH}'; "
       "object-src 'none'; base-uri 'none'; form-action 'none'")


def proof_page(title: str, entries: list[dict[str, Any]]) -> str:
    """HTML showing each entry's images (paths relative to the page) by post, format, language.

    An entry has post, format, lang, images, width, height and alt, as in the manifest.
    """
    posts: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        posts.setdefault(str(entry.get("post", "")), []).append(entry)
    sections = "\n".join(_section(post, items) for post, items in posts.items())
    count = sum(len(e.get("images", ())) for e in entries)
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        f"<title>Proof sheet: {escape(title)}</title><style>{STYLE}</style></head><body>\n"
        f"<h1>Proof sheet: {escape(title)}</h1>\n"
        f"<p class=\"lead\">{count} images in {len(posts)} posts</p>\n"
        f"{sections}\n</body></html>\n"
    )


def _section(post: str, items: list[dict[str, Any]]) -> str:
    layout = escape(str(items[0].get("layout", "")))
    heading = f"<h2>{escape(post)} <small>{layout}</small></h2>" if layout else \
        f"<h2>{escape(post)}</h2>"
    figures = "\n".join(_figure(item) for item in items)
    return (f"<section id=\"{escape(post)}\">{heading}<div class=\"grid\">\n{figures}\n"
            "</div></section>")


def _figure(item: dict[str, Any]) -> str:
    width, height = _thumb(int(item.get("width", 0)), int(item.get("height", 0)))
    alt = escape(str(item.get("alt", "")))
    images = "".join(
        f"<a href=\"{escape(path)}\"><img src=\"{escape(path)}\" width=\"{width}\" "
        f"height=\"{height}\" alt=\"{alt}\" loading=\"lazy\"></a>"
        for path in item.get("images", ()))
    label = f"{escape(str(item.get('format', '')))} · {escape(str(item.get('lang', '')))}"
    return (f"<figure><div class=\"slides\">{images}</div><figcaption><b>{label}</b>"
            f"<span>{alt}</span></figcaption></figure>")


def _thumb(width: int, height: int) -> tuple[int, int]:
    if width <= 0 or height <= 0:
        return (THUMB_HEIGHT, THUMB_HEIGHT)
    return (max(1, round(width * THUMB_HEIGHT / height)), THUMB_HEIGHT)
