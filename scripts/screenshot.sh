#!/usr/bin/env bash
# Starts a program under a private Xvfb display, waits for it to draw, saves a screenshot
# of the whole screen, and stops the program again.
#
#   scripts/screenshot.sh <output.png> <program> [args...]
set -euo pipefail
output=$1
shift

display_number=$((90 + RANDOM % 100))
Xvfb ":$display_number" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
export DISPLAY=":$display_number"
for _ in $(seq 50); do
    xdpyinfo >/dev/null 2>&1 && break || sleep 0.1
done

"$(dirname "$0")/with-keyring.sh" "$@" &
program_pid=$!
sleep "${BRANCHLINE_SCREENSHOT_DELAY:-4}"
import -window root "$output"
# Give a program started with --quit-after the chance to close on its own, cleanly.
for _ in $(seq 100); do
    kill -0 "$program_pid" 2>/dev/null || break
    sleep 0.1
done
kill "$program_pid" 2>/dev/null || true
wait "$program_pid" 2>/dev/null || true
echo "screenshot: $output"
