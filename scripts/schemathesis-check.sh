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
OBHUT="$(cd "$(dirname "$OBHUT")" && pwd)/$(basename "$OBHUT")"

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

# Run 1: every operation, every check. Run 2: the operations whose values the importer and
# rectification validate beyond what a schema can say (e-mail syntax, plausible dates, required
# columns of a file): every check except "schema-valid data must be accepted".
COMMON=(--header "Authorization: Bearer $TOKEN" --max-examples "$MAX" --seed 7 --no-color --request-timeout 120
    --exclude-path '/api/customers/{id}/erase' --exclude-path '/api/tokens/{id}')
set +e
cd "$WORK"  # schemathesis keeps its example database in the working directory
"$VENV/bin/schemathesis" run "http://127.0.0.1:$PORT/openapi.json" "${COMMON[@]}" \
    --exclude-operation-id postCustomers --exclude-operation-id postImportsByEntity --exclude-operation-id patchCustomersById
STATUS1=$?
"$VENV/bin/schemathesis" run "http://127.0.0.1:$PORT/openapi.json" "${COMMON[@]}" \
    --include-operation-id postCustomers --include-operation-id postImportsByEntity --include-operation-id patchCustomersById \
    --exclude-checks positive_data_acceptance
STATUS2=$?
set -e
echo "schemathesis: run 1 exit $STATUS1, run 2 exit $STATUS2"
STATUS=$(( STATUS1 != 0 || STATUS2 != 0 ))
exit $STATUS
