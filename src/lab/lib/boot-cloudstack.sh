#!/bin/bash
# Boot step of a CloudStack lab host: its enabled units start (what a crash left marked is cleared).
. /opt/lab/src/lib/sim.sh
. /opt/lab/src/lib/cloudstack.sh
cs_host || exit 0
rm -f "$CLUSTER_DIR/active.$HOST."* 2>/dev/null
while read -r u; do [ -n "$u" ] && unit_start "$u"; done <"$CS_UNITS_FILE"
exit 0
