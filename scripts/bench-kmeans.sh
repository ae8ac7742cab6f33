#!/usr/bin/env bash
# Benchmark: k-means (ObhutAnalytics/Clustering) on the matrices of anchors/a3_kmeans.py — CDNOW
# RFM (23,570 x 3) and synthetic 1,000,000 x 8 blobs / N(0,1) — release build in a scratch package
# (Clustering/ and Random/ only, no dependencies); then scikit-learn (a3_kmeans.py) in the same
# session. The data is dumped once from numpy with Benchmarks/KMeans/dump_anchor_data.py.
#
#   bash scripts/bench-kmeans.sh          (SKIP_ANCHOR=1 to skip scikit-learn)
#   PAIRS=3 bash scripts/bench-kmeans.sh  also alternates ours and scikit-learn on the headline case
#                                         (N(0,1) 1e6 x 8, k = 8, 10 restarts), one fit each, 3 times:
#                                         on a shared machine a fairer ratio than two separate blocks
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/obhut-bench-kmeans}"
DATA="${DATA:-/tmp/obhut-kmeans-data}"
ANCHORS="${ANCHORS:-$REPO/../shared/anchors}"
PY=/tmp/anchors-venv/bin/python
mkdir -p "$WORK/Sources/ObhutAnalytics" "$DATA"
ln -sfn "$REPO/Sources/ObhutAnalytics/Clustering" "$WORK/Sources/ObhutAnalytics/Clustering"
ln -sfn "$REPO/Sources/ObhutAnalytics/Random" "$WORK/Sources/ObhutAnalytics/Random"
ln -sfn "$REPO/Benchmarks/KMeans" "$WORK/Sources/KMeansBenchmark"
cat > "$WORK/Package.swift" <<'PKG'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "ObhutKMeansBenchmark",
    targets: [
        .target(name: "ObhutAnalytics"),
        .executableTarget(name: "KMeansBenchmark", dependencies: ["ObhutAnalytics"], exclude: ["dump_anchor_data.py", "README.md"]),
    ],
    swiftLanguageModes: [.v6]
)
PKG
(cd "$WORK" && swift build -c release --product KMeansBenchmark >/dev/null)
BIN="$WORK/.build/release/KMeansBenchmark"
[ -f "$DATA/normal_1e6x8.f64" ] || "$PY" "$REPO/Benchmarks/KMeans/dump_anchor_data.py" "$DATA"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
"$BIN" fit "$DATA/rfm_23570x3.f64" 23570 3 8 1 5
"$BIN" fit "$DATA/rfm_23570x3.f64" 23570 3 8 10 5
"$BIN" silhouette "$DATA/rfm_23570x3.f64" 23570 3 8
for set in blobs normal; do
    "$BIN" fit "$DATA/${set}_1e6x8.f64" 1000000 8 8 1 3
    "$BIN" fit "$DATA/${set}_1e6x8.f64" 1000000 8 8 10 3
    "$BIN" lloyd "$DATA/${set}_1e6x8.f64" 1000000 8 8 20
done
if [ -z "${SKIP_ANCHOR:-}" ] && [ -x "$PY" ]; then
    echo "anchor: scikit-learn (anchors/a3_kmeans.py, 3 runs each, median; load $(cut -d' ' -f1-3 /proc/loadavg))"
    OUT=$(mktemp /tmp/obhut-a3.XXXX.jsonl)
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 "$PY" "$ANCHORS/a3_kmeans.py" > "$OUT"
    "$PY" - "$OUT" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    t = r.get("task")
    if t in ("kmeans_rfm", "kmeans_synthetic"):
        sil = ""
        if "silhouette" in r:
            sil = ", silhouette %s in %s s" % (r["silhouette"], r["silhouette_time_s"])
        print("  sklearn %s n_init=%d: median %s s; inertia %s, n_iter %d%s"
              % (r["dataset"], r["n_init"], r["fit_time"]["median_s"], r["inertia"], r["n_iter"], sil))
    elif t == "kmeans_lloyd_fixed":
        print("  sklearn %s 20 Lloyd iterations, fixed init: %s s per iteration"
              % (r["dataset"], r["per_iteration_median_s"]))
PY
    rm -f "$OUT"
fi
if [ -n "${PAIRS:-}" ] && [ -x "$PY" ]; then
    echo "alternating pairs on N(0,1) 1e6 x 8, k = 8, 10 restarts (load $(cut -d' ' -f1-3 /proc/loadavg))"
    for pair in $(seq 1 "$PAIRS"); do
        "$BIN" fit "$DATA/normal_1e6x8.f64" 1000000 8 8 10 1 | head -1
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 "$PY" - "$DATA/normal_1e6x8.f64" <<'PY'
import sys, time
import numpy as np
from sklearn.cluster import KMeans
x = np.fromfile(sys.argv[1]).reshape(-1, 8)
t = time.perf_counter()
m = KMeans(n_clusters=8, n_init=10, random_state=0, algorithm="lloyd").fit(x)
print("sklearn KMeans normal_1e6x8 k=8 n_init=10: %.3f s; inertia %.2f, n_iter %d" % (time.perf_counter() - t, m.inertia_, m.n_iter_))
PY
    done
fi
