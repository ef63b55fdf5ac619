#!/usr/bin/env bash
# Refreshes docs/screenshots/: the main pages at 1280 px and 360 px, taken by the browser tests in Debian's headless
# Chromium against the real app (demo data). Needs chromium and chromium-driver (./test.sh installs them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export MOTCUA_SCREENSHOT_DIR="$PWD/docs/screenshots"
mkdir -p "$MOTCUA_SCREENSHOT_DIR"
dotnet test tests/MotCua.Browser.Tests --filter "Category=Screenshots" "$@"
ls -1 "$MOTCUA_SCREENSHOT_DIR"
