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
# The keyboard journey (tests/test_keyboard_journey.py) needs a real X server, a window
# manager and xdotool; the handout tests need pdftotext. As root they are installed, and
# then those tests must run, not skip.
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  # pdftotext (poppler-utils) reads the handout back page by page.
  if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null || ! command -v openbox >/dev/null \
     || ! command -v pdftotext >/dev/null; then
    apt_get update -qq
    apt_get install -y -qq --no-install-recommends xvfb xdotool openbox poppler-utils >/dev/null
  fi
  export CASELOAD_REQUIRE_XVFB=1 CASELOAD_REQUIRE_POPPLER=1
fi
# For the pytest-qt tests; the keyboard journey removes it for the app it starts.
export QT_QPA_PLATFORM=offscreen
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== architectuur (import-linter)"
.venv/bin/lint-imports
echo "== tests"
.venv/bin/python -m pytest "$@"
