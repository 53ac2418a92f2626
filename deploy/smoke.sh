#!/usr/bin/env bash
# The production start-up path against a real external PostgreSQL (with pgvector) and Redis, as
# the container platforms run it: roles from deploy/postgres-init.sql, `flowsupport-env
# --prepare-roles flowsupport migrate` as the owner, two `serve` nodes and a `worker` as the
# application role with FLOWSUPPORT_ENV=production, the admin CLI, then SIGTERM.
#
#     SMOKE_ADMIN_URL=postgresql://postgres:pw@127.0.0.1:5432/flowsupport \
#     SMOKE_REDIS_URL=redis://127.0.0.1:6379/0 deploy/smoke.sh
#
# SMOKE_ADMIN_URL: a superuser, connected to the (empty) database FlowSupport will use.
# SMOKE_REDIS_URL: optional; without it the nodes run on the in-process broker.
# FLOWSUPPORT_BIN: the `flowsupport` to run (default: .venv/bin/flowsupport, else on PATH).
# SMOKE_AFTER_MIGRATE_SQL: optional file of SQL run as the superuser after migrating.
# The GitHub workflow (.github/workflows/ci.yml) runs it against its service containers.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${SMOKE_ADMIN_URL:?set SMOKE_ADMIN_URL to a superuser URL of the empty target database}"
bin=${FLOWSUPPORT_BIN:-}
if [ -z "$bin" ]; then
    if [ -x .venv/bin/flowsupport ]; then bin=$PWD/.venv/bin/flowsupport; else bin=flowsupport; fi
fi
python=$(dirname "$(command -v "$bin")")/python
[ -x "$python" ] || python=python3
helper=("$python" "$PWD/deploy/container_env.py")

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

say() { printf 'smoke: %s\n' "$*"; }
token() { "$python" -c 'import secrets; print(secrets.token_urlsafe(24) + "%:@/")'; }
free_port() { "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

owner_pw=$(token)
app_pw=$(token)
say "roles and extensions (deploy/postgres-init.sql)"
psql "$SMOKE_ADMIN_URL" --no-psqlrc -q -v ON_ERROR_STOP=1 \
    -v owner_password="$owner_pw" -v app_password="$app_pw" -f deploy/postgres-init.sql

# The pieces the platforms inject, and flowsupport-env assembling the URLs from them.
db_host=$("$python" -c 'import sys, urllib.parse as u; print(u.urlsplit(sys.argv[1]).hostname or "127.0.0.1")' "$SMOKE_ADMIN_URL")
db_port=$("$python" -c 'import sys, urllib.parse as u; print(u.urlsplit(sys.argv[1]).port or 5432)' "$SMOKE_ADMIN_URL")
db_name=$("$python" -c 'import sys, urllib.parse as u; print(u.urlsplit(sys.argv[1]).path.lstrip("/"))' "$SMOKE_ADMIN_URL")
rotated_app_pw=$(token)
export FLOWSUPPORT_ENV=production
export FLOWSUPPORT_DATA_DIR="$work/data"
export FLOWSUPPORT_INPROCESS_JOBS=off
export FLOWSUPPORT_SECRET_KEY_FILE="$work/secret_key"
token >"$FLOWSUPPORT_SECRET_KEY_FILE"
export DATABASE_HOST=$db_host DATABASE_PORT=$db_port DATABASE_NAME=$db_name DATABASE_SSLMODE=disable
export DATABASE_OWNER_PASSWORD=$owner_pw
export DATABASE_APP_PASSWORD=$rotated_app_pw # a "rotated" secret: migrate must carry it over
if [ -n "${SMOKE_REDIS_URL:-}" ]; then export FLOWSUPPORT_REDIS_URL=$SMOKE_REDIS_URL; fi

say "migrate as the owner (twice: the second run has nothing to do)"
"${helper[@]}" --prepare-roles "$bin" migrate --json | tee "$work/migrate1.json"
"${helper[@]}" --prepare-roles "$bin" migrate --json | tee "$work/migrate2.json"
"$python" - "$work/migrate1.json" "$work/migrate2.json" <<'EOF'
import json, sys
first, second = (json.load(open(p)) for p in sys.argv[1:])
assert first["applied"], first
assert second == {"applied": []}, second
EOF

if [ -n "${SMOKE_AFTER_MIGRATE_SQL:-}" ]; then
    say "extra SQL as the superuser: $SMOKE_AFTER_MIGRATE_SQL"
    psql "$SMOKE_ADMIN_URL" --no-psqlrc -q -v ON_ERROR_STOP=1 -f "$SMOKE_AFTER_MIGRATE_SQL"
fi

# Without the owner's password from here on: the application runs as its own role only.
unset DATABASE_OWNER_PASSWORD
port_a=$(free_port)
port_b=$(free_port)
export FLOWSUPPORT_PUBLIC_URL="http://127.0.0.1:$port_a"
say "two serve nodes ($port_a, $port_b) and a worker, FLOWSUPPORT_ENV=production"
"${helper[@]}" "$bin" serve --host 127.0.0.1 --port "$port_a" >"$work/a.log" 2>&1 &
pids+=($!)
"${helper[@]}" "$bin" serve --host 127.0.0.1 --port "$port_b" >"$work/b.log" 2>&1 &
pids+=($!)
"${helper[@]}" "$bin" worker >"$work/worker.log" 2>&1 &
pids+=($!)

ready() {
    "$python" - "$1" <<'EOF'
import json, sys, time, urllib.request
deadline = time.monotonic() + 60
while True:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/readyz", timeout=3) as r:
            print(sys.argv[1], r.status, json.load(r))
            break
    except OSError as exc:
        if time.monotonic() > deadline:
            sys.exit(f"port {sys.argv[1]} not ready: {exc}")
        time.sleep(0.5)
EOF
}
if ! ready "$port_a" || ! ready "$port_b"; then
    tail -n 20 "$work/a.log" "$work/b.log" "$work/worker.log"
    exit 1
fi

say "admin CLI as the application role: a tenant and its admin, then a login over HTTP"
"${helper[@]}" "$bin" tenant create --name "Smoke Co" --origin https://smoke.example --json
"${helper[@]}" "$bin" user create --tenant "Smoke Co" --email admin@smoke.example \
    --password 'smoke test password 1' --role admin --json
"$python" - "$port_b" <<'EOF'
import json, sys, urllib.request
body = json.dumps({"email": "admin@smoke.example", "password": "smoke test password 1"}).encode()
req = urllib.request.Request(
    f"http://127.0.0.1:{sys.argv[1]}/v1/auth/login", body, {"content-type": "application/json"}
)
with urllib.request.urlopen(req, timeout=10) as r:
    assert json.load(r)["access_token"]
print("login ok")
EOF

say "the owner's URL as the application role is refused (the posture check)"
if FLOWSUPPORT_DATABASE_URL="postgresql://flowsupport_owner:$("$python" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$owner_pw")@$db_host:$db_port/$db_name" \
    "${helper[@]}" "$bin" tenant create --name Refused --json >"$work/refused.json" 2>&1; then
    echo "smoke: the owner role was accepted as the application role" >&2
    exit 1
fi
cat "$work/refused.json"
grep -q "owner of table" "$work/refused.json"

say "SIGTERM: every process stops cleanly"
status=0
for pid in "${pids[@]}"; do kill -TERM "$pid"; done
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
pids=()
if [ "$status" -ne 0 ]; then
    tail -n 20 "$work/a.log" "$work/b.log" "$work/worker.log"
    exit "$status"
fi
say "ok"
