#!/usr/bin/env bash
# Set up (if needed), create the demo database and start Caseload Desk on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DB=${CASELOAD_DEMO_DB:-demo.db}
[ -f "$DB" ] || .venv/bin/caseload-desk demo --db "$DB"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "Geen beeldscherm gevonden: hieronder de signalen van $DB op de opdrachtregel."
  echo "Met een bureaublad (of: xvfb-run bash scripts/run-demo.sh) start het venster."
  exec .venv/bin/caseload-desk signals --db "$DB"
fi
exec .venv/bin/caseload-desk gui --db "$DB"
