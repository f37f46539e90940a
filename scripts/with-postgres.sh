#!/usr/bin/env bash
# Runs a command with a private PostgreSQL 15 server: a throw-away cluster in a temporary
# folder, listening only on a Unix socket there, removed afterwards. The command finds it
# through BRANCHLINE_TEST_POSTGRES_URL (a superuser connection to the "postgres" database).
#
#   scripts/with-postgres.sh <command> [args...]
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z "$bindir" ]]; then
    echo "with-postgres: PostgreSQL is not installed (run scripts/setup.sh)" >&2
    exit 1
fi

cluster=$(mktemp -d -t branchline-pg.XXXXXX)
chmod 755 "$cluster"
run_as_postgres=()
if [[ $(id -u) -eq 0 ]]; then
    # initdb refuses to run as root: the cluster belongs to the postgres system user.
    chown postgres: "$cluster"
    run_as_postgres=(runuser -u postgres --)
fi
cleanup() {
    "${run_as_postgres[@]}" "$bindir/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$cluster"
}
trap cleanup EXIT

"${run_as_postgres[@]}" "$bindir/initdb" -D "$cluster/data" -U postgres -A trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 \
    || { cat "$cluster/initdb.log" >&2; exit 1; }
port=$((20000 + RANDOM % 20000))
"${run_as_postgres[@]}" "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
    -o "-k $cluster -p $port -c listen_addresses='' -c fsync=off -c max_connections=300" \
    start >/dev/null || { cat "$cluster/server.log" >&2; exit 1; }

export BRANCHLINE_TEST_POSTGRES_URL="postgresql://postgres@localhost:$port/postgres?host=$cluster"
"$@"
