#!/usr/bin/env bash
# Installs the Debian 12 packages Branchline needs to build, run and test.
# Safe to run again: it asks apt only for what is missing, and runs
# `apt-get update` only when something has to be installed.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build ccache pkg-config git
    # Qt 6.4 and the modules the client uses
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-websockets-dev libqt6sql6-sqlite
    qt6-translations-l10n
    # dashboards: the data behind a widget exported to XLSX
    libxlsxwriter-dev
    # local store and key storage
    libsqlcipher-dev sqlcipher sqlite3 qtkeychain-qt6-dev
    # storage benchmark baseline (bench/): plain SQLite headers
    libsqlite3-dev
    # the server: HTTP/WebSocket, TLS, password hashing, PostgreSQL (driver and a server
    # that the tests start on their own)
    libboost-dev libssl-dev libsodium-dev libqt6sql6-psql postgresql
    # headless runs: X server, screenshots, fonts for Chinese, a real keyring for tests
    xvfb xauth x11-utils imagemagick fonts-noto-cjk dbus dbus-bin gnome-keyring libsecret-tools
    # packaging (issue 8): CPack's DEB and RPM, their checks, and the install test's clean root
    dpkg-dev rpm desktop-file-utils appstream groff-base debootstrap openssl curl jq
    # scripts/fuzz.sh needs them (clang and its libFuzzer runtime); the ci build and .ci/run
    # use gcc and do not
    clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if ((${#missing[@]} == 0)); then
    exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
    sudo=sudo
else
    sudo=
fi
echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
