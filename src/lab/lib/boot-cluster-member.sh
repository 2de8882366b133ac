#!/bin/bash
# Boot step of a LifeKeeper node: lkstart if LifeKeeper was running (the shared state says so).
. /opt/lab/src/lib/sim.sh
[ -e "$CLUSTER_DIR/autostart.$HOST" ] && /opt/LifeKeeper/bin/lkstart >/dev/null 2>&1
exit 0
