#!/bin/bash
# The power switch of one simulated host, running in the machine's own namespaces.
# Boots the host (lib/hostinit.sh under unshare) whenever it should be on, and notices when
# it went down: `reboot` inside the host writes power=reboot and ends the host's init, so the
# supervisor waits LAB_REBOOT_DELAY seconds (the "POST") and boots it again; `halt` writes
# power=off and it stays off until `lab fault HOST power-on`. A master VM host is on exactly
# while its domain runs in `xl list` of its node (so `xl shutdown mastervm01` on node1 really
# takes mastervm01's sshd down, and `xl create` brings it back).
H=$1 DIR=$2 SRC=$3
. "$SRC/lib/hosts.sh"
. "$DIR/lab.env" 2>/dev/null
S=$DIR/hosts/$H/state
HV=$(lab_host_hypervisor "$H"); [ "$HV" = - ] && HV=""
UPID=""
log() { echo "$(date '+%F %T') supervise $H: $*"; }

stop_host() {
  local ip; ip=$(cat "$DIR/run/$H.init" 2>/dev/null)
  [ -n "$ip" ] && kill -TERM "$ip" 2>/dev/null
  for _ in $(seq 30); do kill -0 "$UPID" 2>/dev/null || break; sleep 0.1; done
  [ -n "$UPID" ] && kill -KILL "$UPID" 2>/dev/null
  [ -n "$ip" ] && kill -KILL "$ip" 2>/dev/null
  wait "$UPID" 2>/dev/null
}
trap 'log "stopping"; [ -n "$UPID" ] && stop_host; rm -f "$DIR/run/$H.init"; exit 0' TERM INT

# Is domain $1 running on node $2? (a domain being shut down counts until its deadline)
# Bash builtins only: the supervisors poll, and must cost next to nothing.
dom_running() {
  local f=$DIR/hosts/$2/state/xl/domains n id m v c cfg st dl rest now
  printf -v now '%(%s)T' -1
  [ -f "$f" ] || return 1
  while read -r n id m v c cfg st dl rest; do
    [ "$n" = "$1" ] && { [ "$st" = run ] || [ "${dl:-0}" -gt "$now" ]; } && return 0
  done <"$f"
  return 1
}
power() { local p=off; read -r p <"$1/power" 2>/dev/null; echo "$p"; }
should_run() {
  local p
  if [ -n "$HV" ]; then
    read -r p <"$DIR/hosts/$HV/state/power" 2>/dev/null || p=off
    [ "$p" = on ] && [ -f "$DIR/run/$HV.init" ] && dom_running "$H" "$HV"
  else
    read -r p <"$S/power" 2>/dev/null || p=off
    [ "$p" = on ]
  fi
}

while :; do
  if ! should_run; then sleep 0.5; continue; fi
  [ -n "$HV" ] && echo on >"$S/power"
  log "booting"
  unshare --mount --uts --ipc --pid --fork --kill-child=SIGKILL -- "$SRC/lib/hostinit.sh" "$H" "$DIR" "$SRC" &
  UPID=$!
  for _ in $(seq 50); do IP=$(pgrep -P "$UPID" | head -1); [ -n "$IP" ] && break; sleep 0.05; done
  echo "$IP" >"$DIR/run/$H.init"
  if [ -n "$HV" ]; then
    while kill -0 "$UPID" 2>/dev/null; do
      if ! should_run; then log "domain gone from $HV: powering off"; echo off >"$S/power"; stop_host; break; fi
      sleep 0.5
    done
  fi
  wait "$UPID" 2>/dev/null; UPID=""
  rm -f "$DIR/run/$H.init"
  case "$(power "$S")" in
    reboot) log "rebooting"; sleep "${LAB_REBOOT_DELAY:-5}"; echo on >"$S/power";;
    on) log "init died unexpectedly (crash): restarting in 2s"; sleep 2;;
    *) log "powered off";;
  esac
done
