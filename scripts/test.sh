#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (or an existing checkout) and runs every test:
# installs missing packages, builds the `ci` preset with ccache, and runs ctest inside a
# private D-Bus session with a real, unlocked GNOME Keyring and beside a private
# PostgreSQL server (the server tests run on SQLite and on PostgreSQL).
#
# Then the packages are built and installed into a clean Debian 12 root
# (scripts/install-test.sh).
#
#   scripts/test.sh [extra ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-2G}"

cmake --preset ci >/dev/null
cmake --build --preset ci -j "$(nproc)"

scripts/with-keyring.sh scripts/with-postgres.sh ctest --preset ci "$@"

# The packages installed into a clean Debian 12 root (docs/packaging.md). Needs root for
# debootstrap and chroot; BRANCHLINE_INSTALL_TEST=0 skips it on a developer's machine.
if [[ ${BRANCHLINE_INSTALL_TEST:-1} != 0 ]]; then
    if [[ $(id -u) -eq 0 ]]; then
        bash scripts/install-test.sh build/ci
    else
        sudo bash scripts/install-test.sh build/ci
    fi
fi
