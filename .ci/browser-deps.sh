#!/bin/sh
# Install what the tests need besides Python packages: FriBiDi, gettext and Chromium from apt, and
# axe-core from npm into tests/site/.axe (gitignored, never committed).
set -eu
cd "$(dirname "$0")/.."

missing=""
# FriBiDi: Pillow's raqm loads it at run time to shape right-to-left text.
ldconfig -p 2>/dev/null | grep -q libfribidi.so.0 || missing="$missing libfribidi0"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium chromium-driver"
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
# gettext: `msgfmt --check` proves the PO files `toolkit translate export` writes are valid.
command -v msgfmt >/dev/null 2>&1 || missing="$missing gettext"
if [ -n "$missing" ]; then
    apt-get update -q
    # shellcheck disable=SC2086 (a list of package names)
    apt-get install -y -q --no-install-recommends $missing
fi

AXE_DIR=tests/site/.axe
AXE_VERSION="${AXE_VERSION:-4.14.1}"
if [ ! -f "$AXE_DIR/node_modules/axe-core/axe.min.js" ]; then
    mkdir -p "$AXE_DIR"
    npm install --prefix "$AXE_DIR" --no-save --no-audit --no-fund --ignore-scripts \
        "axe-core@$AXE_VERSION"
fi

# The Playwright Python package comes with the `test` extra (pip install -e '.[test]'); it drives
# this Chromium through executable_path, so `playwright install` (a download) is never needed.
