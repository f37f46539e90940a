#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (or an existing checkout) and runs every test:
# installs missing packages, builds the `ci` preset with ccache, and runs ctest inside a
# private D-Bus session with a real, unlocked GNOME Keyring and beside a private
# PostgreSQL server (the server tests run on SQLite and on PostgreSQL).
#
#   scripts/test.sh [extra ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-2G}"

cmake --preset ci >/dev/null
cmake --build --preset ci -j "$(nproc)"

scripts/with-keyring.sh scripts/with-postgres.sh ctest --preset ci "$@"
