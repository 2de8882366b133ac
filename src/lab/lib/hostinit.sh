#!/bin/bash
# PID 1 of a simulated host before its chroot: runs under
# `unshare --mount --uts --ipc --pid --fork` (see supervise.sh). Assembles the host's root from
# its own directories (DIR/hosts/HOST/root) plus the machine's /usr, a fresh /proc of the new PID
# namespace, /dev, /sys and a fresh /run, then becomes the host's init (boot.sh) inside it.
# Every mount made here is private to the host's mount namespace and vanishes with it.
set -e
H=$1 DIR=$2 SRC=$3
. "$SRC/lib/hosts.sh"
R=$DIR/hosts/$H/root S=$DIR/hosts/$H/state
mount --make-rprivate /
mount -t overlay overlay -o "lowerdir=$DIR/etc-base,upperdir=$R/etc,workdir=$DIR/hosts/$H/etc.work" "$R/etc"
mount --bind /usr "$R/usr"; mount -o remount,bind,ro "$R/usr"
mount --bind "$SRC/sim" "$R/usr/local/sbin"; mount -o remount,bind,ro "$R/usr/local/sbin"
mount --bind "$SRC" "$R/opt/lab/src"; mount -o remount,bind,ro "$R/opt/lab/src"
mount --bind "$DIR/bin" "$R/opt/lab/bin"; mount -o remount,bind,ro "$R/opt/lab/bin"
mount -t proc -o nosuid,nodev,noexec proc "$R/proc"
# A fresh boot id per boot, as a real kernel has: runbooks tell a reboot happened by it changing.
cat /proc/sys/kernel/random/uuid >"$S/boot_id"
mount --bind -o ro "$S/boot_id" "$R/proc/sys/kernel/random/boot_id"
mount --rbind /dev "$R/dev"
mount --rbind /sys "$R/sys"
mount -t tmpfs -o mode=755,size=64m tmpfs "$R/run"
mount --bind "$S" "$R/var/lib/lab"
vol=$(cat "$S/volume" 2>/dev/null || true)
[ -n "$vol" ] && mount --bind "$DIR/volumes/$vol" "$R/var/lib/lab/vol/data"
# a DRBD member also sees its peer's volume: the simulated replication copies between the two
if [ "$(lab_host_role "$H")" = storage ]; then
  for p in $(lab_cluster_members "$(lab_host_cluster "$H")"); do
    [ "$p" != "$H" ] && mount --bind "$DIR/volumes/$(cat "$DIR/hosts/$p/state/volume")" "$R/var/lib/lab/vol/peer"
  done
fi
c=$(lab_host_cluster "$H")
[ "$c" != - ] && mount --bind "$DIR/clusters/$c" "$R/var/lib/lab/cluster"
hostname "$H"
cd "$R"
exec chroot "$R" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  HOME=/root LANG=C.UTF-8 TERM=dumb LAB_NET="${LAB_NET:-127.0.2}" /bin/bash -c 'exec -a /sbin/init /bin/bash /opt/lab/src/lib/boot.sh'
