#!/usr/bin/env bash
# Benchmark: lead scoring on the demo's leads against scikit-learn's LogisticRegression on the same
# features and split (Benchmarks/Leads/anchor_logreg.py), in the same session.
#
#   bash scripts/bench-leads.sh [CUSTOMERS]     (default 50000: 5,000 leads, the demo's maximum)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-50000}"
WORK="${WORK:-/tmp/obhut-bench-leads}"
PY="${PY:-/tmp/anchors-venv/bin/python}"
cd "$REPO"
swift build -c release --product obhut >/dev/null
BIN="$REPO/.build/release/obhut"
rm -rf "$WORK"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
"$BIN" demo --dir "$WORK" --customers "$N" --as-of 2026-11-01 --lang en >/dev/null
# Three timed runs of the whole activity (pre-flight, scope, training with cross-validation, scoring, storing).
for i in 1 2 3; do "$BIN" run lead-scores --dir "$WORK" --lang en; done
"$BIN" model-card lead-scores --dir "$WORK" --json | "$PY" -c 'import json,sys; c=json.load(sys.stdin); print(json.dumps({"tool":"obhut lead-scores","closed":c["closedLeads"],"held_out":c["heldOut"],"lambda":c["lambda"],"auc":c["heldOutAUC"],"brier":c["heldOutBrier"],"log_loss":c["heldOutLogLoss"]}))'
sqlite3 -header -csv "$WORK/obhut.sqlite" \
    "SELECT source, industry, size, emails_opened, visits, meetings, created_at, outcome FROM lead WHERE objected = 0" > "$WORK/leads.csv"
"$PY" "$REPO/Benchmarks/Leads/anchor_logreg.py" "$WORK/leads.csv"
