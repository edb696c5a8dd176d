#!/usr/bin/env bash
# Set up everything Caseload Desk needs on a fresh Debian machine (Python 3.11+):
# the system libraries Qt loads, a virtualenv in .venv, the package and its test tools.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/apt.sh

# Libraries the PySide6 wheels load (also offscreen), plus xcb for a real window and cups for
# printing; a font and its configuration. A package build takes these from this machine
# (build_installer.py names what is missing: checked with ldd on a minimal Debian root).
APT_PACKAGES="libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0 \
libxkbcommon-x11-0 libdbus-1-3 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 \
libxcb-xkb1 libx11-xcb1 libcups2 fontconfig-config fonts-dejavu-core"

missing=""
if command -v dpkg >/dev/null 2>&1; then
  for pkg in $APT_PACKAGES; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
  done
fi
PY=${PYTHON:-python3}
if ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  missing="$missing python3-venv"
fi
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Systeempakketten installeren:$missing"
    apt_get update -qq
    apt_get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "Let op: ontbrekende systeempakketten:$missing (installeer ze als root)" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
