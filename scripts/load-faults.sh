#!/usr/bin/env bash
# Load with faults (issue 9.4): under a wrk load on loopback, an online backup runs and the server
# is restarted. Passes when no request fails outside the restart window and every acknowledged
# write is in the database afterwards.
# Usage: scripts/load-faults.sh [CUSTOMERS] [SECONDS]     (BIN=path and SKIP_BUILD=1 to reuse a binary)
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${1:-20000}
SECONDS_TOTAL=${2:-40}
SCRATCH=${SCRATCH:-.build-release}
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product obhut >/dev/null
BIN=${BIN:-$SCRATCH/release/obhut}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
WORK=$(mktemp -d /tmp/obhut-load-faults.XXXX)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
WS="$WORK/ws"
"$BIN" demo --dir "$WS" --customers "$CUSTOMERS" --seed 11 --lang en >/dev/null
echo "load-faults-pw-1" | "$BIN" user add loadtest --role admin --password-stdin --dir "$WS" >/dev/null
TOKEN=$("$BIN" user token loadtest --label load --dir "$WS" --lang en | grep '^obh_')
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
start_server() {
    "$BIN" serve --dir "$WS" --port "$PORT" --lang en >>"$WORK/serve.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 200); do curl -sf "$BASE/api/health" >/dev/null && return 0; sleep 0.05; done
    echo "server did not start"; cat "$WORK/serve.log"; exit 1
}
start_server
cat > "$WORK/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
echo "load: wrk (2 threads, 16 connections) on one customer's detail for ${SECONDS_TOTAL}s, plus the probe"
wrk -t2 -c16 -d"${SECONDS_TOTAL}s" -s "$WORK/auth.lua" "$BASE/api/customers/C0000100" >"$WORK/wrk.txt" 2>&1 &
WRK_PID=$!
python3 scripts/load_probe.py "$BASE" "$TOKEN" "$SECONDS_TOTAL" "$WORK/probe.json" &
PROBE_PID=$!
sleep $((SECONDS_TOTAL / 4))
T_BACKUP=$(date +%s.%N)
"$BIN" backup "$WORK/online.backup" --dir "$WS" --lang en >/dev/null
"$BIN" backup verify "$WORK/online.backup" --dir "$WS" --lang en >/dev/null
T_BACKUP_END=$(date +%s.%N)
echo "online backup under load: $(python3 -c "print(round($T_BACKUP_END-$T_BACKUP,2))") s, verified"
sleep $((SECONDS_TOTAL / 4))
T_DOWN=$(date +%s.%N)
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true
start_server
T_UP=$(date +%s.%N)
echo "restart window: $(python3 -c "print(round($T_UP-$T_DOWN,3))") s"
wait "$PROBE_PID"; wait "$WRK_PID" || true
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=
sed -n '1,12p' "$WORK/wrk.txt"
python3 - "$WORK/probe.json" "$T_DOWN" "$T_UP" "$WS" "$BIN" <<'PY'
import json, subprocess, sys
probe = json.load(open(sys.argv[1])); down, up = float(sys.argv[2]), float(sys.argv[3])
ws, binary = sys.argv[4], sys.argv[5]
events = probe["events"]
outside = [e for e in events if not e[2] and not (down - 0.05 <= e[0] <= up + 0.05)]
inside = [e for e in events if not e[2] and (down - 0.05 <= e[0] <= up + 0.05)]
print(f"probe: {len(events)} requests, {sum(1 for e in events if e[2])} ok, {len(inside)} failed inside the restart window, {len(outside)} outside")
for e in outside[:10]: print("  failed outside the window:", e)
# Every acknowledged write is there (or a later, unacknowledged one that may have committed).
lost = []
unacked = probe["acked"].get("_unacked", {})
for cid, city in probe["acked"].items():
    if cid.startswith("_"): continue
    out = subprocess.run([binary, "subject", "export", cid, "--dir", ws, "--lang", "en"], capture_output=True, text=True)
    data = json.loads(out.stdout)
    found = data["customer"]["personal"].get("city")
    if found != city and found not in unacked.get(cid, []): lost.append((cid, city, found))
print(f"writes: {sum(1 for e in events if e[1]=='write' and e[2])} acknowledged, last value of {len([c for c in probe['acked'] if not c.startswith('_')])} customers checked, {len(lost)} lost")
for l in lost[:10]: print("  lost:", l)
sys.exit(1 if outside or lost else 0)
PY
"$BIN" audit verify --dir "$WS" --lang en | tail -1
