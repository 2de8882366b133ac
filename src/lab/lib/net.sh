# Network state of a simulated node (sourced by sim/brctl, sim/ip, sim/ifconfig, sim/route).
# /var/lib/lab/net/bridges: "BRIDGE PORT[,PORT] ADDRESS/PREFIX|-" ; bond0: "SLAVE up|down FAILS"
# bond0.active: active slave ; gateway: default gateway
NET=$LAB/net
octet=$(lab_host_field "$HOST" 2)
mac() { printf '00:1e:67:16:%02x:%02x' "$octet" "$((0x60 + $1))"; }
ifindex() { case "$1" in lo) echo 1;; eth0) echo 2;; eth1) echo 3;; eth2) echo 4;; bond0) echo 5;; xenbr0) echo 6;; xenbr1) echo 7;; vif*) local d=${1#vif}; echo $((10 + ${d%%.*}));; *) echo 9;; esac; }
ifmac() { case "$1" in eth0|bond0|xenbr0) mac 0;; eth1) mac 1;; eth2|xenbr1) mac 2;; vif*) echo "fe:ff:ff:ff:ff:ff";; *) mac 9;; esac; }
bridges() { awk '{print $1}' "$NET/bridges" 2>/dev/null; }
bridge_ports() { # BR: static ports plus the vifs of running domains on that bridge
  local br=$1 n id m v c cfg st dl rest
  awk -v b="$br" '$1==b{gsub(",","\n",$2); print $2}' "$NET/bridges"
  [ -f "$LAB/xl/domains" ] || return 0
  while read -r n id m v c cfg st dl rest; do
    [ -n "$n" ] || continue
    grep -q "bridge=$br" "$cfg" 2>/dev/null && echo "vif$id.0"
  done <"$LAB/xl/domains"
}
# A bridge's IPv4 addresses: the third field, comma-separated ("-" for none); the first is primary.
bridge_addr() { awk -v b="$1" '$1==b{split($3, a, ","); print a[1]}' "$NET/bridges"; }
bridge_addrs() { awk -v b="$1" '$1==b && $3!="-"{n = split($3, a, ","); for (i = 1; i <= n; i++) print a[i]}' "$NET/bridges"; }
set_bridge_addr() { # BR CIDR|-
  awk -v b="$1" -v a="$2" '$1==b{$3=a} {print}' "$NET/bridges" >"$NET/bridges.new" && mv -f "$NET/bridges.new" "$NET/bridges"
}
add_bridge_addr() { # BR CIDR: appended when the bridge does not have it
  bridge_addrs "$1" | grep -qx "$2" && return 0
  awk -v b="$1" -v a="$2" '$1==b{$3 = ($3 == "-" ? a : $3 "," a)} {print}' "$NET/bridges" >"$NET/bridges.new" && mv -f "$NET/bridges.new" "$NET/bridges"
}
del_bridge_addr() { # BR CIDR
  awk -v b="$1" -v a="$2" '$1==b{n = split($3, x, ","); o = ""; for (i = 1; i <= n; i++) if (x[i] != a) o = (o == "" ? x[i] : o "," x[i]); $3 = (o == "" ? "-" : o)} {print}' \
    "$NET/bridges" >"$NET/bridges.new" && mv -f "$NET/bridges.new" "$NET/bridges"
}
slave_state() { awk -v s="$1" '$1==s{print $2}' "$NET/bond0" 2>/dev/null; }
gateway() { cat "$NET/gateway" 2>/dev/null; }
prefix2mask() { local p=$1 m="" i o; for i in 1 2 3 4; do if [ "$p" -ge 8 ]; then o=255; p=$((p-8)); else o=$(( (256 - (1 << (8 - p))) & 255 )); p=0; fi; m+="$o."; done; echo "${m%.}"; }
mask2prefix() { local IFS=. n=0 o; for o in $1; do while [ "$o" -gt 0 ]; do n=$((n + (o & 1))); o=$((o >> 1)); done; done; echo $n; }
bcast() { local ip=${1%/*} p=${1#*/} IFS=. a b c d; read -r a b c d <<<"$ip"; local n=$(( (a<<24)|(b<<16)|(c<<8)|d )) h=$(( (1 << (32 - p)) - 1 )); n=$(( n | h )); echo "$(( (n>>24)&255 )).$(( (n>>16)&255 )).$(( (n>>8)&255 )).$(( n&255 ))"; }

# /proc/net/bonding/bond0 as a 4.19 kernel prints it (no "Peer Notification Delay" before 5.3).
gen_bonding() {
  mkdir -p "$LAB/proc/net/bonding"
  local f=$LAB/proc/net/bonding/bond0 act up=down s st fails i=0
  [ -f "$NET/bond0" ] || { rm -f "$f"; return; }
  act=$(cat "$NET/bond0.active" 2>/dev/null)
  grep -q ' up ' "$NET/bond0" && up=up
  [ "$(slave_state "$act")" = up ] || act=$(awk '$2=="up"{print $1; exit}' "$NET/bond0")
  {
    echo "Ethernet Channel Bonding Driver: v3.7.1 (April 27, 2011)"
    echo
    echo "Bonding Mode: fault-tolerance (active-backup)"
    echo "Primary Slave: None"
    echo "Currently Active Slave: ${act:-None}"
    echo "MII Status: $up"
    echo "MII Polling Interval (ms): 100"
    echo "Up Delay (ms): 0"
    echo "Down Delay (ms): 0"
    while read -r s st fails; do
      echo
      echo "Slave Interface: $s"
      echo "MII Status: $st"
      if [ "$st" = up ]; then echo "Speed: 1000 Mbps"; echo "Duplex: full"; else echo "Speed: Unknown"; echo "Duplex: Unknown"; fi
      echo "Link Failure Count: $fails"
      echo "Permanent HW addr: $(mac $i)"
      echo "Slave queue ID: 0"
      i=$((i + 1))
    done <"$NET/bond0"
  } >"$f.new" && mv -f "$f.new" "$f"
}

# sshd answers on the node's management addresses as a real node answers on whatever its bridges
# carry: every loopback (127.x) address of a bridge (the lab's addresses), except those listed in
# net/unlistened (the address-unreachable fault: a firewall between the operator and that address).
# The sshd started at boot listens on the inventory address; one more per other address is started
# with its own configuration, and a listener whose address went away is stopped together with the
# sessions that came in on it (their TCP connections would die with the address on a real node).
follow_listeners() {
  local want a p pf conf main; main=$(lab_host_addr "$HOST")
  want=$(for a in $(bridges); do bridge_addrs "$a"; done | sed -n 's|^\(127\.[0-9.]*\)/.*|\1|p' | sort -u)
  [ -f "$NET/unlistened" ] && want=$(grep -vxF -f "$NET/unlistened" <<<"$want" || true)
  for pf in /run/sshd.pid /run/lab/sshd-*.pid; do
    [ -f "$pf" ] || continue
    a=${pf#/run/lab/sshd-}; a=${a%.pid}; [ "$pf" = /run/sshd.pid ] && a=$main
    grep -qxF "$a" <<<"$want" && continue
    p=$(cat "$pf" 2>/dev/null) && { pkill -TERM -P "$p" 2>/dev/null; kill -TERM "$p" 2>/dev/null; }; rm -f "$pf"
    syslog "sshd[$p]" "Received signal 15; terminating (address $a left the node's bridges)."
  done
  for a in $want; do
    if [ "$a" = "$main" ]; then pf=/run/sshd.pid conf=/etc/ssh/sshd_config
    else pf=/run/lab/sshd-$a.pid conf=/run/lab/sshd-$a.conf
      sed -e "s|^ListenAddress .*|ListenAddress $a|" -e "s|^PidFile .*|PidFile $pf|" /etc/ssh/sshd_config >"$conf"
    fi
    p=$(cat "$pf" 2>/dev/null) && kill -0 "$p" 2>/dev/null && continue
    setsid -f /usr/sbin/sshd -D -f "$conf" -E /var/log/sshd.log </dev/null >/dev/null 2>&1 9>&-
    for _ in $(seq 50); do [ -s "$pf" ] && break; sleep 0.02; done
    syslog "sshd[$(cat "$pf" 2>/dev/null)]" "Server listening on $a port $(awk '/^Port/{print $2}' "$conf")."
  done
}
