#!/usr/bin/env bash
# Prints README's roles table (endpoint x role: ✓ / masked / —), generated from the server's
# endpoint catalog by RolesTable.markdown() through the RolesTableTests suite.
# Usage: scripts/roles-table.sh [--scratch-path DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${2:-.build}"
OBHUT_PRINT_ROLES_TABLE=1 swift test --scratch-path "$scratch" --filter 'RolesTableTests/readmeTableEqualsTheGeneratedOne' 2>/dev/null \
    | sed -n '/<!-- roles:begin -->/,/<!-- roles:end -->/p'
