#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (or an existing checkout), builds Branchline, starts the
# server on its embedded SQLite file with a demo organisation (seeded on the first run), and
# starts the client signed in as the demo sales rep zj.rep1 (first start: sign-in and first
# sync happen by themselves). Without a display the client runs under Xvfb, a screenshot
# goes to build/screenshots/, and everything stops again.
#
#   scripts/run.sh [--lang zh_CN|en]
#
# Demo sign-ins (password Demo-Password-2026): admin, risk, zj.manager, zj.rep1, ...
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)" --target branchline branchline-server

server=build/dev/server/branchline-server
client=build/dev/app/branchline
data=build/run-data/branchline.db
port=${BRANCHLINE_PORT:-8080}
if [[ ! -f "$data" ]]; then
    echo "Demo-Password-2026" | "$server" seed-demo --database "$data" --customers 3000
fi
"$server" --database "$data" --listen "127.0.0.1:$port" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null && { exec 3>&-; break; }
    sleep 0.1
done
echo "run: server on http://127.0.0.1:$port (try /healthz, /api/v1/openapi.json)"

sign_in=(--server "http://127.0.0.1:$port" --user "${BRANCHLINE_DEMO_USER:-zj.rep1}")
export BRANCHLINE_PASSWORD=Demo-Password-2026 # read once by the client, then removed
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
    scripts/with-keyring.sh "$client" "${sign_in[@]}" "$@"
    exit
fi

shots=build/screenshots
mkdir -p "$shots"
# The keyring's throw-away home means a first start: sign-in and first sync come first.
delay=${BRANCHLINE_SCREENSHOT_DELAY:-15}
export BRANCHLINE_SCREENSHOT_DELAY=$delay
scripts/screenshot.sh "$shots/main-window.png" "$client" "${sign_in[@]}" \
    --quit-after $(((delay + 2) * 1000)) "$@"
