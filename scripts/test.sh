#!/usr/bin/env bash
# Set up (if needed) and run every check: ruff, the architecture contract, the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== architectuur (import-linter)"
.venv/bin/lint-imports
echo "== tests"
.venv/bin/python -m pytest "$@"
