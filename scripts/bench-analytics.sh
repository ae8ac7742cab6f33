#!/usr/bin/env bash
# Benchmark: the customer-analytics activities end to end (pre-flight, scope, analysis, storing
# results with explanations) on a demo workspace, each under /usr/bin/time for time and peak RSS.
#
#   bash scripts/bench-analytics.sh [CUSTOMERS]        (default 1000000; BIN=path/to/obhut to skip the build)
# The workspace stays in $WORK for inspection.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-1000000}"
WORK="${WORK:-/tmp/obhut-bench-analytics-$N}"
if [ -z "${BIN:-}" ]; then
    (cd "$REPO" && swift build -c release --product obhut >/dev/null)
    BIN="$REPO/.build/release/obhut"
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
if [ ! -f "$WORK/obhut.sqlite" ]; then
    /usr/bin/time -f "demo: %e s, peak %M KiB" "$BIN" demo --dir "$WORK" --customers "$N" --as-of 2026-11-01 --lang en | tail -4
fi
# Open once untimed by the activities (a workspace made by an older version is migrated here).
/usr/bin/time -f "open (and migrate if needed): %e s, peak %M KiB" "$BIN" status --dir "$WORK" --lang en >/dev/null
for activity in purchase-patterns rebuy-reminders segments clv recommendations lead-scores; do
    /usr/bin/time -f "$activity: %e s wall, %U s user, peak %M KiB" "$BIN" run "$activity" --dir "$WORK" --lang en
done
