# Scenarios and faults (README.md "Scenarios"). Sourced by `lab`; uses lab_exec, DIR.
hs() { echo "$DIR/hosts/$1/state"; }
hr() { echo "$DIR/hosts/$1/root"; }

# After every host booted: what the estate's operators had done before we look at it.
start_master_vms() {
  local n
  for n in node1 node2 node3; do
    lab_exec "$n" "cd /data && xl create -q $(lab_node_mastervm "$n").cfg" || die "$n: cannot start its master VM"
  done
}

apply_scenario() {
  start_master_vms
  case "$1" in
    healthy) ;;
    *) apply_fault "$(scenario_host "$1")" "$1";;
  esac
}

scenario_host() {
  case "$1" in
    clock-skew) echo node2;;
    ha-resource-stopped|db-backup-stale) echo mastervm01;;
    drbd-splitbrain) echo nas1;;
    lk-splitbrain|lk-data-corrupt) echo lk1;;
    *) echo node1;;
  esac
}

apply_fault() {
  local h=$1 f=$2
  case "$f" in
    power-on) echo on >"$(hs "$h")/power";;
    power-off) echo off >"$(hs "$h")/power"; lab_exec "$h" "kill -TERM 1" || true;;
    *) die "unknown fault '$f'";;
  esac
}
