#!/usr/bin/env bash
# Benchmark: the purchase-pattern analysis (ObhutAnalytics/Patterns) on 5,000,000 synthetic order
# lines of 1,000,000 people and 200 products, release build in a scratch package (ObhutCore and
# ObhutAnalytics only, no dependencies), time and peak RSS by /usr/bin/time -v; then the pandas
# anchor (Benchmarks/Patterns/anchor_pandas.py: crosstab + chi2_contingency + monthly counts) on
# the same lines written as CSV, in the same session.
#
#   bash scripts/bench-patterns.sh          (SKIP_ANCHOR=1 to skip pandas; LINES/PEOPLE/PRODUCTS/RUNS)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/obhut-bench-patterns}"
DATA="${DATA:-/tmp/obhut-patterns-data}"
LINES="${LINES:-5000000}" PEOPLE="${PEOPLE:-1000000}" PRODUCTS="${PRODUCTS:-200}" RUNS="${RUNS:-3}"
PY=/tmp/anchors-venv/bin/python
mkdir -p "$WORK/Sources" "$DATA"
ln -sfn "$REPO/Sources/ObhutCore" "$WORK/Sources/ObhutCore"
ln -sfn "$REPO/Sources/ObhutAnalytics" "$WORK/Sources/ObhutAnalytics"
ln -sfn "$REPO/Benchmarks/Patterns" "$WORK/Sources/PatternsBenchmark"
cat > "$WORK/Package.swift" <<'PKG'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "ObhutPatternsBenchmark",
    targets: [
        .target(name: "ObhutCore"),
        .target(name: "ObhutAnalytics", dependencies: ["ObhutCore"]),
        .executableTarget(
            name: "PatternsBenchmark", dependencies: ["ObhutAnalytics", "ObhutCore"], exclude: ["README.md", "anchor_pandas.py"]),
    ],
    swiftLanguageModes: [.v6]
)
PKG
(cd "$WORK" && swift build -c release --product PatternsBenchmark >/dev/null)
BIN="$WORK/.build/release/PatternsBenchmark"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
TIMES=$(mktemp /tmp/obhut-patterns-time.XXXX)
/usr/bin/time -v "$BIN" bench "$LINES" "$PEOPLE" "$PRODUCTS" "$RUNS" 2> "$TIMES"
grep -E "Elapsed|Maximum resident" "$TIMES" | sed 's/^\s*/  obhut: /'
if [ -z "${SKIP_ANCHOR:-}" ] && [ -x "$PY" ]; then
    CSV="$DATA/lines-$LINES-$PEOPLE-$PRODUCTS.csv"
    [ -f "$CSV" ] || "$BIN" csv "$CSV" "$LINES" "$PEOPLE" "$PRODUCTS"
    echo "anchor: pandas + scipy (Benchmarks/Patterns/anchor_pandas.py, $RUNS runs; load $(cut -d' ' -f1-3 /proc/loadavg))"
    /usr/bin/time -v env OPENBLAS_NUM_THREADS=1 "$PY" "$REPO/Benchmarks/Patterns/anchor_pandas.py" "$CSV" "$RUNS" 2> "$TIMES"
    grep -E "Elapsed|Maximum resident" "$TIMES" | sed 's/^\s*/  pandas: /'
fi
rm -f "$TIMES"
