# apt-get for the scripts (source it): waits while another apt or dpkg run holds a lock,
# says who holds it, and only then fails. Set APT_CHROOT=dir to work inside a chroot.
#
# Why not just `-o DPkg::Lock::Timeout`: apt 2.6 (Debian 12) honours it only for dpkg's own
# locks (install, remove). `apt-get update` fails at once on /var/lib/apt/lists/lock, and a
# download fails at once on /var/cache/apt/archives/lock (tried: holding each lock with
# another process). So this helper also watches those locks itself, through /proc/locks.

APT_LOCK_WAIT=${APT_LOCK_WAIT:-900} # seconds to wait for another apt run, at most
# apt's and dpkg's lock files, relative to / (or APT_CHROOT); tests may set their own.
APT_LOCKS=${APT_LOCKS-"var/lib/dpkg/lock-frontend var/lib/dpkg/lock var/lib/apt/lists/lock \
var/cache/apt/archives/lock"}

# The processes that hold an apt or dpkg lock now, as "pid (name)", one per line.
apt_lock_holders() {
  local file id pid
  for file in $APT_LOCKS; do
    file="${APT_CHROOT:-}/$file"
    [ -e "$file" ] || continue
    # /proc/locks names a file as <major>:<minor>:<inode> (hex, hex, decimal); "->" lines wait.
    id=$(printf '%02x:%02x:%s' "$(stat -c %Hd "$file")" "$(stat -c %Ld "$file")" \
      "$(stat -c %i "$file")")
    for pid in $(awk -v id="$id" '$2 != "->" && $6 == id { print $5 }' /proc/locks); do
      echo "$pid ($(cat "/proc/$pid/comm" 2>/dev/null || echo '?'))"
    done
  done | sort -u
}

# apt_get ARGS...: apt-get ARGS, non-interactive, after any other apt run has finished.
apt_get() {
  local start=$SECONDS holders err rc told=""
  err=$(mktemp)
  while :; do
    holders=$(apt_lock_holders | paste -sd, -)
    if [ -z "$holders" ]; then
      rc=0
      DEBIAN_FRONTEND=noninteractive ${APT_CHROOT:+chroot "$APT_CHROOT"} apt-get \
        -o DPkg::Lock::Timeout="$APT_LOCK_WAIT" "$@" 2>"$err" || rc=$?
      # Another run may have taken a lock between our look and apt's: then wait again.
      if [ "$rc" = 0 ] || ! grep -q "Could not get lock" "$err"; then
        cat "$err" >&2
        rm -f "$err"
        return "$rc"
      fi
      holders=$(grep -o "held by process .*" "$err" | head -1)
    fi
    if [ $((SECONDS - start)) -ge "$APT_LOCK_WAIT" ]; then
      cat "$err" >&2
      rm -f "$err"
      echo "Fout: apt/dpkg is na ${APT_LOCK_WAIT} s nog steeds bezet ($holders)." \
        "Wacht tot dat klaar is, of stop het, en probeer opnieuw." >&2
      return 100
    fi
    if [ -z "$told" ]; then
      echo "Een ander apt-/dpkg-proces is bezig ($holders); wachten tot het klaar is" \
        "(hooguit ${APT_LOCK_WAIT} s)..." >&2
      told=1
    fi
    sleep 2
  done
}
