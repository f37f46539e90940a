#!/usr/bin/env bash
# The packages installed for real: builds the client and server DEBs with CPack, installs
# them into a clean Debian 12 root made by debootstrap (cached between runs), checks
# `--version`, starts the server the way its systemd unit does (its user, its config, the
# embedded SQLite under /var/lib/branchline), signs the client in against it offscreen
# (`branchline --smoke-test`, keychain and all), then removes the packages and checks that
# nothing is left but the configuration and the data, and that a purge takes those too.
#
#   scripts/install-test.sh [build-folder]        (default build/ci; run as root)
#
# Cache: ${BRANCHLINE_CACHE:-~/.cache/branchline}: the debootstrap root as a tarball and the
# downloaded .debs, so a second run needs the network only for apt's indexes.
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=$PWD
build=$(realpath "${1:-build/ci}")
cache=${BRANCHLINE_CACHE:-$HOME/.cache/branchline}
mirror=${BRANCHLINE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${BRANCHLINE_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}

if [[ $(id -u) -ne 0 ]]; then
    echo "install-test: needs root (debootstrap, chroot, mounts)" >&2
    exit 1
fi
say() { printf '\ninstall-test: %s\n' "$*"; }
fail() { printf '\ninstall-test: FAILED: %s\n' "$*" >&2; exit 1; }

# 1. The packages.
say "building the packages in $build"
rm -rf "$build/packages"
(cd "$build" && cpack -G DEB >/dev/null)
client_deb=$(ls "$build"/packages/branchline_*.deb)
server_deb=$(ls "$build"/packages/branchline-server_*.deb)
for deb in "$client_deb" "$server_deb"; do
    echo "  $(basename "$deb"): $(dpkg-deb -f "$deb" Depends)"
done

# 2. A clean Debian 12 root, from the cache when there is one.
mkdir -p "$cache/apt-archives/partial"
base="$cache/bookworm-minbase.tar.gz"
if [[ ! -s $base ]]; then
    say "debootstrap bookworm (once; cached in $base)"
    fresh=$(mktemp -d /tmp/bl-debootstrap.XXXXXX)
    debootstrap --variant=minbase --include=ca-certificates --cache-dir="$cache/apt-archives" \
        bookworm "$fresh" "$mirror" >/dev/null
    tar -C "$fresh" -czf "$base.part" .
    mv "$base.part" "$base"
    rm -rf "$fresh"
fi
root=$(mktemp -d /tmp/bl-install-root.XXXXXX)
# Every process running inside the root (the server, a keyring daemon a test left): found by
# the root folder the kernel reports for it, since chroot shares the host's process ids.
stop_processes_in_root() {
    local proc pids=()
    for proc in /proc/[0-9]*; do
        [[ $(readlink "$proc/root" 2>/dev/null) == "$root" ]] && pids+=("${proc#/proc/}")
    done
    ((${#pids[@]} == 0)) && return 0
    kill "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 50); do
        kill -0 "${pids[@]}" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -9 "${pids[@]}" 2>/dev/null || true
}
cleanup() {
    stop_processes_in_root
    for mount in var/cache/apt/archives dev/pts dev proc sys; do
        mountpoint -q "$root/$mount" && umount -l "$root/$mount"
    done
    rm -rf "$root"
}
trap cleanup EXIT
tar -C "$root" -xzf "$base"
chmod 0755 "$root" # it becomes /: the service user must be able to walk it
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF
# No services start inside the root: the test starts the server itself.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
export DEBIAN_FRONTEND=noninteractive
mkdir -p "$root/tmp/packages"
cp "$client_deb" "$server_deb" "$root/tmp/packages/"

# 3. Install with the dependencies, and what the check itself needs (a keyring for the
#    client's store key, curl for the server's health).
say "installing the packages and their dependencies"
# The package cache is a bind mount owned by root: apt's sandbox user could not write it.
apt_options=(-o APT::Sandbox::User=root)
in_root apt-get "${apt_options[@]}" update -qq
in_root apt-get "${apt_options[@]}" install -y -qq --no-install-recommends \
    /tmp/packages/"$(basename "$client_deb")" /tmp/packages/"$(basename "$server_deb")" \
    dbus gnome-keyring curl >/dev/null
# What the system looks like with the dependencies but without our packages: the reference
# for "nothing left behind".
snapshot() {
    in_root find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /tmp -o -path /run \
        -o -path /var/cache -o -path /var/log -o -path /var/lib/dpkg -o -path /var/lib/apt \
        -o -path /root \) -prune -o -print | sort
}
in_root dpkg --purge branchline branchline-server >/dev/null
snapshot >"$root/tmp/before.list"
in_root dpkg -i /tmp/packages/"$(basename "$client_deb")" \
    /tmp/packages/"$(basename "$server_deb")" >/dev/null

# 4. What was installed works.
say "checking versions"
version=$(in_root branchline --version) || fail "branchline --version"
echo "  $version"
server_version=$(in_root branchline-server --version) || fail "branchline-server --version"
echo "  $server_version"
project_version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[[ $version == "branchline $project_version" ]] \
    || fail "the client says \"$version\", the build is $project_version"
[[ $server_version == *"$project_version"* ]] \
    || fail "the server says \"$server_version\", the build is $project_version"
in_root test -f /usr/share/applications/cn.branchline.Branchline.desktop || fail "desktop file"
in_root test -f /usr/share/metainfo/cn.branchline.Branchline.metainfo.xml || fail "metainfo"
in_root test -f /usr/share/icons/hicolor/scalable/apps/branchline.svg || fail "icon"
in_root id branchline >/dev/null || fail "the server's system user"

say "starting the server as its systemd unit would"
unit=$(in_root sh -c 'ls /lib/systemd/system/branchline-server.service \
    /usr/lib/systemd/system/branchline-server.service 2>/dev/null | head -n1')
[[ -n $unit ]] || fail "no systemd unit installed"
exec_start=$(in_root sed -n 's/^ExecStart=//p' "$unit")
unit_user=$(in_root sed -n 's/^User=//p' "$unit")
[[ -n $exec_start && -n $unit_user ]] || fail "the unit names no ExecStart or User"
echo "  $unit: User=$unit_user ExecStart=$exec_start"
port=$(shuf -i 20000-60999 -n 1)
# The demo data in the packaged SQLite file, through the packaged configuration, then the
# unit's own command on a test port (the command line wins over the file).
program=${exec_start%% *}
config_args=$(sed -n 's/.*\(--config [^ ]*\).*/\1/p' <<<"$exec_start")
as_service() {
    chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        runuser -u "$unit_user" -- "$@"
}
echo "Demo-Password-2026" | as_service $program seed-demo $config_args --customers 40 \
    >"$root/tmp/seed.log" 2>&1 || { cat "$root/tmp/seed.log" >&2; fail "seed-demo as $unit_user"; }
as_service $exec_start --listen "127.0.0.1:$port" >"$root/tmp/server.log" 2>&1 &
for _ in $(seq 1 100); do
    in_root curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
in_root curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || {
    cat "$root/tmp/server.log" >&2
    fail "the server did not answer /healthz"
}
in_root test -s /var/lib/branchline/branchline.db || fail "no SQLite file under /var/lib/branchline"

say "signing the client in offscreen (--smoke-test)"
cp "$source_dir/scripts/with-keyring.sh" "$root/tmp/with-keyring.sh"
smoke=$(echo "Demo-Password-2026" | chroot "$root" env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
    HOME=/tmp/rep-home QT_QPA_PLATFORM=offscreen bash /tmp/with-keyring.sh \
    branchline --server "http://127.0.0.1:$port" --user zj.rep1 --password-stdin \
    --smoke-test --quit-after 60000) || fail "the client's smoke test: $smoke"
echo "  $smoke"
[[ $smoke == *"customer"* ]] || fail "the smoke test printed no customers"

stop_processes_in_root
wait 2>/dev/null || true

# 5. Remove: only configuration and data stay. Purge: nothing stays.
say "removing the packages"
in_root dpkg -r branchline branchline-server >/dev/null
snapshot >"$root/tmp/removed.list"
left=$(comm -13 "$root/tmp/before.list" "$root/tmp/removed.list" \
    | grep -v -E '^/etc/branchline(/|$)|^/var/lib/branchline(/|$)' || true)
[[ -z $left ]] || fail "left behind after remove: $left"
gone=$(comm -23 "$root/tmp/before.list" "$root/tmp/removed.list")
[[ -z $gone ]] || fail "removing our packages took away: $gone"
in_root test -f /etc/branchline/server.conf || fail "remove took the server's configuration"
in_root test -s /var/lib/branchline/branchline.db || fail "remove took the server's data"

say "purging the packages"
in_root dpkg --purge branchline branchline-server >/dev/null
snapshot >"$root/tmp/purged.list"
left=$(comm -13 "$root/tmp/before.list" "$root/tmp/purged.list")
[[ -z $left ]] || fail "left behind after purge: $left"
in_root id branchline >/dev/null 2>&1 && fail "purge left the branchline user"

say "passed"
