#!/usr/bin/env bash
# Prints README's roles table (endpoint x role: ✓ / masked / —), generated from the server's
# endpoint catalog by RolesTable.markdown() through the RolesTableTests suite. Paste the output
# into README.md; the suite then checks that the two stay equal.
# Usage: scripts/roles-table.sh   (env: SCRATCH=.build, SKIP_BUILD=1 to use the last build)
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build}
extra=()
[ -z "${SKIP_BUILD:-}" ] || extra=(--skip-build)
OBHUT_PRINT_ROLES_TABLE=1 swift test --scratch-path "$SCRATCH" "${extra[@]}" --filter 'RolesTableTests' 2>/dev/null \
    | sed -n '/<!-- roles:begin -->/,/<!-- roles:end -->/p'
