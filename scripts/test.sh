#!/usr/bin/env bash
# Set up (if needed) and run every check: ruff, the architecture contract, the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/apt.sh
bash scripts/setup.sh
# NSIS lets the tests compile the Windows installer script on Linux.
if [ "$(id -u)" = 0 ] && ! command -v makensis >/dev/null 2>&1 && command -v apt-get >/dev/null; then
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends nsis desktop-file-utils >/dev/null
fi
export QT_QPA_PLATFORM=offscreen
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== architectuur (import-linter)"
.venv/bin/lint-imports
echo "== tests"
.venv/bin/python -m pytest "$@"
