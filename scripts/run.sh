#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (or an existing checkout), builds Branchline and starts
# the client. Without a display it runs under Xvfb, takes a screenshot to
# build/screenshots/, and exits.
#
#   scripts/run.sh [--lang zh_CN|en]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)" --target branchline

client=build/dev/app/branchline
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
    exec scripts/with-keyring.sh "$client" "$@"
fi

shots=build/screenshots
mkdir -p "$shots"
delay=${BRANCHLINE_SCREENSHOT_DELAY:-4}
exec scripts/screenshot.sh "$shots/main-window.png" "$client" --quit-after $(((delay + 2) * 1000)) "$@"
