#!/bin/sh
# Install what tests/site/test_browser.py needs: Chromium from apt, axe-core from npm, and
# the Playwright Python package. axe-core goes to tests/site/.axe (gitignored), never committed.
set -eu
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    apt-get install -y --no-install-recommends chromium chromium-driver
fi

AXE_DIR=tests/site/.axe
AXE_VERSION="${AXE_VERSION:-4.14.1}"
if [ ! -f "$AXE_DIR/node_modules/axe-core/axe.min.js" ]; then
    mkdir -p "$AXE_DIR"
    npm install --prefix "$AXE_DIR" --no-save --no-audit --no-fund --ignore-scripts \
        "axe-core@$AXE_VERSION"
fi

PYTHON="${PYTHON:-.venv/bin/python}"
"$PYTHON" -c "import playwright" 2>/dev/null || "$PYTHON" -m pip install "playwright>=1.45"
