#!/usr/bin/env bash
# Benchmark: import of N order lines (default 1,000,000) from CSV in a release build: rows/s and
# peak memory, interleaved RUNS times (default 3) with the sqlite3 command-line tool's .import of
# the same file into a plain table, medians reported. Also a tenth of the file, to show that
# memory does not grow with the file.
# Usage: scripts/bench-import.sh [LINES] [RUNS]
# BASELINE=/path/to/older/obhut adds that binary's import to every run (its own workspace, built
# by itself, so a schema migration is not measured), for before/after figures in one session.
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${1:-1000000}
RUNS=${2:-3}
SCRATCH=${SCRATCH:-.build-release}
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product obhut >/dev/null
BIN="$SCRATCH/release/obhut"
WORK=$(mktemp -d /tmp/obhut-bench-import.XXXX)
trap 'rm -rf "$WORK"' EXIT
python3 scripts/gen-orders.py "$WORK" "$LINES"
head -n $((LINES / 10 + 1)) "$WORK/orders.csv" > "$WORK/orders-tenth.csv"
"$BIN" init --dir "$WORK/base" >/dev/null
"$BIN" import customers "$WORK/customers.csv" --dir "$WORK/base" >/dev/null
"$BIN" import products "$WORK/products.csv" --dir "$WORK/base" >/dev/null
if [ -n "${BASELINE:-}" ]; then
    "$BASELINE" init --dir "$WORK/base-old" >/dev/null
    "$BASELINE" import customers "$WORK/customers.csv" --dir "$WORK/base-old" >/dev/null
    "$BASELINE" import products "$WORK/products.csv" --dir "$WORK/base-old" >/dev/null
fi
printf '.mode csv\n.import %s/orders.csv order_line\n' "$WORK" > "$WORK/import.sql"
measure() {  # prints "seconds maxrss_kib"; flushes dirty pages first so no run pays for the previous one's writes
    sync
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >/dev/null
    cat "$WORK/time.txt"
}
: > "$WORK/results.txt"
for run in $(seq "$RUNS"); do
    rm -rf "$WORK/ws" && cp -r "$WORK/base" "$WORK/ws"
    echo "obhut $(measure "$BIN" import orders "$WORK/orders.csv" --dir "$WORK/ws")" >> "$WORK/results.txt"
    echo "again $(measure "$BIN" import orders "$WORK/orders.csv" --dir "$WORK/ws")" >> "$WORK/results.txt"
    rm -f "$WORK/plain.sqlite"
    echo "sqlite $(measure sh -c "sqlite3 $WORK/plain.sqlite < $WORK/import.sql")" >> "$WORK/results.txt"
    if [ -n "${BASELINE:-}" ]; then
        rm -rf "$WORK/ws" && cp -r "$WORK/base-old" "$WORK/ws"
        echo "baseline $(measure "$BASELINE" import orders "$WORK/orders.csv" --dir "$WORK/ws")" >> "$WORK/results.txt"
    fi
    rm -rf "$WORK/ws" && cp -r "$WORK/base" "$WORK/ws"
    echo "tenth $(measure "$BIN" import orders "$WORK/orders-tenth.csv" --dir "$WORK/ws")" >> "$WORK/results.txt"
done
python3 - "$LINES" "$WORK/results.txt" <<'PY'
import sys, statistics
n = int(sys.argv[1]); rows = {}
for line in open(sys.argv[2]):
    k, s, kb = line.split(); rows.setdefault(k, []).append((float(s), int(kb)))
def med(k): return statistics.median(s for s, _ in rows[k]), max(kb for _, kb in rows[k])
o, ok = med("obhut"); a, ak = med("again"); s, sk = med("sqlite"); t, tk = med("tenth")
print(f"| obhut import orders, {n:,} lines, all validation | {o:.2f} s | {n/o:,.0f} rows/s | {ok/1024:.0f} MiB |")
print(f"| obhut import orders again (idempotent upsert) | {a:.2f} s | {n/a:,.0f} rows/s | {ak/1024:.0f} MiB |")
print(f"| sqlite3 .import into a plain table (anchor) | {s:.2f} s | {n/s:,.0f} rows/s | {sk/1024:.0f} MiB |")
print(f"| obhut import orders, a tenth of the file ({n//10:,} lines) | {t:.2f} s | {n/10/t:,.0f} rows/s | {tk/1024:.0f} MiB |")
print(f"ratio obhut/sqlite3 rows/s (medians of {len(rows['obhut'])} interleaved runs): {s/o:.2f}")
print("per run (obhut, sqlite3, ratio):", ", ".join(f"{a:.2f} s / {b:.2f} s = {b/a:.2f}" for (a, _), (b, _) in zip(rows["obhut"], rows["sqlite"])))
if "baseline" in rows:
    b, bk = med("baseline")
    print(f"| baseline binary, same file | {b:.2f} s | {n/b:,.0f} rows/s | {bk/1024:.0f} MiB |")
    print(f"ratio baseline/sqlite3: {s/b:.2f}; per run:", ", ".join(f"{x:.2f} s" for x, _ in rows["baseline"]))
PY
