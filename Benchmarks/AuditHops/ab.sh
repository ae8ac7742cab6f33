#!/usr/bin/env bash
# Interleaved A/B of two `obhut` binaries on copies of one workspace: GET /api/health and one customer's
# recommendations (bearer token, audited read) under wrk on loopback, each binary served in turn,
# ROUNDS times, so that the VM's drift hits both alike. Prints req/s and the server's CPU time per
# request (utime + stime from /proc over the run, divided by the requests).
#
# Usage: Benchmarks/AuditHops/ab.sh A_BINARY B_BINARY [CUSTOMERS] [SECONDS] [ROUNDS]
#   env: CONNECTIONS (64), WORK (a directory to keep the workspace in; made once, reused),
#        AUDIT_READS (durable|batched: passed to `obhut serve --audit-reads`; unset: the default)
set -euo pipefail
A=$1 B=$2 N=${3:-100000} SECS=${4:-10} ROUNDS=${5:-2}
CONNECTIONS=${CONNECTIONS:-64}
WORK=${WORK:-/tmp/obhut-ab}
mkdir -p "$WORK"
if [ ! -f "$WORK/ws/obhut.sqlite" ]; then
    "$A" demo --dir "$WORK/ws" --customers "$N" --as-of 2026-11-01 >/dev/null
    echo "bench-marketing-password" | "$A" user add bench --role marketing --password-stdin --dir "$WORK/ws" >/dev/null
    "$A" user token bench --label bench --dir "$WORK/ws" | grep '^obh_' >"$WORK/token"
    sqlite3 "$WORK/ws/obhut.sqlite" \
        "SELECT customer_id FROM derived_result WHERE activity = 'recommendations' ORDER BY customer_id LIMIT 1000" >"$WORK/ids.txt"
fi
TOKEN=$(cat "$WORK/token")
# A copy of the workspace per binary: a newer binary migrates it, and an older one then refuses
# a schema newer than it knows.
rm -rf "$WORK/ws-A" "$WORK/ws-B"
cp -r "$WORK/ws" "$WORK/ws-A"
cp -r "$WORK/ws" "$WORK/ws-B"
. "$(dirname "$0")/../../scripts/lib/recs-lua.sh"
write_recs_lua "$WORK/ids.txt" "$TOKEN" "$WORK/recs.lua"
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; true' EXIT
run() { # label, wrk args...
    local label=$1; shift
    local t0 t1 out n rps cpu
    t0=$(awk '{print $14 + $15}' "/proc/$PID/stat")
    out=$(wrk "$@")
    t1=$(awk '{print $14 + $15}' "/proc/$PID/stat")
    n=$(echo "$out" | awk '/requests in/ {print $1}')
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    cpu=$(awk -v d="$((t1 - t0))" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%d", d * 1000000 / hz / n }')
    printf '%-4s %-16s %10s req/s   server CPU %4s us/req   non-2xx %s\n' "$BIN_LABEL" "$label" "$rps" "$cpu" \
        "$(echo "$out" | awk '/Non-2xx/ {print $NF}')"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $CONNECTIONS connections, 2 wrk threads, $SECS s per run, audit reads ${AUDIT_READS:-default}"
for round in $(seq 1 "$ROUNDS"); do
    for BIN_LABEL in A B; do
        if [ $BIN_LABEL = A ]; then BIN=$A; else BIN=$B; fi
        PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
        "$BIN" serve --dir "$WORK/ws-$BIN_LABEL" --port "$PORT" --alert-people-per-hour 100000000 ${AUDIT_READS:+--audit-reads "$AUDIT_READS"} >"$WORK/server-$BIN_LABEL.log" 2>&1 &
        PID=$!
        for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break; sleep 0.1; done
        wrk -t1 -c4 -d2s "http://127.0.0.1:$PORT/api/health" >/dev/null
        wrk -t1 -c4 -d2s -s "$WORK/recs.lua" "http://127.0.0.1:$PORT" >/dev/null
        run health -t2 -c"$CONNECTIONS" -d"${SECS}s" "http://127.0.0.1:$PORT/api/health"
        run recommendations -t2 -c"$CONNECTIONS" -d"${SECS}s" -s "$WORK/recs.lua" "http://127.0.0.1:$PORT"
        kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
