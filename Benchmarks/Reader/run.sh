#!/usr/bin/env bash
# Builds the reader benchmark in release in a scratch package (ObhutImport's Reading/ and Values/
# only, no dependencies), generates 1,000,000 invented order lines and measures records/s and
# peak RSS (/usr/bin/time -v); then the anchors on the same file in the same session:
# Python's csv module, pandas.read_csv (from /tmp/anchors-venv if present), sqlite3 .import.
#
#   bash Benchmarks/Reader/run.sh [ROWS]
set -euo pipefail
ROWS="${1:-1000000}"
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${WORK:-/tmp/obhut-bench-reader}"
DATA="${DATA:-/tmp/obhut-reader-data}"
mkdir -p "$WORK/Sources/ObhutImport" "$DATA"
ln -sfn "$REPO/Sources/ObhutImport/Reading" "$WORK/Sources/ObhutImport/Reading"
ln -sfn "$REPO/Sources/ObhutImport/Values" "$WORK/Sources/ObhutImport/Values"
ln -sfn "$REPO/Benchmarks/Reader" "$WORK/Sources/ReaderBenchmark"
cat > "$WORK/Package.swift" <<'PKG'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "ObhutReaderBenchmark",
    targets: [
        .target(name: "ObhutImport"),
        .executableTarget(name: "ReaderBenchmark", dependencies: ["ObhutImport"], exclude: ["run.sh"]),
    ],
    swiftLanguageModes: [.v6]
)
PKG
(cd "$WORK" && swift build -c release --product ReaderBenchmark >/dev/null)
BIN="$WORK/.build/release/ReaderBenchmark"

CSV="$DATA/orders.csv"; CSV_DE="$DATA/orders-de.csv"; JSONL="$DATA/orders.jsonl"
"$BIN" generate "$CSV" "$ROWS"
"$BIN" generate "$CSV_DE" "$ROWS" --german
"$BIN" generate-jsonl "$JSONL" "$ROWS"
ls -l "$CSV" "$CSV_DE" "$JSONL"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"

measure() {  # label, command...
    local label="$1"; shift
    /usr/bin/time -v "$@" 2> "$DATA/time.txt" | sed "s/^/  /"
    echo "  $label: peak RSS $(awk '/Maximum resident/ {printf "%.1f MiB", $6/1024}' "$DATA/time.txt"), wall $(awk '/Elapsed \(wall/ {print $8}' "$DATA/time.txt")"
}
for run in 1 2 3; do
    echo "run $run"
    measure "read" "$BIN" read "$CSV"
    measure "read (German ;)" "$BIN" read "$CSV_DE"
    measure "read+parse" "$BIN" parse "$CSV"
    measure "read+parse (German)" "$BIN" parse "$CSV_DE" --german
    measure "read-jsonl" "$BIN" read-jsonl "$JSONL"
done

PY=/tmp/anchors-venv/bin/python; [ -x "$PY" ] || PY=python3
echo "anchors ($($PY --version))"
for run in 1 2 3; do
    measure "python csv.reader" "$PY" -c "
import csv, time, sys
t = time.perf_counter(); n = 0
with open('$CSV', newline='', encoding='utf-8') as f:
    r = csv.reader(f); next(r)
    for row in r: n += 1
e = time.perf_counter() - t
print(f'python csv.reader: {n} records, {e:.3f} s, {int(n / e)} records/s')"
    if "$PY" -c "import pandas" 2>/dev/null; then
        measure "pandas.read_csv" "$PY" -c "
import pandas, time
t = time.perf_counter(); df = pandas.read_csv('$CSV', dtype=str); e = time.perf_counter() - t
print(f'pandas.read_csv(dtype=str): {len(df)} records, {e:.3f} s, {int(len(df) / e)} records/s')"
    fi
    rm -f "$DATA/anchor.db"
    start=$(date +%s.%N)
    sqlite3 "$DATA/anchor.db" ".import --csv $CSV orders"
    end=$(date +%s.%N)
    echo "  sqlite3 .import (untyped): $(python3 -c "print(f'{$ROWS / ($end - $start):.0f} records/s, {$end - $start:.3f} s')")"
done
rm -f "$DATA/anchor.db"
