# Shared by the simulated commands inside a lab host (/opt/lab/src/lib/sim.sh).
LAB=/var/lib/lab
LAB_SRC=/opt/lab/src
IDLE=/opt/lab/bin/lab-idle
. "$LAB_SRC/lib/hosts.sh"
HOST=$(cat "$LAB/host" 2>/dev/null || hostname)
ROLE=$(lab_host_role "$HOST")
ZONE=$(lab_host_zone "$HOST")
CLUSTER_DIR=$LAB/cluster

# The lab's /24: from the environment (the host's init and SSH sessions set it), else what lab up wrote.
[ -n "${LAB_NET:-}" ] || LAB_NET=$(cat "$LAB/lab_net" 2>/dev/null || echo 127.0.2)

# The host's clock: the machine's clock plus a per-host offset in seconds, fractions allowed
# (clock-skew scenario: 0.3). host_now prints seconds.nanoseconds like `date +%s.%N`.
clock_offset() { cat "$LAB/clock_offset" 2>/dev/null || echo 0; }
clock_offset_ns() { awk -v o="$(clock_offset)" 'BEGIN{printf "%.0f", o * 1e9}'; }
host_now() { local ns; ns=$(( $(/usr/bin/date +%s%N) + $(clock_offset_ns) )); printf '%d.%09d\n' $((ns / 1000000000)) $((ns % 1000000000)); }
# true when the host's clock is off by at least SECONDS (default 1)
clock_off_by() { awk -v o="$(clock_offset)" -v l="${1:-1}" 'BEGIN{exit !(o >= l || -o >= l)}'; }
host_date() { /usr/bin/date -d "@$(host_now)" "$@"; }

# A line in /var/log/messages, syslog style, in the host's time.
syslog() { # TAG MESSAGE...
  local tag=$1; shift
  # a user who may not write the log (orchard) logs nothing; the braces make the failed
  # redirection itself quiet too (a plain 2>/dev/null comes after it and is too late)
  { echo "$(host_date '+%b %e %H:%M:%S') $HOST $tag: $*" >>/var/log/messages; } 2>/dev/null || true
}

# A command that this kind of host does not have.
only_on() { # ROLE... ; exits 127 like bash when the command does not exist here
  local r; for r in "$@"; do [ "$ROLE" = "$r" ] && return 0; done
  echo "bash: ${0##*/}: command not found" >&2; exit 127
}

with_lock() { # NAME CMD... : serialise state changes
  local name=$1; shift
  ( flock -w 10 9; "$@" ) 9>"$LAB/.$name.lock"
}

# ---- daemons: real long-lived processes named like the real ones --------------------------
# name | user | argv0 (what ps shows) | workers (|-separated argv0s) | comm
daemon_def() {
  case "$1" in
    nginx) echo "root|nginx: master process /usr/sbin/nginx -g daemon on; master_process on;|nginx: worker process|nginx: worker process|nginx";;
    pvdi_was) echo "orchard|uwsgi --ini /home/orchard/pvdi/conf/pvdi_uwsgi.ini|uwsgi --ini /home/orchard/pvdi/conf/pvdi_uwsgi.ini|uwsgi --ini /home/orchard/pvdi/conf/pvdi_uwsgi.ini|uwsgi";;
    pvdi_was_web) echo "orchard|uwsgi --ini /home/orchard/pvdi/conf/pvdi_uwsgi_web.ini|uwsgi --ini /home/orchard/pvdi/conf/pvdi_uwsgi_web.ini||uwsgi";;
    graphite_was) echo "orchard|uwsgi --ini /home/orchard/pvdi/conf/graphite_uwsgi.ini|uwsgi --ini /home/orchard/pvdi/conf/graphite_uwsgi.ini||uwsgi";;
    carbon-cache) echo "orchard|/usr/bin/python /opt/graphite/bin/carbon-cache.py start|||python";;
    pemon) echo "orchard|/usr/bin/python /home/orchard/pvdi/bin/pemon.py|||pemon";;
    ntpd) echo "root|/usr/sbin/ntpd -p /var/run/ntpd.pid -g -u 108:114|||ntpd";;
    chronyd) echo "root|/usr/sbin/chronyd -F 1|||chronyd";;
    systemd-timesyncd) echo "root|/lib/systemd/systemd-timesyncd|||systemd-timesyn";;
    rpcbind) echo "root|/sbin/rpcbind -w|||rpcbind";;
    rpc.statd) echo "root|rpc.statd|||rpc.statd";;
    rpc.mountd) echo "root|rpc.mountd|||rpc.mountd";;
    rpc.rquotad) echo "root|rpc.rquotad|||rpc.rquotad";;
    nfsd) echo "root|[nfsd]|[nfsd]|[nfsd]|nfsd";;
    heartbeat) echo "root|heartbeat: master control process|heartbeat: FIFO reader|heartbeat: write: bcast eth1|heartbeat";;
    lifekeeper) echo "root|/opt/LifeKeeper/bin/lcm|/opt/LifeKeeper/bin/lcd|/opt/LifeKeeper/bin/ttymonlcm|lcm";;
    mysqld) echo "root|/usr/sbin/mysqld --basedir=/usr --datadir=/var/lib/mysql --user=mysql|||mysqld";;
    cloudstack-management) echo "root|/usr/bin/java -Djava.security.properties=/etc/cloudstack/management/java.security.ciphers -Xmx2G -cp /usr/share/cloudstack-management/lib/* org.apache.cloudstack.ServerDaemon|||java";;
    cloudstack-agent) echo "root|jsvc.exec -cp /usr/share/cloudstack-agent/lib/* -Dpid=0 com.cloud.agent.AgentShell|||jsvc";;
    libvirtd) echo "root|/usr/sbin/libvirtd --timeout 120|||libvirtd";;
    *) return 1;;
  esac
}
daemon_pidfile() { echo "/run/lab/$1.pid"; }
daemon_pid() { # prints the pid if the daemon runs
  local f p; f=$(daemon_pidfile "$1")
  p=$(cat "$f" 2>/dev/null) || return 1
  [ -n "$p" ] && kill -0 "$p" 2>/dev/null && echo "$p"
}
daemon_start() { # NAME ; 0 started, 1 already running
  local name=$1 def user argv0 w1 w2 comm pf
  def=$(daemon_def "$name") || return 2
  IFS='|' read -r user argv0 w1 w2 comm <<<"$def"
  daemon_pid "$name" >/dev/null && return 1
  pf=$(daemon_pidfile "$name")
  local spawn=""; [ -n "$w1" ] && spawn=$w1; [ -n "$w2" ] && spawn="$spawn|$w2"
  local -a asuser=()
  [ "$user" != root ] && [ "$(id -u)" = 0 ] && asuser=(setpriv --reuid="$user" --regid="$user" --init-groups)
  [ "$user" != root ] && [ "$(id -un)" != "$user" ] && [ "$(id -u)" != 0 ] && { echo "$name: must be started as $user" >&2; return 3; }
  rm -f "$pf"
  # setsid -f: the daemon leaves the caller's session, so an SSH command returns at once.
  LAB_SPAWN="$spawn" LAB_COMM="$comm" setsid -f 9>&- "${asuser[@]}" /bin/bash -c \
    'echo $$ > "$0"; cd /; exec -a "$1" "$2"' "$pf.tmp.$$" "$argv0" "$IDLE" </dev/null >/dev/null 2>&1
  for _ in $(seq 50); do [ -s "$pf.tmp.$$" ] && break; sleep 0.02; done
  mv -f "$pf.tmp.$$" "$pf" 2>/dev/null || cat "$pf.tmp.$$" >"$pf"
  return 0
}
daemon_stop() { # NAME ; 0 stopped, 1 was not running
  local name=$1 p
  p=$(daemon_pid "$name") || { rm -f "$(daemon_pidfile "$name")"; return 1; }
  kill -TERM "$p" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.02; done
  rm -f "$(daemon_pidfile "$name")"
  return 0
}
