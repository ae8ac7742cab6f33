#!/usr/bin/env bash
# Load test of `obhut serve` on loopback with wrk: one customer's recommendations (JSON, bearer
# token, audited read) against the trivial GET /api/health of the same binary, in the same run.
# Reports requests/s and p99 for each at saturation, their ratio, and p99 at about 1,000
# requests/s. Debian's wrk 4.1 has no -R (that is wrk2): the fixed rate is paced with a Lua
# delay() per connection (10 connections x ~10 ms think time), a closed loop, which says so.
#
# Each row also gives the server's CPU time per request (utime + stime of the server process
# from /proc over the run, divided by the requests): less disturbed by other load than req/s.
#
# Runs on a shared machine drift by 10 % and more from one minute to the next (seen on 2 cores:
# health alone from 33,000 to 42,000 req/s within ten minutes), so ROUNDS > 1 repeats the three
# saturation runs in turn, health first each time, and prints each round's ratios and their median.
#
# Usage: scripts/bench-server.sh [CUSTOMERS] [SECONDS]
#   env: SCRATCH, SKIP_BUILD, CONNECTIONS, ROUNDS (default 1), AUDIT_READS (durable|batched: passed to
#   `obhut serve --audit-reads`; unset: the binary's default, for binaries without the option)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
SECONDS_PER_RUN=${2:-15}
CONNECTIONS=${CONNECTIONS:-16}
ROUNDS=${ROUNDS:-1}
SCRATCH=${SCRATCH:-.build-release}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product obhut >/dev/null
OBHUT="$SCRATCH/release/obhut"

WORK=$(mktemp -d /tmp/obhut-bench-server.XXXX)
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

start=$(date +%s)
"$OBHUT" demo --dir "$WORK/ws" --customers "$N" --as-of 2026-11-01 >/dev/null
echo "demo workspace with $N customers: $(( $(date +%s) - start )) s"
echo "bench-marketing-password" | "$OBHUT" user add bench --role marketing --password-stdin --dir "$WORK/ws" >/dev/null
TOKEN=$("$OBHUT" user token bench --label bench --dir "$WORK/ws" | grep '^obh_')

# 1,000 people with a stored list, requested in turn.
sqlite3 "$WORK/ws/obhut.sqlite" \
    "SELECT customer_id FROM derived_result WHERE activity = 'recommendations' ORDER BY customer_id LIMIT 1000" >"$WORK/ids.txt"
echo "people with a list used: $(wc -l <"$WORK/ids.txt")"
. scripts/lib/recs-lua.sh
write_recs_lua "$WORK/ids.txt" "$TOKEN" "$WORK/recs.lua"
sed -e 's|"/api/customers/" .. ids\[(i % #ids) + 1\] .. "/recommendations"|"/customers/" .. ids[(i % #ids) + 1]|' \
    -e 's|application/json|text/html|' "$WORK/recs.lua" >"$WORK/detail.lua"
cat >"$WORK/paced.lua" <<LUA
-- think time per connection so that 10 connections make about 1,000 requests/s
delay = function() return 9 end
LUA
cat "$WORK/recs.lua" "$WORK/paced.lua" >"$WORK/recs-paced.lua"
cat "$WORK/detail.lua" "$WORK/paced.lua" >"$WORK/detail-paced.lua"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$OBHUT" serve --dir "$WORK/ws" --port "$PORT" --alert-people-per-hour 100000000 ${AUDIT_READS:+--audit-reads "$AUDIT_READS"} \
    >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/customers/$(head -1 "$WORK/ids.txt")/recommendations" | head -c 300
echo

URL="http://127.0.0.1:$PORT"
run() { # key, name, wrk args...
    local key=$1 name=$2; shift 2
    local out t0 t1
    t0=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
    out=$(wrk --latency "$@")
    t1=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
    local rps p99
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    local non2xx
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    local n cpu
    n=$(echo "$out" | awk '/requests in/ {print $1}')
    cpu=$(awk -v d="$((t1 - t0))" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%d", d * 1000000 / hz / n }')
    printf '%-34s %12s req/s   p99 %8s   server CPU %5s us/req   non-2xx %s\n' "$name" "$rps" "$p99" "$cpu" "${non2xx:-0}"
    echo "$rps" >"$WORK/$key.rps"
}
wrk -t1 -c4 -d3s "$URL/api/health" >/dev/null
wrk -t1 -c4 -d3s -s "$WORK/recs.lua" "$URL" >/dev/null
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "saturation: 2 threads, $CONNECTIONS connections, ${SECONDS_PER_RUN} s each, $ROUNDS round(s)"
for round in $(seq 1 "$ROUNDS"); do
    [ "$ROUNDS" -eq 1 ] || echo "round $round"
    run health "GET /api/health" -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "$URL/api/health"
    run recs "GET recommendations" -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$WORK/recs.lua" "$URL"
    run detail "GET /customers/{id} (page)" -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$WORK/detail.lua" "$URL"
    awk -v h="$(cat "$WORK/health.rps")" -v r="$(cat "$WORK/recs.rps")" -v d="$(cat "$WORK/detail.rps")" \
        'BEGIN { if (h > 0) printf "%.3f %.3f\n", r / h, d / h }' >>"$WORK/ratios"
    [ "$ROUNDS" -eq 1 ] || awk '{ printf "  ratios this round: recommendations %.2f, page %.2f\n", $1, $2 }' <(tail -1 "$WORK/ratios")
done
echo "paced: 1 thread, 10 connections, 9 ms think time each (about 1,000 requests/s)"
run health-paced "GET /api/health (paced)" -t1 -c10 -d"${SECONDS_PER_RUN}s" -s "$WORK/paced.lua" "$URL/api/health"
run recs-paced "GET recommendations (paced)" -t1 -c10 -d"${SECONDS_PER_RUN}s" -s "$WORK/recs-paced.lua" "$URL"
run detail-paced "GET /customers/{id} (paced)" -t1 -c10 -d"${SECONDS_PER_RUN}s" -s "$WORK/detail-paced.lua" "$URL"
# The median over the rounds (one round: that round's ratio).
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf 'ratio recommendations / health (saturation): %.2f\n' "$(cut -d' ' -f1 "$WORK/ratios" | median)"
printf 'ratio customer page / health (saturation): %.2f\n' "$(cut -d' ' -f2 "$WORK/ratios" | median)"
