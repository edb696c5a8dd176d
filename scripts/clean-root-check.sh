#!/usr/bin/env bash
# Prove a built .deb works on a minimal Debian of this machine's release (debootstrap
# --variant=minbase: no fonts, no X, nothing a desktop brings along), so every runtime need
# must come from the package's Depends. Run as root; called by scripts/package-check.sh.
#
#   bash scripts/clean-root-check.sh dist/caseload-desk_<versie>_amd64.deb
#
# In the root: install the .deb with apt, run the self-test, start the GUI on an X server of
# this machine (Xvfb) and read the screen with OCR (glyphs drawn as boxes give no words),
# start the GUI without a display (a Dutch message, exit 2), then remove the font and check
# that the self-test now fails and the screen has no readable text. The root is cached as a
# tarball per release in $CASELOAD_CI_CACHE (default /var/cache/caseload-desk-ci).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/apt.sh
deb=$(realpath "${1:?gebruik: clean-root-check.sh PAKKET.deb}")
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:?}")
arch=$(dpkg --print-architecture)
cache=${CASELOAD_CI_CACHE:-/var/cache/caseload-desk-ci}
tarball=$cache/debian-$codename-$arch-minbase.tar.gz
shots=$PWD/dist/pakketcontrole
# Words of the welcome screen that OCR must read (away from the pointer in the middle).
WORDS="jeugdzorgwerker praktijkbegeleider caseloadgesprek Peildatum"

work=$(mktemp -d /var/tmp/caseload-root.XXXXXX)
root=$work/root
xvfb_pid=""
failures=0
t0=$SECONDS

# Mounts under $work, deepest first.
mounts_in_work() { awk -v w="$work/" 'index($2, w) == 1 { print $2 }' /proc/self/mounts | sort -r; }

cleanup() {
  local pid m
  # Processes started in the root (the GUI, maybe a hanging self-test), then the X server.
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ] && kill -9 "$pid" 2>/dev/null
  done
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  for m in $(mounts_in_work); do
    umount "$m" 2>/dev/null || umount --lazy "$m"
  done
  # Never rm -rf through a mount point: that would delete the host's /proc or worse.
  if [ -n "$(mounts_in_work)" ]; then
    echo "LET OP: nog gekoppeld onder $work; niet verwijderd." >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM # so an interrupted run cleans up too

step() { echo "== [$((SECONDS - t0)) s] $*"; }
fail() {
  echo "FOUT: $*" >&2
  failures=$((failures + 1))
}
# A command in the root with a clean environment, as a user's shell would start it.
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

# The mirror of this machine's release, from its own apt sources (deb822 or one-line).
host_mirror() {
  apt-get indextargets --no-release-info --format '$(RELEASE) $(REPO_URI)' \
    'Identifier: Packages' | awk -v c="$codename" '$1 == c { print $2; exit }'
}

make_root() {
  local mirror proxy=""
  mirror=$(host_mirror)
  if [ -z "$mirror" ]; then
    echo "Fout: geen apt-bron voor '$codename' in de apt-instellingen van deze machine." >&2
    exit 1
  fi
  eval "$(apt-config shell proxy Acquire::http::Proxy)"
  step "minimale Debian-root maken: debootstrap --variant=minbase $codename (eenmalig)"
  if ! http_proxy=${http_proxy:-$proxy} debootstrap --variant=minbase "$codename" "$root" \
    "$mirror" >"$work/debootstrap.log" 2>&1; then
    tail -20 "$work/debootstrap.log" >&2
    echo "Fout: debootstrap mislukt (log hierboven)." >&2
    exit 1
  fi
  chroot "$root" apt-get clean
  mkdir -p "$cache"
  tar -C "$root" -czf "$tarball.$$" . && mv "$tarball.$$" "$tarball"
  echo "bewaard voor een volgende keer: $tarball ($(du -h "$tarball" | cut -f1))"
}

# What apt in the root needs from the host: name resolution and the host's apt proxy.
prepare_root() {
  cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  apt-config dump | grep -E '^Acquire::((https?|ftp)::Proxy|Check-Valid-Until|Check-Date) ' \
    >"$root/etc/apt/apt.conf.d/01host" || true
  mount -t proc proc "$root/proc" # the bundle finds itself through /proc/self/exe
  cp "$deb" "$root/tmp/"
}

# Start the GUI in the root on the host's Xvfb and read the screen. $1: png name, $2: expect
# "tekst" (the words must be read) or "geen tekst" (they must not).
screen_check() {
  local png=$shots/$1 app rc=0
  in_root env DISPLAY=":$display" caseload-desk >"$work/gui.log" 2>&1 &
  app=$!
  QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screen_text.py \
    "$work/fb/Xvfb_screen0" "$png" $WORDS || rc=$?
  if ! kill -0 "$app" 2>/dev/null; then
    fail "de GUI stopte vanzelf: $(tail -5 "$work/gui.log")"
  fi
  kill "$app" 2>/dev/null && wait "$app" 2>/dev/null || true
  case "$2/$rc" in
    tekst/0 | "geen tekst/1") echo "in orde: $2 op het scherm ($png)" ;;
    tekst/*) fail "de tekst op het scherm is niet leesbaar (zie $png)" ;;
    *) fail "verwacht: geen leesbare tekst zonder lettertype, exitcode $rc (zie $png)" ;;
  esac
}

mkdir -p "$shots"
# A cached root older than 30 days is made anew, so the check keeps up with the release.
if [ -s "$tarball" ] && [ -z "$(find "$tarball" -mtime +30)" ]; then
  step "minimale Debian-root ($codename) uit $tarball"
  mkdir "$root"
  if ! tar -C "$root" -xzf "$tarball" || [ ! -x "$root/usr/bin/apt-get" ]; then
    echo "De bewaarde root is onleesbaar; opnieuw maken." >&2
    rm -rf "$root"
    make_root
  fi
else
  make_root
fi
prepare_root

step "pakket installeren met apt in de schone root"
APT_CHROOT=$root apt_get update -qq
APT_CHROOT=$root apt_get install -y -qq -o Dpkg::Use-Pty=0 "/tmp/$(basename "$deb")" >/dev/null
echo "meegekomen voor tekst: $(in_root dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' \
  'fontconfig*' 'fonts-*' 2>/dev/null | awk '$1 == "ii" { printf "%s ", $2 }')"

step "zelftest in de schone root"
if in_root caseload-desk --self-test >"$work/selftest.log" 2>&1; then
  tail -1 "$work/selftest.log"
else
  cat "$work/selftest.log"
  fail "de zelftest faalt in de schone root"
fi
if grep -i "fontconfig error" "$work/selftest.log"; then
  fail "fontconfig vindt zijn instellingen niet (/etc/fonts/fonts.conf)"
fi

step "venster in de schone root op Xvfb, tekst lezen met OCR"
mkdir "$work/fb"
# -displayfd: Xvfb picks a free display and writes its number when it is ready. The root
# reaches it through the abstract socket, which a chroot shares with the host.
Xvfb -displayfd 3 -screen 0 1366x768x24 -fbdir "$work/fb" -nolisten tcp \
  3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do
  [ -s "$work/display" ] && break
  sleep 0.1
done
display=$(cat "$work/display")
screen_check welkomstscherm.png tekst

step "venster zonder beeldscherm: een Nederlandse melding en exitcode 2"
rc=0
timeout 30 chroot "$root" env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
  caseload-desk >"$work/nodisplay.log" 2>&1 || rc=$?
sed 's/^/  | /' "$work/nodisplay.log" | head -5
if [ "$rc" != 2 ]; then
  fail "zonder beeldscherm: exitcode $rc, verwacht 2"
elif ! grep -qi "beeldscherm" "$work/nodisplay.log"; then
  fail "zonder beeldscherm: geen Nederlandse melding over het scherm"
fi

step "lettertype weg (dpkg --purge --force-depends fonts-dejavu-core): de zelftest moet falen"
chroot "$root" dpkg --purge --force-depends fonts-dejavu-core >/dev/null 2>&1
rc=0
in_root caseload-desk --self-test >"$work/selftest-nofont.log" 2>&1 || rc=$?
grep -E "^FOUT" "$work/selftest-nofont.log" || true
if [ "$rc" != 1 ]; then
  fail "zonder lettertype: zelftest gaf exitcode $rc, verwacht 1 (hij merkt het niet op)"
fi
screen_check zonder-lettertype.png "geen tekst"

echo "schermafbeeldingen: $shots"
if [ "$failures" -gt 0 ]; then
  echo "Schone root: $failures controle(s) mislukt." >&2
  exit 1
fi
echo "Schone root ($codename, minbase): in orde, in $((SECONDS - t0)) s."
