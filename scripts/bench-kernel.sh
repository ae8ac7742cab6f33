#!/usr/bin/env bash
# Benchmarks of the privacy kernel with N customers (default 1,000,000), release build:
# scope per activity, export and erasure of one person on the demo workspace, and the import
# pipeline with and without per-person encryption.
# Usage: scripts/bench-kernel.sh [CUSTOMERS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
SCRATCH=${SCRATCH:-.build-release}
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product obhut >/dev/null
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product obhut-bench >/dev/null
WORK=$(mktemp -d /tmp/obhut-bench-kernel.XXXX)
trap 'rm -rf "$WORK"' EXIT
"$SCRATCH/release/obhut" demo --dir "$WORK/ws" --customers "$N" --as-of 2026-11-01 >/dev/null
"$SCRATCH/release/obhut-bench" kernel "$WORK/ws"
"$SCRATCH/release/obhut-bench" encryption "$N"
