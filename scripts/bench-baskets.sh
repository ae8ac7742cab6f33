#!/usr/bin/env bash
# Benchmark: FP-growth and association rules (ObhutAnalytics/Baskets) on the Groceries baskets at
# min support 0.01 and 0.001, release build in a scratch package (Baskets/ and Random/ only, no
# dependencies); then the mlxtend anchor (anchors/a4_baskets.py) in the same session.
#
#   bash scripts/bench-baskets.sh          (SKIP_ANCHOR=1 to skip mlxtend)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/obhut-bench-baskets}"
DATA="${DATA:-$REPO/../shared/data/public/groceries/groceries.csv}"
ANCHORS="${ANCHORS:-$REPO/../shared/anchors}"
mkdir -p "$WORK/Sources/ObhutAnalytics"
ln -sfn "$REPO/Sources/ObhutAnalytics/Baskets" "$WORK/Sources/ObhutAnalytics/Baskets"
ln -sfn "$REPO/Sources/ObhutAnalytics/Random" "$WORK/Sources/ObhutAnalytics/Random"
ln -sfn "$REPO/Benchmarks/Baskets" "$WORK/Sources/BasketsBenchmark"
cat > "$WORK/Package.swift" <<'PKG'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "ObhutBasketsBenchmark",
    targets: [
        .target(name: "ObhutAnalytics"),
        .executableTarget(name: "BasketsBenchmark", dependencies: ["ObhutAnalytics"], exclude: ["README.md"]),
    ],
    swiftLanguageModes: [.v6]
)
PKG
(cd "$WORK" && swift build -c release --product BasketsBenchmark >/dev/null)
BIN="$WORK/.build/release/BasketsBenchmark"
[ -f "$DATA" ] || { echo "no data at $DATA" >&2; exit 1; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
"$BIN" bench "$DATA" 0.01 0.001
PY=/tmp/anchors-venv/bin/python
if [ -z "${SKIP_ANCHOR:-}" ] && [ -x "$PY" ]; then
    echo "anchor: mlxtend (anchors/a4_baskets.py, 3 runs each, median; load $(cut -d' ' -f1-3 /proc/loadavg))"
    OUT=$(mktemp /tmp/obhut-a4.XXXX.jsonl)
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 "$PY" "$ANCHORS/a4_baskets.py" > "$OUT"
    "$PY" - "$OUT" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("task") == "itemsets":
        print("  mlxtend fpgrowth min_support %s: %d itemsets, median %s s (apriori %s s)"
              % (r["min_support"], r["itemsets_fpgrowth"], r["fpgrowth_time"]["median_s"], r["apriori_time"]["median_s"]))
    elif r.get("task") == "rules":
        print("  mlxtend association_rules min_support %s: %d rules (%d single-item consequents), median %s s"
              % (r["min_support"], r["rules"], r["rules_single_item_consequent"], r["rules_time"]["median_s"]))
PY
    rm -f "$OUT"
fi
