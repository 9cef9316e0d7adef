"""Screenshots of a built toolkit page at phone, desktop and 200 % zoom, for a person to look at.

    python bench/screens.py build/la-unarmed-response-2024/index.html [--out /tmp/screens] [--dark]

Serves the build folder on 127.0.0.1 and drives Debian's Chromium through Playwright.
"""

from __future__ import annotations

import argparse
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# name: (css width, css height, device scale); 200 % zoom of a 1280x800 window is 640x400 css px.
VIEWS = {"320": (320, 640, 2), "390": (390, 844, 3), "1280": (1280, 800, 1),
         "zoom200": (640, 400, 2)}


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("page", type=Path, help="a page inside a build folder")
    parser.add_argument("--out", type=Path, default=Path("/tmp/screens"))
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    parser.add_argument("--open", default="", help="a post id to open first")
    args = parser.parse_args()
    page_path = args.page.resolve()
    root = next(p for p in page_path.parents if (p / "index.html").is_file()
                and not (p.parent / "index.html").is_file())
    handler = functools.partial(Quiet, directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/{page_path.relative_to(root).as_posix()}"
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for name, (width, height, scale) in VIEWS.items():
                context = browser.new_context(viewport={"width": width, "height": height},
                                              device_scale_factor=scale,
                                              color_scheme="dark" if args.dark else "light")
                page = context.new_page()
                page.goto(url)
                page.wait_for_load_state("load")
                if args.open:
                    page.evaluate("id => document.querySelector('#post-' + id + ' details')"
                                  ".open = true", args.open)
                    page.locator(f"#post-{args.open}").scroll_into_view_if_needed()
                    page.wait_for_timeout(300)
                overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
                suffix = ("-dark" if args.dark else "") + (f"-{args.open}" if args.open else "")
                target = args.out / f"{name}{suffix}.png"
                page.screenshot(path=str(target), full_page=args.full)
                print(f"{target}: horizontal overflow {overflow}px")
                context.close()
            browser.close()
    finally:
        httpd.shutdown()


if __name__ == "__main__":
    main()
