#!/usr/bin/env bash
# Benchmark: encrypted backup, verify and restore of a large workspace (issue 9), with peak memory,
# side by side with the sqlite3 shell's own `.backup` of the same database (no encryption, no
# checks) as the anchor, in the same run.
# Usage: scripts/bench-backup.sh WORKSPACE_DIR      (BIN=path to a release obhut; default .build-release)
set -euo pipefail
cd "$(dirname "$0")/.."
WS=${1:?workspace folder, e.g. one made by obhut demo --customers 1000000}
SCRATCH=${SCRATCH:-.build-release}
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product obhut >/dev/null
BIN=${BIN:-$SCRATCH/release/obhut}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/obhut-bench-backup.XXXX")
trap 'rm -rf "$OUT"' EXIT
measure() {  # label, command...: prints seconds and peak RSS
    local label=$1; shift
    sync
    /usr/bin/time -f "%e %M" -o "$OUT/time" "$@" >/dev/null
    read -r secs kib <"$OUT/time"
    printf '%-34s %8.1f s %8.0f MiB\n' "$label" "$secs" "$((kib / 1024))"
}
echo "database: $(du -h "$WS/obhut.sqlite" | cut -f1), $(sqlite3 "$WS/obhut.sqlite" 'SELECT count(*) FROM customer') customers, load $(cut -d' ' -f1-3 /proc/loadavg)"
measure "anchor: sqlite3 .backup" sqlite3 "$WS/obhut.sqlite" ".backup '$OUT/anchor.sqlite'"
rm -f "$OUT/anchor.sqlite"
measure "obhut backup (encrypted)" "$BIN" backup "$OUT/ws.backup" --dir "$WS"
echo "backup file: $(du -h "$OUT/ws.backup" | cut -f1)"
measure "obhut backup verify" "$BIN" backup verify "$OUT/ws.backup" --dir "$WS"
measure "obhut restore" "$BIN" restore "$OUT/ws.backup" --dir "$OUT/restored" --from "$WS"
rm -rf "$OUT/restored"
