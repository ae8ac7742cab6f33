#!/usr/bin/env bash
# Benchmark: import of 1,000,000 order lines from CSV (release build), rows/s and peak memory,
# side by side with the sqlite3 command-line tool's .import of the same file into a plain table.
# Usage: scripts/bench-import.sh [LINES]   (default 1000000). Prints a Markdown table row set.
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${1:-1000000}
SCRATCH=${SCRATCH:-.build-release}
swift build -c release --scratch-path "$SCRATCH" --product obhut >/dev/null
BIN="$SCRATCH/release/obhut"
WORK=$(mktemp -d /tmp/obhut-bench-import.XXXX)
python3 scripts/gen-orders.py "$WORK" "$LINES"
"$BIN" init --dir "$WORK/ws" >/dev/null
"$BIN" import customers "$WORK/customers.csv" --dir "$WORK/ws" >/dev/null
"$BIN" import products "$WORK/products.csv" --dir "$WORK/ws" >/dev/null
measure() {  # prints "seconds maxrss_kib"
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >/dev/null
    cat "$WORK/time.txt"
}
read -r obhut_s obhut_kb < <(measure "$BIN" import orders "$WORK/orders.csv" --dir "$WORK/ws")
read -r again_s again_kb < <(measure "$BIN" import orders "$WORK/orders.csv" --dir "$WORK/ws")
printf '.mode csv\n.import %s/orders.csv order_line\n' "$WORK" > "$WORK/import.sql"
read -r sqlite_s sqlite_kb < <(measure sh -c "sqlite3 $WORK/plain.sqlite < $WORK/import.sql")
# Memory must not grow with the file: the same import of a tenth of the lines.
head -n $((LINES / 10 + 1)) "$WORK/orders.csv" > "$WORK/orders-small.csv"
"$BIN" init --dir "$WORK/ws2" >/dev/null
"$BIN" import customers "$WORK/customers.csv" --dir "$WORK/ws2" >/dev/null
"$BIN" import products "$WORK/products.csv" --dir "$WORK/ws2" >/dev/null
read -r small_s small_kb < <(measure "$BIN" import orders "$WORK/orders-small.csv" --dir "$WORK/ws2")
python3 - "$LINES" "$obhut_s" "$obhut_kb" "$again_s" "$again_kb" "$sqlite_s" "$sqlite_kb" "$small_s" "$small_kb" <<'PY'
import sys
n=int(sys.argv[1]); o,ok,a,ak,s,sk,ss,sk2=map(float,sys.argv[2:])
print(f"| obhut import orders ({n:,} lines, all validation) | {o:.2f} s | {n/o:,.0f} rows/s | {ok/1024:.0f} MiB |")
print(f"| obhut import orders again (idempotent upsert) | {a:.2f} s | {n/a:,.0f} rows/s | {ak/1024:.0f} MiB |")
print(f"| sqlite3 .import into a plain table (anchor) | {s:.2f} s | {n/s:,.0f} rows/s | {sk/1024:.0f} MiB |")
print(f"| obhut import orders, a tenth of the file ({n//10:,} lines) | {ss:.2f} s | {n/10/ss:,.0f} rows/s | {sk2/1024:.0f} MiB |")
print(f"ratio obhut/sqlite3 rows/s: {s/o:.2f}")
PY
rm -rf "$WORK"
