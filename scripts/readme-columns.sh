#!/usr/bin/env bash
# Regenerates the import-column tables in README.md from the importer's own catalogue.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product obhut >/dev/null
table=$(.build/debug/obhut columns --markdown --lang en)
python3 - "$table" <<'PY'
import sys, re
table = sys.argv[1]
readme = open("README.md").read()
new = re.sub(r"<!-- columns:begin -->.*<!-- columns:end -->", "<!-- columns:begin -->\n" + table.strip() + "\n<!-- columns:end -->", readme, flags=re.S)
open("README.md", "w").write(new)
PY
