#!/usr/bin/env bash
# Benchmark: the feedback sentiment scorer (ObhutAnalytics/Feedback) — accuracy of the lexicon
# scorer on the UCI sentences, the clothing reviews and the 4,000 German reviews, 5-fold
# comparison with the trained classifier, throughput on one thread — release build in a scratch
# package (Feedback/, Random/ and ObhutCore only); then the anchors in the same session:
# VADER and textblob-de (anchors/a5_sentiment.py), VADER on the clothing reviews (a7).
#
#   bash scripts/bench-sentiment.sh          (SKIP_ANCHOR=1 skips Python; QUICK=1 shortens throughput runs)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/obhut-bench-sentiment}"
DATA="${DATA:-$REPO/../shared/data/public}"
ANCHORS="${ANCHORS:-$REPO/../shared/anchors}"
mkdir -p "$WORK/Sources/ObhutAnalytics"
ln -sfn "$REPO/Sources/ObhutCore" "$WORK/Sources/ObhutCore"
ln -sfn "$REPO/Sources/ObhutAnalytics/Feedback" "$WORK/Sources/ObhutAnalytics/Feedback"
ln -sfn "$REPO/Sources/ObhutAnalytics/Random" "$WORK/Sources/ObhutAnalytics/Random"
ln -sfn "$REPO/Benchmarks/Sentiment" "$WORK/Sources/SentimentBenchmark"
cat > "$WORK/Package.swift" <<'PKG'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "ObhutSentimentBenchmark",
    targets: [
        .target(name: "ObhutCore"),
        .target(name: "ObhutAnalytics", dependencies: ["ObhutCore"]),
        .executableTarget(name: "SentimentBenchmark", dependencies: ["ObhutAnalytics", "ObhutCore"], exclude: ["README.md"]),
    ],
    swiftLanguageModes: [.v6]
)
PKG
(cd "$WORK" && swift build -c release --product SentimentBenchmark >/dev/null)
BIN="$WORK/.build/release/SentimentBenchmark"
[ -d "$DATA/uci-sentences" ] || { echo "no data at $DATA" >&2; exit 1; }
CLOTHING=""
GZ="$DATA/womens-clothing-ecommerce-reviews/womens_clothing_ecommerce_reviews.csv.gz"
if [ -f "$GZ" ]; then CLOTHING="$WORK/clothing.csv"; gzip -dc "$GZ" > "$CLOTHING"; fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
"$BIN" "$DATA" "$CLOTHING" ${QUICK:+quick}
PY=/tmp/anchors-venv/bin/python
if [ -z "${SKIP_ANCHOR:-}" ] && [ -x "$PY" ]; then
    echo "## Anchors (load $(cut -d' ' -f1-3 /proc/loadavg))"
    OUT=$(mktemp /tmp/obhut-a5.XXXX.jsonl)
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 "$PY" "$ANCHORS/a5_sentiment.py" > "$OUT"
    "$PY" - "$OUT" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("kind") != "result":
        continue
    if r["task"] == "vader":
        print("  VADER %s: accuracy %s, %s sentences/s" % (r["dataset"], r["accuracy_at_0_05"], r["sentences_per_s"]))
    elif r["task"] == "textblob_de" and "4k" in r["dataset"]:
        print("  textblob-de %s: accuracy %s, %s reviews/s" % (r["dataset"], r["accuracy_polarity_gt_0"], r["reviews_per_s"]))
PY
    rm -f "$OUT"
    echo -n "  VADER clothing reviews: "
    "$PY" "$ANCHORS/a7_clothing_vader.py"
fi
