#!/usr/bin/env bash
# Hostile input (issue 9): fuzzes the CSV and JSON Lines readers and the import mapping for a
# bounded time with the seeded generator and mutator in Benchmarks/Fuzz (release build).
# Usage: scripts/fuzz.sh [SECONDS] [SEED]      (default 300 s, seed 1)
#   SKIP_BUILD=1   use the binary already built in $SCRATCH (default .build-h)
#   OUT=dir        where a crashing or hanging input is saved as last-input.bin (default: a temp folder)
# Exit 0: no finding. 1: a property violated; 70: crash; 71: hang (each prints the input number;
# `obhut-fuzz --seed SEED --only N --dump FILE` reproduces it and saves its bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-300}
SEED=${2:-1}
SCRATCH=${SCRATCH:-.build-h}
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product obhut-fuzz >/dev/null
OUT=${OUT:-$(mktemp -d /tmp/obhut-fuzz.XXXX)}
mkdir -p "$OUT"
echo "fuzz: $SECONDS_TO_RUN s, seed $SEED, findings saved in $OUT"
"$SCRATCH/release/obhut-fuzz" --seconds "$SECONDS_TO_RUN" --seed "$SEED" --out "$OUT" --hang-seconds "${HANG_SECONDS:-10}"
