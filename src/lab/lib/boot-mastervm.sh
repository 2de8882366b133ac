#!/bin/bash
# Boot step of a master VM: Corosync + Pacemaker processes (names as on Debian 12).
. /opt/lab/src/lib/sim.sh
for p in "/usr/sbin/corosync -f" "/usr/sbin/pacemakerd" "/usr/lib/pacemaker/pacemaker-based" "/usr/lib/pacemaker/pacemaker-fenced" \
         "/usr/lib/pacemaker/pacemaker-execd" "/usr/lib/pacemaker/pacemaker-attrd" "/usr/lib/pacemaker/pacemaker-schedulerd" "/usr/lib/pacemaker/pacemaker-controld"; do
  n=${p%% *}; n=${n##*/}
  setsid -f 9>&- /bin/bash -c 'exec -a "$0" /opt/lab/bin/lab-idle' "$p" </dev/null >/dev/null 2>&1
done
syslog "pacemakerd[$$]" "notice: Pacemaker daemon successfully started and accepting connections"
