#!/usr/bin/env bash
# Benchmark: the demo shop with N customers (default 1,000,000) generated and imported, with
# encryption, in a release build: wall time and peak memory.
# Usage: scripts/bench-demo.sh [CUSTOMERS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
SCRATCH=${SCRATCH:-.build-release}
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product obhut >/dev/null
WORK=$(mktemp -d /tmp/obhut-bench-demo.XXXX)
trap 'rm -rf "$WORK"' EXIT
/usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$SCRATCH/release/obhut" demo --dir "$WORK/ws" --customers "$N" --as-of 2026-11-01 --lang en > "$WORK/out.txt"
read -r s kb < "$WORK/time.txt"
grep -E "Demo shop created|Customers|Order lines|Feedback|Consent|Leads" "$WORK/out.txt"
echo "| obhut demo --customers $N (generate + validate + encrypt + import + quality report) | $s s | $((kb / 1024)) MiB | $(du -m "$WORK/ws/obhut.sqlite" | cut -f1) MB database |"
