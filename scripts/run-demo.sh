#!/usr/bin/env bash
# Set up (if needed), create the demo database and start Caseload Desk on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DB=${CASELOAD_DEMO_DB:-demo.db}
[ -f "$DB" ] || .venv/bin/caseload-desk demo --db "$DB"
exec .venv/bin/caseload-desk signals --db "$DB"
