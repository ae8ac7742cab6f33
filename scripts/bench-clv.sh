#!/usr/bin/env bash
# Benchmark: BG/NBD and Gamma-Gamma fits (ObhutAnalytics/Lifetime) on the CDNOW master (23,570
# customers), release build in a scratch package (Lifetime/ and ObhutCore only, no other
# dependencies); then the lifetimes anchor (anchors/a1_clv.py) in the same session and the ratio
# of the BG/NBD fit times.
#
#   bash scripts/bench-clv.sh          (SKIP_ANCHOR=1 to skip lifetimes; RUNS=N, default 21)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/obhut-bench-clv}"
DATA="${DATA:-$REPO/../shared/data/public/cdnow/cdnow_master.csv}"
ANCHORS="${ANCHORS:-$REPO/../shared/anchors}"
mkdir -p "$WORK/Sources/ObhutAnalytics"
ln -sfn "$REPO/Sources/ObhutCore" "$WORK/Sources/ObhutCore"
ln -sfn "$REPO/Sources/ObhutAnalytics/Lifetime" "$WORK/Sources/ObhutAnalytics/Lifetime"
ln -sfn "$REPO/Benchmarks/CLV" "$WORK/Sources/CLVBenchmark"
cat > "$WORK/Package.swift" <<'PKG'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "ObhutCLVBenchmark",
    targets: [
        .target(name: "ObhutCore"),
        .target(name: "ObhutAnalytics", dependencies: ["ObhutCore"]),
        .executableTarget(
            name: "CLVBenchmark", dependencies: ["ObhutAnalytics"], exclude: ["README.md", "lifetimes_reference.py"]),
    ],
    swiftLanguageModes: [.v6]
)
PKG
(cd "$WORK" && swift build -c release --product CLVBenchmark >/dev/null)
BIN="$WORK/.build/release/CLVBenchmark"
[ -f "$DATA" ] || { echo "no data at $DATA" >&2; exit 1; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
OURS=$("$BIN" "$DATA" "${RUNS:-21}")
echo "$OURS" | grep -v '^RESULT'
FIT=$(echo "$OURS" | awk '/^RESULT bgnbd_fit_median_s/ {print $3}')
PY=/tmp/anchors-venv/bin/python
if [ -z "${SKIP_ANCHOR:-}" ] && [ -x "$PY" ]; then
    echo "anchor: lifetimes (anchors/a1_clv.py, 3 runs each, median; load $(cut -d' ' -f1-3 /proc/loadavg))"
    OUT=$(mktemp /tmp/obhut-a1.XXXX.jsonl)
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 "$PY" "$ANCHORS/a1_clv.py" > "$OUT"
    "$PY" - "$OUT" "$FIT" <<'PY'
import json, sys
ours = float(sys.argv[2])
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("task") == "bgnbd_fit":
        t = r["fit_time"]["median_s"]
        print("  lifetimes BG/NBD fit, %s: median %.4f s, params %s" % (r["dataset"], t, r["params"]))
        if "master" in r["dataset"]:
            print("  ratio lifetimes / Obhut on the master: %.4f / %.6f = %.0fx" % (t, ours, t / ours))
    elif r.get("task") == "gammagamma_fit":
        print("  lifetimes Gamma-Gamma fit, %s: median %.4f s, params %s" % (r["dataset"], r["fit_time"]["median_s"], r["params"]))
    elif r.get("task") == "bgnbd_holdout":
        print("  lifetimes holdout, %s: actual %s, predicted %s, MAE %s"
              % (r["dataset"], r["actual_total"], r["predicted_total"], r["mae_per_customer"]))
PY
    rm -f "$OUT"
fi
