# The init (PID 1) of a simulated host, inside its chroot and namespaces. Brings the host up
# the way its init scripts would, starts sshd, reaps orphans, and on SIGTERM (reboot, halt,
# lab down) shuts down: every process of the host ends with it (the PID namespace dies).
. /opt/lab/src/lib/sim.sh
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

shutdown_host() {
  rm -f "$CLUSTER_DIR/up.$HOST" 2>/dev/null
  syslog "kernel" "Kernel logging (proc) stopped."
  syslog "rsyslogd" "[origin software=\"rsyslogd\"] exiting on signal 15."
  kill -TERM -1 2>/dev/null
  sleep 0.2
  kill -KILL -1 2>/dev/null
  exit 0
}
trap shutdown_host TERM INT

mkdir -p /run/lab /run/lock /run/sshd /run/xen; chmod 1777 /run/lab
mount -t tmpfs -o size=1m tmpfs /run/sshd 2>/dev/null; chmod 755 /run/sshd

syslog "kernel" "[    0.000000] Linux version 4.19.0-25-amd64 (debian-kernel@lists.debian.org) (gcc version 8.3.0 (Debian 8.3.0-6)) #1 SMP Debian 4.19.289-2 (2023-08-08)"
syslog "kernel" "[    0.000000] Command line: placeholder root=/dev/sda1 ro quiet"
syslog "rsyslogd" "[origin software=\"rsyslogd\" swVersion=\"8.1901.0\"] start"

# Per-role boot sequence: one command per line in the host's boot list.
if [ -f "$LAB/boot" ]; then
  while IFS= read -r line; do
    [ -z "$line" ] || [ "${line#\#}" != "$line" ] && continue
    bash -c "$line" </dev/null >>/var/log/boot.log 2>&1
  done <"$LAB/boot"
fi
date -u +%s >"$LAB/boot_time"

/usr/sbin/sshd -D -E /var/log/sshd.log &
syslog "sshd[$!]" "Server listening on $(lab_host_addr "$HOST") port $(awk '/^Port/{print $2}' /etc/ssh/sshd_config)."

while :; do
  sleep 3600 &
  wait $! 2>/dev/null
done
