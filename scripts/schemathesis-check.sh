#!/usr/bin/env bash
# Checks that the running server behaves as /openapi.json says, with schemathesis (PyPI):
# builds obhut, makes a demo workspace, adds an admin and a bearer token, starts `obhut serve`
# on a free port, runs schemathesis against every operation with the token (bounded examples),
# stops the server and exits non-zero when schemathesis finds a failure.
#
# Erasure and token revocation are left out: they would erase demo people and revoke the
# token the run itself uses (both are covered by the Swift tests).
#
# Usage: scripts/schemathesis-check.sh [MAX_EXAMPLES]   (env: SCRATCH, VENV, CUSTOMERS, SKIP_BUILD)
set -euo pipefail
cd "$(dirname "$0")/.."
MAX=${1:-30}
SCRATCH=${SCRATCH:-.build}
VENV=${VENV:-/tmp/schemathesis-venv}
CUSTOMERS=${CUSTOMERS:-300}

if [ ! -x "$VENV/bin/schemathesis" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q schemathesis
fi
[ -n "${SKIP_BUILD:-}" ] || swift build --scratch-path "$SCRATCH" --product obhut >/dev/null
OBHUT="$SCRATCH/debug/obhut"
[ -x "$OBHUT" ] || OBHUT="$SCRATCH/release/obhut"

WORK=$(mktemp -d /tmp/obhut-schemathesis.XXXX)
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

"$OBHUT" demo --dir "$WORK/ws" --customers "$CUSTOMERS" --as-of 2026-11-01 >/dev/null
echo "schemathesis-admin-password" | "$OBHUT" user add st-admin --role admin --password-stdin --dir "$WORK/ws" >/dev/null
TOKEN=$("$OBHUT" user token st-admin --label schemathesis --dir "$WORK/ws" | grep '^obh_')

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$OBHUT" serve --dir "$WORK/ws" --port "$PORT" --alert-people-per-hour 1000000 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
    sleep 0.1
done

set +e
"$VENV/bin/schemathesis" run "http://127.0.0.1:$PORT/openapi.json" \
    --header "Authorization: Bearer $TOKEN" \
    --max-examples "$MAX" \
    --exclude-path '/api/customers/{id}/erase' \
    --exclude-path '/api/tokens/{id}' \
    --seed 7 \
    --no-color
STATUS=$?
set -e
grep -c . "$WORK/server.log" >/dev/null || true
exit $STATUS
