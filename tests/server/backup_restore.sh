#!/usr/bin/env bash
# Backups as docs/deploy.md describes them, tested end to end with the real programs:
# PostgreSQL — seed a server database, pg_dump -Fc it, pg_restore into a new database, start
# the server on the copy and check over HTTP that the same admin signs in and sees the same
# customers, and that the copy's audit trail verifies with the same number of entries.
# SQLite — sqlite3's .backup of a live file gives a copy that verifies the same way.
#
#   backup_restore.sh <branchline-server>      (under scripts/with-postgres.sh)
set -euo pipefail

server=$1
: "${BRANCHLINE_TEST_POSTGRES_URL:?run under scripts/with-postgres.sh}"
password='Backup-Restore-2026'
export BRANCHLINE_SERVER_CONF= # no config file from this machine

# with-postgres.sh gives postgresql://postgres@localhost:PORT/postgres?host=SOCKETDIR
port=$(sed -E 's|.*:([0-9]+)/.*|\1|' <<<"$BRANCHLINE_TEST_POSTGRES_URL")
socket=$(sed -E 's|.*\?host=||' <<<"$BRANCHLINE_TEST_POSTGRES_URL")
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
conn() { echo "host=$socket port=$port user=postgres dbname=$1"; }
url() { echo "postgresql://postgres@localhost:$port/$1?host=$socket"; }
sql() { PGOPTIONS="-c client_min_messages=warning" "$bindir/psql" -X -q -t -A -v ON_ERROR_STOP=1 "$(conn "$1")" -c "$2"; }

for tool in curl jq sqlite3; do
    command -v "$tool" >/dev/null || { echo "backup_restore: needs $tool" >&2; exit 1; }
done

work=$(mktemp -d -t branchline-backup.XXXXXX)
# The key folder travels with the backup (docs/deploy.md): the restored database's personal
# data opens only with the keys it was sealed under.
keys="$work/keys"
serve_pid=
cleanup() {
    if [[ -n "$serve_pid" ]]; then kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" || true; fi
    sql postgres "DROP DATABASE IF EXISTS bl_backup_orig WITH (FORCE)" || true
    sql postgres "DROP DATABASE IF EXISTS bl_backup_copy WITH (FORCE)" || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "backup_restore: $*" >&2; exit 1; }

entries() { # the number of audit entries verify-audit checked
    "$server" verify-audit --database "$1" --key-dir "$keys" | sed -nE 's/.*: ([0-9]+) entr.*/\1/p'
}

# --- PostgreSQL: pg_dump -Fc, pg_restore into a new database ---
sql postgres "DROP DATABASE IF EXISTS bl_backup_orig WITH (FORCE)"
sql postgres "DROP DATABASE IF EXISTS bl_backup_copy WITH (FORCE)"
sql postgres "CREATE DATABASE bl_backup_orig"
echo "$password" | "$server" seed-demo --database "$(url bl_backup_orig)" --key-dir "$keys" \
    --customers 230 --activities 50 >/dev/null
"$bindir/pg_dump" -Fc -f "$work/branchline.dump" "$(conn bl_backup_orig)"
sql postgres "CREATE DATABASE bl_backup_copy"
"$bindir/pg_restore" --no-owner --exit-on-error -d "$(conn bl_backup_copy)" "$work/branchline.dump"

orig_entries=$(entries "$(url bl_backup_orig)")
copy_entries=$(entries "$(url bl_backup_copy)")
[[ -n "$orig_entries" && "$orig_entries" -gt 0 ]] || fail "no audit entries in the original"
[[ "$orig_entries" == "$copy_entries" ]] \
    || fail "audit entries: $orig_entries in the original, $copy_entries in the copy"
customers=$(sql bl_backup_orig "SELECT count(*) FROM customers WHERE deleted = 0")
[[ "$customers" -eq 230 ]] || fail "the original has $customers customers, not 230"

"$server" serve --database "$(url bl_backup_copy)" --key-dir "$keys" --listen 127.0.0.1:0 \
    >"$work/serve.log" 2>&1 &
serve_pid=$!
base=
for _ in $(seq 1 100); do
    base=$(sed -nE 's|.*(http://127\.0\.0\.1:[0-9]+).*|\1|p' "$work/serve.log" | head -n 1)
    [[ -n "$base" ]] && break
    kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log" >&2; fail "the server did not start"; }
    sleep 0.1
done
[[ -n "$base" ]] || fail "the server did not say where it listens"
curl -sf "$base/healthz" >/dev/null || fail "/healthz failed on the restored database"

token=$(curl -sf -H 'Content-Type: application/json' \
    -d "{\"login\":\"admin\",\"password\":\"$password\",\"device_id\":\"backup-test\"}" \
    "$base/api/v1/auth/login" | jq -r .access_token)
[[ -n "$token" && "$token" != null ]] || fail "admin cannot sign in on the restored database"
seen=0
query="limit=200"
while :; do
    page=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/customers?$query")
    seen=$((seen + $(jq '.items | length' <<<"$page")))
    next=$(jq -r 'if .next then .next | to_entries | map("\(.key)=\(.value | @uri)") | join("&") else "" end' <<<"$page")
    [[ -z "$next" ]] && break
    query="limit=200&$next"
done
[[ "$seen" -eq "$customers" ]] || fail "the restored server lists $seen customers, not $customers"
kill -TERM "$serve_pid"
wait "$serve_pid" || fail "the server did not stop cleanly"
serve_pid=

# --- SQLite: sqlite3 .backup of the live file ---
echo "$password" | "$server" seed-demo --database "$work/live.db" --key-dir "$keys" \
    --customers 40 --activities 10 >/dev/null
sqlite3 "$work/live.db" ".backup '$work/copy.db'"
[[ "$(entries "$work/live.db")" == "$(entries "$work/copy.db")" ]] \
    || fail "the SQLite copy's audit trail differs"
[[ "$(sqlite3 "$work/copy.db" 'SELECT count(*) FROM customers')" -eq 40 ]] \
    || fail "the SQLite copy lost customers"

echo "backup_restore: $orig_entries audit entries and $seen customers survived pg_dump and pg_restore; the SQLite copy verifies"
