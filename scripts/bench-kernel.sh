#!/usr/bin/env bash
# Benchmarks of the privacy kernel with N customers (default 1,000,000), release build:
# scope per activity, export and erasure of one person on the demo workspace, and the import
# pipeline with and without per-person encryption.
# Anchors in the same run: the sqlite3 shell's bare read of what the scopes read (every order
# line's six scope columns; every feedback row with its author's wrapped key), without any
# decryption, filtering or columns built.
# Usage: scripts/bench-kernel.sh [CUSTOMERS]   (env: SCRATCH, SKIP_BUILD, WS=an existing demo
# workspace to measure instead of making one; it is changed: one person is erased)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
SCRATCH=${SCRATCH:-.build-release}
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product obhut >/dev/null
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product obhut-bench >/dev/null
WORK=$(mktemp -d /tmp/obhut-bench-kernel.XXXX)
trap 'rm -rf "$WORK"' EXIT
if [ -n "${WS:-}" ]; then
    DIR=$WS
else
    DIR=$WORK/ws
    "$SCRATCH/release/obhut" demo --dir "$DIR" --customers "$N" --as-of 2026-11-01 >/dev/null
fi
anchor() { # label, SQL: best of 3 wall times of the sqlite3 shell
    for _ in 1 2 3; do
        printf '.timer on\n%s;\n' "$2" | sqlite3 "$DIR/obhut.sqlite" | sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p'
    done | sort -n | head -1 | xargs printf "| anchor: sqlite3 shell, %s | %s s |\n" "$1"
}
anchor "order lines, six scope columns" \
    "SELECT count(*), sum(customer_ref), sum(product_ref), sum(quantity), sum(unit_price_minor), sum(ordered_at), sum(length(order_id)) FROM order_line"
anchor "feedback rows with the author's wrapped key" \
    "SELECT count(*), sum(length(sealed_text)), sum(length(wrapped)), sum(ref) FROM (SELECT f.id, c.ref, f.product_id, f.rating, f.sealed_text, f.language, f.created_at, k.wrapped FROM feedback f LEFT JOIN customer c ON c.id = f.customer_id LEFT JOIN person_key k ON k.subject = 'c:' || f.customer_id)"
"$SCRATCH/release/obhut-bench" kernel "$DIR"
"$SCRATCH/release/obhut-bench" encryption "$N"
