#!/usr/bin/env bash
# Benchmark: ObhutAnalytics/Recommendations — quality on MovieLens-100k and UCI Online Retail
# (per user last ceil(10%) by time as test) and ALS speed on the synthetic 200k × 20k × 5M matrix
# (64 factors, 15 iterations, 2 threads) with top-10 for all users; release build in a scratch
# package (Recommendations/, Random/ and ObhutCore only); then the implicit anchors
# (anchors/a2_recs.py, anchors/a8_retail.py) in the same session.
#
#   bash scripts/bench-recs.sh [ml100k] [retail] [scale]    (default: all; SKIP_ANCHOR=1 skips implicit)
#   REPEATS=3 sets the ALS timing repeats (median reported); ALPHA=1 the confidence scale of the timed fits.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/obhut-bench-recs}"
DATA="${DATA:-$REPO/../shared/data/public}"
ANCHORS="${ANCHORS:-$REPO/../shared/anchors}"
PARTS="${*:-ml100k retail scale}"
mkdir -p "$WORK/Sources/ObhutAnalytics"
ln -sfn "$REPO/Sources/ObhutAnalytics/Recommendations" "$WORK/Sources/ObhutAnalytics/Recommendations"
ln -sfn "$REPO/Sources/ObhutAnalytics/Random" "$WORK/Sources/ObhutAnalytics/Random"
ln -sfn "$REPO/Sources/ObhutCore" "$WORK/Sources/ObhutCore"
ln -sfn "$REPO/Benchmarks/Recommendations" "$WORK/Sources/RecsBenchmark"
cat > "$WORK/Package.swift" <<'PKG'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "ObhutRecsBenchmark",
    targets: [
        .target(name: "ObhutCore"),
        .target(name: "ObhutAnalytics", dependencies: ["ObhutCore"]),
        .executableTarget(name: "RecsBenchmark", dependencies: ["ObhutAnalytics"], exclude: ["README.md"]),
    ],
    swiftLanguageModes: [.v6]
)
PKG
(cd "$WORK" && swift build -c release --product RecsBenchmark >/dev/null)
BIN="$WORK/.build/release/RecsBenchmark"
PY=/tmp/anchors-venv/bin/python
anchor() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 "$PY" "$@"; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
for part in $PARTS; do
    case "$part" in
    ml100k)
        "$BIN" ml100k "$DATA/ml-100k/u.data"
        if [ -z "${SKIP_ANCHOR:-}" ] && [ -x "$PY" ]; then
            echo "anchor: implicit (anchors/a2_recs.py --part ml100k, per_user_last10; load $(cut -d' ' -f1-3 /proc/loadavg))"
            anchor "$ANCHORS/a2_recs.py" --part ml100k | "$PY" -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    if r.get("task") == "recs_ml100k" and r["split"] == "per_user_last10":
        extra = " ".join(f"{k}={r[k]}" for k in ("alpha", "K") if k in r)
        print("  {} {}: P@10 {} R@10 {} NDCG@10 {} cov {}".format(r["model"], extra, r["precision@10"], r["recall@10"], r["ndcg@10"], r["coverage@10"]))'
        fi ;;
    retail)
        CSV=$(mktemp /tmp/obhut-retail.XXXX.csv)
        gzip -dc "$DATA/uci-online-retail/online_retail.csv.gz" > "$CSV"
        "$BIN" retail "$CSV"
        rm -f "$CSV"
        if [ -z "${SKIP_ANCHOR:-}" ] && [ -x "$PY" ]; then
            echo "anchor: implicit (anchors/a8_retail.py; load $(cut -d' ' -f1-3 /proc/loadavg))"
            anchor "$ANCHORS/a8_retail.py" 2>/dev/null | "$PY" -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    if r.get("task") == "recs_retail":
        extra = " ".join(f"{k}={r[k]}" for k in ("alpha", "K") if k in r)
        print("  {} {}: NDCG@10 {}".format(r["model"], extra, r["ndcg@10"]))'
        fi ;;
    scale)
        "$BIN" scale "${REPEATS:-3}" "${ALPHA:-1}"
        if [ -z "${SKIP_ANCHOR:-}" ] && [ -x "$PY" ]; then
            echo "anchor: implicit (anchors/a2_recs.py --part scale, 3 fits; load $(cut -d' ' -f1-3 /proc/loadavg))"
            anchor "$ANCHORS/a2_recs.py" --part scale | "$PY" -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    if r.get("task") == "als_scale" and r.get("kind") == "result":
        t = r["train_time"]; print("  implicit ALS f=64 15 it: median {} s (min {}, max {}), {} s/iteration".format(t["median_s"], t["min_s"], t["max_s"], r["per_iteration_median_s"]))
    elif r.get("task") == "als_scale_recommend":
        t = r["top10_time"]; print("  implicit recommend top-10 for {} users: {} s ({} users/s; all 200k ~ {} s)".format(r["users_batch"], t["median_s"], r["users_per_s"], round(200000 / r["users_per_s"], 1)))
    elif r.get("kind") == "data":
        print("  implicit data: {} x {}, {} nnz, top item share {}, user median {}, max {}".format(r["users"], r["items"], r["nnz"], r["top_item_share"], r["user_median"], r["user_max"]))'
        fi ;;
    *) echo "unknown part $part" >&2; exit 1 ;;
    esac
done
