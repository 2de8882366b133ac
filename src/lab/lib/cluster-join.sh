#!/bin/bash
# Boot step of a cluster member: mark it up in the shared cluster state and start the cluster
# software's processes (Pacemaker, DRBD + Heartbeat + NFS, LifeKeeper) as the state says.
. /opt/lab/src/lib/sim.sh
[ -d "$CLUSTER_DIR" ] || exit 0
touch "$CLUSTER_DIR/up.$HOST"
[ -x "/opt/lab/src/lib/boot-$ROLE.sh" ] && exec "/opt/lab/src/lib/boot-$ROLE.sh"
exit 0
