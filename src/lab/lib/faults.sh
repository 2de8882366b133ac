# Scenarios and faults (README.md "Scenarios"). Sourced by `lab`; uses lab_exec, DIR, die.
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
  if lab_has_part base; then start_master_vms; fi
  case "$1" in
    cloudstack) ;;
    healthy) ;;
    *)
      local h; h=$(scenario_host "$1")
      # a master VM boots from its node's 'xl create' above, in the background: wait until it
      # answers before changing it (its fault ran too early and failed: "mastervm01 is not running")
      if [ "$(lab_host_role "$h")" = mastervm ]; then wait_ssh 40 "$h" || die "$h did not boot"; fi
      apply_fault "$h" "$1";;
  esac
}

scenario_host() {
  case "$1" in
    clock-skew) echo node2;;
    ha-resource-stopped|db-backup-stale|mastervm-down) echo mastervm01;;
    drbd-splitbrain) echo nas1;;
    lk-splitbrain|lk-data-corrupt) echo lk1;;
    ms-down) echo ms2;;
    host-not-vip|db-ha-inconsistent|memory-cap) echo ms1;;
    agent-down) echo kvm1;;
    *) echo node1;;
  esac
}

# A syslog line at a given epoch in a host's /var/log/messages (or another file).
log_at() { # HOST EPOCH TAG MESSAGE [FILE]
  local f=${5:-$(hr "$1")/var/log/messages}
  echo "$(date -d "@$2" '+%b %e %H:%M:%S') $1 $3: $4" >>"$f"
}

need_role() { [ "$(lab_host_role "$1")" = "$2" ] || die "fault $3 applies to a $2 host, not $1"; }

apply_fault() {
  local h=$1 f=$2 s r t
  s=$(hs "$h"); r=$(hr "$h")
  case "$f" in
    healthy) ;;
    power-on) echo on >"$s/power";;
    power-off|halt) echo off >"$s/power"; lab_exec "$h" "kill -TERM 1" || true;;
    crash) lab_exec "$h" "kill -KILL 1" 2>/dev/null || true;;
    guests-running)
      need_role "$h" node "$f"
      lab_exec "$h" "xl create -q /data/vm/win7-user01.cfg && xl create -q /data/vm/win7-user02.cfg";;
    gvm-running)
      need_role "$h" node "$f"
      lab_exec "$h" "xl create -q /data/vm/Windows_7_pro.cfg";;
    daemon-down|pemon-down)
      need_role "$h" node "$f"
      lab_exec "$h" "su - orchard -c 'cd ~/pvdi/scripts && ./pemon stop'" >/dev/null;;
    drbd-promote-refused)
      need_role "$h" storage "$f"
      touch "$DIR/clusters/nfs-ha/refuse-primary.$h";;
    drbd-promote-slow)
      need_role "$h" storage "$f"
      touch "$DIR/clusters/nfs-ha/slow-primary.$h";;
    drbd-promote-ok)
      need_role "$h" storage "$f"
      rm -f "$DIR/clusters/nfs-ha/refuse-primary.$h" "$DIR/clusters/nfs-ha/slow-primary.$h";;
    drbd-version-9|drbd-version-8)
      # the pair runs the DRBD 9 (or 8.4) kernel module: /proc/drbd, drbdadm and the kernel's words follow
      need_role "$h" storage "$f"
      echo "${f#drbd-version-}" >"$DIR/clusters/nfs-ha/version"
      lab_exec "$h" ". /opt/lab/src/lib/sim.sh; . /opt/lab/src/lib/drbd.sh; ( flock -w 10 9; gen_proc ) 9>\"\$CLUSTER_DIR/.drbd.lock\"";;
    storage-down)
      need_role "$h" node "$f"
      lab_exec "$h" "xl destroy $(lab_node_mastervm "$h") 2>/dev/null; sleep 0.3; umount /data; /etc/init.d/o2cb stop" >/dev/null
      t=$(date +%s)
      log_at "$h" $((t - 300)) kernel "o2hb: Heartbeat write timeout to device sdb after 60000 milliseconds"
      log_at "$h" $((t - 299)) kernel "ocfs2: Unmounting device (8,17) on (node 0)";;
    ha-resource-stopped)
      need_role "$h" mastervm "$f"
      lab_exec "$h" "crm resource stop DBFS Links Dbase";;
    mastervm-down)
      # its domain destroyed on its node: the host powers off with it, Pacemaker shows it Stopped
      # and the other master VM is the active one
      need_role "$h" mastervm "$f"
      local n; for n in node1 node2 node3; do
        [ "$(lab_node_mastervm "$n")" = "$h" ] && lab_exec "$n" "xl destroy $h" >/dev/null
      done
      for t in $(seq 1 100); do
        timeout 1 bash -c "exec 3<>/dev/tcp/$(lab_host_addr "$h")/$PORT" 2>/dev/null || break
        sleep 0.2
      done;;
    db-backup-stale)
      need_role "$h" mastervm "$f"
      . "$SRC/lib/populate.sh"; db_backups "$r" 3
      # the backup job has failed since: its logs say why
      t=$(( $(date +%s) - 2 * 86400 - 3 * 3600 ))
      local d; for d in 0 1 2; do
        local e=$((t + d * 86400)) day; day=$(date -d "@$e" +%Y%m%d)
        printf '[%s] db_backup start: mysqldump --single-transaction pvdi\n[%s] ERROR: mysqldump: Got error: 2002: Can'"'"'t connect to local MySQL server through socket '"'"'/var/run/mysqld/mysqld.sock'"'"' (2) when trying to connect\n[%s] db_backup failed (exit 2)\n' \
          "$(date -d "@$e" '+%F %T')" "$(date -d "@$((e + 1))" '+%F %T')" "$(date -d "@$((e + 1))" '+%F %T')" >"$r/home/orchard/pvdi/var/log/db_backup/db_backup_$day.log"
      done
      chown -R 1500:1500 "$r/home/orchard/pvdi/var/log/db_backup";;
    bond-degraded)
      need_role "$h" node "$f"
      printf 'eth0 up 0\neth1 down 1\n' >"$s/net/bond0"
      lab_exec "$h" ". /opt/lab/src/lib/sim.sh; . /opt/lab/src/lib/net.sh; gen_bonding; syslog kernel 'bonding: bond0: link status definitely down for interface eth1, disabling it'";;
    bridge-missing)
      need_role "$h" node "$f"
      awk '$1!="xenbr1"' "$s/net/bridges" >"$s/net/bridges.new" && mv -f "$s/net/bridges.new" "$s/net/bridges";;
    clock-skew)
      echo "${LAB_SKEW:-0.3}" >"$s/clock_offset";;
    gateway-unreachable)
      # the default gateway (or LAB_GATEWAY, e.g. the one a readdress will set) stops answering pings
      need_role "$h" node "$f"
      local gw=${LAB_GATEWAY:-$(cat "$s/net/gateway" 2>/dev/null)}
      [ -n "$gw" ] || die "$h has no default gateway; give LAB_GATEWAY"
      echo "$gw" >>"$s/net/unreachable";;
    gateway-reachable)
      need_role "$h" node "$f"
      rm -f "$s/net/unreachable";;
    address-unreachable)
      # sopctl cannot reach LAB_ADDRESS on this node once its bridge carries it (sshd does not listen there)
      need_role "$h" node "$f"
      [ -n "${LAB_ADDRESS:-}" ] || die "address-unreachable needs LAB_ADDRESS (the address a readdress will set)"
      echo "$LAB_ADDRESS" >>"$s/net/unlistened";;
    address-reachable)
      need_role "$h" node "$f"
      rm -f "$s/net/unlistened";;
    hang-xenballoon)
      need_role "$h" node "$f"
      t=$(( $(date +%s) - 26 * 3600 ))
      local m; for m in "$r/var/log/messages.1" "$r/var/log/messages"; do
        log_at "$h" "$t" kernel "INFO: task qemu-dm:4242 blocked for more than 120 seconds." "$m"
        log_at "$h" "$t" kernel "      Not tainted 4.19.0-25-amd64 #1 Debian 4.19.289-2" "$m"
        log_at "$h" "$t" kernel "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message." "$m"
        log_at "$h" "$t" kernel "qemu-dm        D ffff88003fc13680     0  4242      1 0x00000000" "$m"
        log_at "$h" "$t" kernel "Call Trace:" "$m"
        log_at "$h" "$t" kernel " [<ffffffff8163a909>] schedule+0x29/0x70" "$m"
        log_at "$h" "$t" kernel " [<ffffffff81638599>] schedule_timeout+0x209/0x2d0" "$m"
        log_at "$h" "$t" kernel " [<ffffffff813f1a2e>] alloc_xenballooned_pages+0x6e/0x170" "$m"
        log_at "$h" "$t" kernel " [<ffffffff813f5b9a>] gnttab_alloc_pages+0x1a/0x50" "$m"
        log_at "$h" "$t" kernel " [<ffffffffa0362c41>] gntdev_alloc_map+0x101/0x240 [xen_gntdev]" "$m"
        log_at "$h" "$t" kernel " [<ffffffff811e1b8d>] vfs_ioctl+0x2d/0x40" "$m"
        t=$((t + 3 * 3600))
      done;;
    hang-o2net)
      need_role "$h" node "$f"
      t=$(( $(date +%s) - 5 * 3600 ))
      local peer=node2; [ "$h" = node2 ] && peer=node1
      local pa; pa=$(lab_host_addr "$peer")
      log_at "$h" "$t" kernel "o2net: Connection to node $peer (num 1) at $pa:7777 has been idle for 30.0 secs."
      log_at "$h" "$t" kernel "o2net: No longer connected to node $peer (num 1) at $pa:7777"
      log_at "$h" $((t + 2)) kernel "o2cb: o2dlm has evicted node 1 from domain 1F0C6A4A1B2C4D5E8F90A1B2C3D4E5F6"
      log_at "$h" $((t + 40)) kernel "o2net: Connected to node $peer (num 1) at $pa:7777"
      log_at "$h" $((t + 3600)) kernel "o2net: Connection to node $peer (num 1) at $pa:7777 has been idle for 30.0 secs."
      log_at "$h" $((t + 3600)) kernel "o2net: No longer connected to node $peer (num 1) at $pa:7777";;
    drbd-splitbrain|lk-splitbrain|lk-data-corrupt|lk-healthy|lk-comm-dead|lk-comm-alive|lk-restore-refused)
      apply_cluster_fault "$h" "$f";;
    ms-down|ms-up|host-not-vip|host-is-vip|db-ha-inconsistent|agent-down|agent-up|memory-cap)
      apply_cloudstack_fault "$h" "$f";;
    *) die "unknown fault '$f' (see src/lab/README.md)";;
  esac
}

# the kernel's device prefix of the nas pair's DRBD messages (8.4 or 9, as the pair runs)
sb_dev() { # HOST
  if [ "$(cat "$DIR/clusters/nfs-ha/version" 2>/dev/null)" = 9 ]; then
    echo "drbd data/0 drbd0 $([ "$1" = nas1 ] && echo nas2 || echo nas1)"
  else echo "block drbd0"; fi
}

apply_cluster_fault() {
  local c
  case "$2" in
    drbd-splitbrain)
      # The replication link broke, each side thought the other dead and Heartbeat on nas2 took the
      # resources: both Primary, both with /data mounted and NFS running, each written to after the
      # split (nas1 five minutes ago, nas2 one minute ago: nas2 holds the newest file). On the next
      # handshake DRBD saw the split brain and dropped the connection: both StandAlone.
      c=$DIR/clusters/nfs-ha
      lab_exec nas2 "true"   # both up
      # both sides start from the same data (what replication had made)
      local now n; now=$(date +%s)
      rm -f "$DIR/volumes/nas1-data"/export/after-split-*.txt   # a split made again starts afresh
      find "$DIR/volumes/nas1-data" -exec touch -d "@$((now - 3600))" {} +   # written an hour before the split
      rm -rf "$DIR/volumes/nas2-data"/*; cp -a "$DIR/volumes/nas1-data"/. "$DIR/volumes/nas2-data"/
      echo "Primary StandAlone UpToDate 1802140" >"$c/drbd.nas1"
      echo "Primary StandAlone UpToDate 4112" >"$c/drbd.nas2"
      touch "$c/splitbrain"
      log_at nas2 $((now - 900)) kernel "$(sb_dev nas2): role( Secondary -> Primary )"
      for n in nas1 nas2; do
        lab_exec "$n" "mountpoint -q /data || mount /data >/dev/null; for s in heartbeat rpcbind nfslock nfs; do /etc/init.d/\$s start >/dev/null; done; touch /var/lib/lab/nfsd"
      done
      lab_exec nas1 "echo 'written on nas1 after the split' >/data/export/after-split-nas1.txt; touch -d @$((now - 300)) /data/export/after-split-nas1.txt"
      lab_exec nas2 "echo 'written on nas2 after the split' >/data/export/after-split-nas2.txt; touch -d @$((now - 60)) /data/export/after-split-nas2.txt"
      mkdir -p "$(hr nas1)/var/lib/nfs" "$(hr nas2)/var/lib/nfs"
      printf '%s\n' "$LAB_NET.51:/data/export:0x00000001" "$LAB_NET.52:/data/export:0x00000001" >"$(hr nas1)/var/lib/nfs/rmtab"
      printf '%s\n' "$LAB_NET.53:/data/export:0x00000001" >"$(hr nas2)/var/lib/nfs/rmtab"
      for n in nas1 nas2; do
        local self=450535 peer=1028; [ "$n" = nas2 ] && { self=1028; peer=450535; }
        log_at "$n" $((now - 30)) kernel "$(sb_dev "$n"): drbd_sync_handshake:"
        log_at "$n" $((now - 30)) kernel "$(sb_dev "$n"): self 8C2A39C3A8E36C05:5B4D0A8E6BB0B7B5:0000000000000000:0000000000000000 bits:$self flags:0"
        log_at "$n" $((now - 30)) kernel "$(sb_dev "$n"): peer 6D87D2B3A3E41F59:5B4D0A8E6BB0B7B5:0000000000000000:0000000000000000 bits:$peer flags:0"
        log_at "$n" $((now - 30)) kernel "$(sb_dev "$n"): uuid_compare()=100 by rule 90"
        lab_exec "$n" ". /opt/lab/src/lib/sim.sh; . /opt/lab/src/lib/drbd.sh; gen_proc
          syslog kernel \"\$(dprefix): Split-Brain detected but unresolved, dropping connection!\"
          syslog kernel \"\$(dprefix): helper command: /sbin/drbdadm split-brain minor-0\"
          syslog kernel \"\$(dprefix): helper command: /sbin/drbdadm split-brain minor-0 exit code 0 (0x0)\"
          syslog kernel \"\$(kprefix): conn( NetworkFailure -> Disconnecting )\""
      done;;
    lk-splitbrain)
      c=$DIR/clusters/app-lk
      echo DEAD >"$c/comm"
      awk '$1 ~ /^(app1|ip1|fs1|datarep1)$/ {$2="ISP"} {print}' "$c/lk.lk2" >"$c/lk.lk2.new" && mv -f "$c/lk.lk2.new" "$c/lk.lk2"
      echo lk2 >"$(hr lk2)/opt/LifeKeeper/subsys/scsi/resources/netraid/datarep1_last_owner"
      lab_exec lk2 ". /opt/lab/src/lib/sim.sh; syslog lifekeeper 'COMMUNICATION TO lk1 BY TCP FAILED'; syslog lifekeeper 'restore of app1 on lk2 successful'";;
    lk-data-corrupt)
      c=$DIR/clusters/app-lk
      awk '$1 ~ /^(app1|ip1|fs1)$/ {$2="OSU"} $1=="datarep1" {$2="OSF"} {print}' "$c/lk.lk1" >"$c/lk.lk1.new" && mv -f "$c/lk.lk1.new" "$c/lk.lk1"
      touch "$(hr lk1)/opt/LifeKeeper/subsys/scsi/resources/netraid/datarep1_data_corrupt"
      echo lk1 >"$(hr lk1)/opt/LifeKeeper/subsys/scsi/resources/netraid/datarep1_last_owner"
      lab_exec lk1 ". /opt/lab/src/lib/sim.sh; syslog lifekeeper 'datarep1: target lk2 unreachable at restore; mirror marked data_corrupt'";;
    lk-healthy)   # app1 in service on lk1, app2 on lk2, both running, comm paths ALIVE, no flags
      c=$DIR/clusters/app-lk
      local n t
      for n in lk1 lk2; do
        for t in app1 ip1 fs1 datarep1 app2 ip2 fs2 datarep2; do
          case "$n$t" in lk1app1|lk1ip1|lk1fs1|lk1datarep1|lk2app2|lk2ip2|lk2fs2|lk2datarep2) echo "$t ISP";; *) echo "$t OSU";; esac
        done >"$c/lk.$n"
        : >"$c/flags.$n"; rm -f "$(hr $n)"/opt/LifeKeeper/subsys/scsi/resources/netraid/*_data_corrupt
      done
      echo ALIVE >"$c/comm"; rm -f "$c"/refuse-restore.*
      for n in lk1 lk2; do lab_exec "$n" "/opt/LifeKeeper/bin/lkstart >/dev/null"; done
      rm -f "$c/resync";;
    lk-comm-dead) echo DEAD >"$DIR/clusters/app-lk/comm";;
    lk-restore-refused) touch "$DIR/clusters/app-lk/refuse-restore.$1";;   # perform_action restore fails on this host (fs OSF)
    lk-comm-alive) echo ALIVE >"$DIR/clusters/app-lk/comm";;
  esac
}
