# Inside a CloudStack lab host (after sim.sh): its systemd units and what the other hosts see of
# them. A unit runs as a real process (daemon_def in sim.sh); DIR/clusters/cloud1/active.HOST.UNIT
# tells the API (sim/cmk) on the other hosts, as the database heartbeat does for CloudStack.
CS_UNITS_FILE=$LAB/units          # the units this host has, one a line
CS_CAP=vm.min.memory.equals.memory.divided.by.mem.overprovisioning.factor

cs_host() { [ -f "$CS_UNITS_FILE" ]; }
cs_has_unit() { grep -qx "$1" "$CS_UNITS_FILE" 2>/dev/null; }
unit_active() { cs_has_unit "$1" && daemon_pid "$1" >/dev/null; }

# Whether HOST's UNIT runs, seen from anywhere in the cluster: the host is up and said so.
cs_remote_active() { [ -e "$CLUSTER_DIR/up.$1" ] && [ -e "$CLUSTER_DIR/active.$1.$2" ]; }

unit_start() {
  cs_has_unit "$1" || return 5
  daemon_start "$1" || true
  touch "$CLUSTER_DIR/active.$HOST.$1"
}
unit_stop() {
  cs_has_unit "$1" || return 5
  rm -f "$CLUSTER_DIR/active.$HOST.$1"
  daemon_stop "$1" || true
}
