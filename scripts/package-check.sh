#!/usr/bin/env bash
# Build the Linux package and prove it works: extract it and run the bundled self-test in a
# clean environment, check what it contains, install it with apt, run it from PATH, remove it;
# then the same on a minimal Debian root, with a screenshot (scripts/clean-root-check.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/apt.sh
bash scripts/setup.sh
if [ "$(id -u)" = 0 ]; then
  need=""
  # PyInstaller bundles Python's shared library, which plain python3 does not install.
  pyver=$(.venv/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  # Building and checking the package; a minimal Debian root, an X server and OCR for it.
  for pkg in "libpython$pyver" dpkg-dev lintian desktop-file-utils binutils nsis debootstrap \
    xvfb tesseract-ocr; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
  done
  if [ -n "$need" ]; then
    apt_get update -qq
    apt_get install -y -qq --no-install-recommends $need >/dev/null
  fi
fi
.venv/bin/python -m pip install -q -e ".[build]"
.venv/bin/python build_installer.py
deb=$(ls dist/caseload-desk_*_amd64.deb)

echo "== zelftest uit het uitgepakte pakket, schone omgeving"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
(cd / && env -i PATH=/usr/bin:/bin HOME="$root" LANG=C.UTF-8 "$root/opt/caseload-desk/caseload-desk" --self-test)

echo "== inhoud van de bundel"
if find "$root/opt/caseload-desk" -type d \( -name tests -o -name test \) | grep -q .; then
  echo "FOUT: de bundel bevat testmappen" >&2; exit 1
fi
for addon in Qt6Quick Qt6Qml Qt6Sql Qt6Test Qt6Designer Qt6Help Qt6Pdf Qt6WebEngine; do
  if find "$root/opt/caseload-desk" -name "lib${addon}*" | grep -q .; then
    echo "FOUT: ongebruikte Qt-module in de bundel: $addon" >&2; exit 1
  fi
done
echo "bundel: $(du -sh "$root/opt/caseload-desk" | cut -f1), pakket: $(du -h "$deb" | cut -f1)"

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installeren met apt, starten vanaf PATH, verwijderen"
  apt_get install -y -qq "./$deb" >/dev/null
  (cd / && env -i PATH=/usr/bin:/bin HOME="$root" LANG=C.UTF-8 caseload-desk --self-test | tail -1)
  test -f /usr/share/applications/caseload-desk.desktop
  test -f /usr/share/icons/hicolor/256x256/apps/caseload-desk.png
  apt_get remove -y -qq caseload-desk >/dev/null
  if [ -e /opt/caseload-desk ] || [ -e /usr/bin/caseload-desk ]; then
    echo "FOUT: na apt-get remove staat er nog iets" >&2; exit 1
  fi
  echo "installeren en verwijderen: in orde"
  bash scripts/clean-root-check.sh "$deb"
fi
echo "Pakketcontrole geslaagd."
