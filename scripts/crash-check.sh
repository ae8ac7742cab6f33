#!/usr/bin/env bash
# Crash safety (issue 9): kills obhut with SIGKILL at random moments during an import, an
# activity run, an erasure and retention, KILLS times (default 100), and checks after each kill
# that the database opens (integrity_check), that counts match what was committed, that the audit
# chain verifies and that nobody is half erased. The checks are in scripts/crash_check.py.
#
# Usage: scripts/crash-check.sh
#   KILLS=100        processes to kill
#   SEED=1           seed of the operations and kill delays (a failure prints it)
#   CUSTOMERS=20000  size of the demo shop
#   IMPORT_ROWS=100000 order lines per import file (customers files: a tenth)
#   SKIP_BUILD=1 BIN=path   use an existing binary instead of building the release one
#   WORK=dir         keep the workspace and files there (default: a temporary folder, removed)
# Exits non-zero on any failure. Needs python3 and the sqlite3 command-line tool.
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${KILLS:-100}
SEED=${SEED:-1}
CUSTOMERS=${CUSTOMERS:-20000}
IMPORT_ROWS=${IMPORT_ROWS:-100000}
SCRATCH=${SCRATCH:-.build-h}
if [ -z "${SKIP_BUILD:-}" ]; then
    swift build -c release --scratch-path "$SCRATCH" --product obhut >/dev/null
    BIN=${BIN:-$SCRATCH/release/obhut}
fi
BIN=$(realpath "${BIN:-$SCRATCH/release/obhut}")
command -v sqlite3 >/dev/null || { echo "crash-check: the sqlite3 command-line tool is needed" >&2; exit 2; }
if [ -n "${WORK:-}" ]; then
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d /tmp/obhut-crash.XXXX)
    trap 'rm -rf "$WORK"' EXIT
fi
echo "crash-check: demo shop of $CUSTOMERS customers in $WORK/ws"
start=$(date +%s)
"$BIN" demo --customers "$CUSTOMERS" --seed "$SEED" --fresh --dir "$WORK/ws" >/dev/null
echo "crash-check: demo built in $(( $(date +%s) - start )) s"
python3 scripts/crash_check.py --bin "$BIN" --dir "$WORK/ws" --work "$WORK" --kills "$KILLS" --seed "$SEED" \
    --import-rows "$IMPORT_ROWS" ${STOP_ON_FAILURE:+--stop-on-failure}
