#!/bin/bash
# Boot step of a nas: DRBD attaches (its role as the shared state says), Heartbeat starts, and
# the primary takes its haresources: /data, then rpcbind -> nfslock -> nfs.
. /opt/lab/src/lib/sim.sh
. /opt/lab/src/lib/drbd.sh
( flock -w 10 9; gen_proc ) 9>"$CLUSTER_DIR/.drbd.lock"
/etc/init.d/heartbeat start
/etc/init.d/rpcbind start
if [ "$(cut -d' ' -f1 "$CLUSTER_DIR/drbd.$HOST")" = Primary ]; then
  mount /data && { /etc/init.d/nfslock start; /etc/init.d/nfs start; touch "$LAB/nfsd"; }
fi
exit 0
