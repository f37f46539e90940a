#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME Keyring and a
# throw-away HOME, so QtKeychain talks to a real Secret Service on a headless machine
# (tests, CI, the screenshot run) without touching the user's own keyring.
#
#   scripts/with-keyring.sh <command> [args...]
set -euo pipefail

if [[ "${BRANCHLINE_KEYRING_SESSION:-}" != "inside" ]]; then
    private_home=$(mktemp -d -t branchline-home.XXXXXX)
    export BRANCHLINE_KEYRING_SESSION=inside
    export BRANCHLINE_PRIVATE_HOME="$private_home"
    mkdir -m 700 "$private_home/run"
    status=0
    HOME="$private_home" XDG_RUNTIME_DIR="$private_home/run" \
        dbus-run-session -- "$0" "$@" || status=$?
    rm -rf "$private_home"
    exit "$status"
fi

# The keyring password only protects this throw-away keyring; it is fed on stdin, as
# gnome-keyring-daemon expects, and never reaches a file or the process list.
printf '%s' "branchline-test-keyring" \
    | gnome-keyring-daemon --unlock --components=secrets >/dev/null
exec "$@"
