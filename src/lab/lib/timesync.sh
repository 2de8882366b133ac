# Time sources of a simulated host (sourced after sim.sh by sim/chronyc, sim/timedatectl).
# An NTP server "answers" when it is on the lab's /24 (nothing is sent anywhere) and is not
# listed in /var/lib/lab/net/unreachable.
ntp_answers() { # ADDRESS
  case "$1" in "$LAB_NET".*) ! grep -qx "$1" "$LAB/net/unreachable" 2>/dev/null;; *) return 1;; esac
}
chrony_conf() { if [ -f /etc/chrony/chrony.conf ]; then echo /etc/chrony/chrony.conf; else echo /etc/chrony.conf; fi; }
chrony_servers() { # configured and added at run time, in order, once each
  { awk '$1=="server" || $1=="pool" {print $2}' "$(chrony_conf)" 2>/dev/null; cat "$LAB/chrony_added" 2>/dev/null; } | awk '!seen[$0]++'
}
timesyncd_servers() {
  awk -F= '$1=="NTP" {gsub(/[ \t]+/, "\n", $2); print $2}' /etc/systemd/timesyncd.conf 2>/dev/null | awk 'NF'
}
first_answering() { local s; for s in "$@"; do ntp_answers "$s" && { echo "$s"; return 0; }; done; return 1; }
hex_id() { local IFS=.; set -- $1; printf '%02X%02X%02X%02X' "$1" "$2" "$3" "$4"; }
# chrony's %S: a signed value with a unit, as in 'chronyc sources' (-923us, +12ms, +1.2s)
chrony_value() { # SECONDS [sign]
  awk -v v="$1" -v sign="${2:-}" 'BEGIN{a = v < 0 ? -v : v; s = (v < 0) ? "-" : (sign ? "+" : "");
    if (a < 0.000001) printf "%s%dns", s, a * 1e9; else if (a < 0.001) printf "%s%dus", s, a * 1e6;
    else if (a < 1) printf "%s%dms", s, a * 1e3; else printf "%s%.1fs", s, a}'
}
# systemd-timesyncd starting: it steps the clock at once when one of its servers answers.
timesyncd_start() {
  daemon_start systemd-timesyncd || true
  local s servers
  mapfile -t servers < <(timesyncd_servers)
  if s=$(first_answering "${servers[@]}"); then
    clock_off_by 0.000001 && syslog "systemd-timesyncd[$(daemon_pid systemd-timesyncd)]" "Initial clock synchronization to $(host_date '+%a %Y-%m-%d %H:%M:%S.%6N %Z')."
    echo 0 >"$LAB/clock_offset"
    syslog "systemd-timesyncd[$(daemon_pid systemd-timesyncd)]" "Contacted time server $s:123 ($s)."
  fi
}
