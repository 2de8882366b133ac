#!/bin/bash
# Smoke test of the lab: up, the node-shutdown SOP by hand over real SSH on node1, down, and
# nothing left behind. Run as root: bash src/lab/test/smoke.sh [DIR]
set -uo pipefail
LAB=$(cd "$(dirname "$0")/.." && pwd)/lab
DIR=${1:-$(mktemp -d /tmp/lab-smoke.XXXXXX)}
pass=0 fail=0
ok() { echo "ok   - $*"; pass=$((pass + 1)); }
ko() { echo "FAIL - $*"; fail=$((fail + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else ko "$what"; fi; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
secs() { printf '%d.%03ds' $(($1 / 1000)) $(($1 % 1000)); }

before_mounts=$(wc -l </proc/self/mountinfo)
t=$(date +%s%N)
"$LAB" up --dir "$DIR" || { echo "FAIL - lab up"; exit 1; }
up_ms=$(ms "$t")
ADDR=$(awk '/^  node1:/{f=1} f&&/address:/{print $2; exit}' "$DIR/inventory.yaml")
PORT=$(awk '/^  port:/{print $2; exit}' "$DIR/inventory.yaml")
SSH=(ssh -F /dev/null -p "$PORT" -i "$DIR/id_ed25519" -o BatchMode=yes -o IdentitiesOnly=yes
     -o UserKnownHostsFile="$DIR/known_hosts" -o GlobalKnownHostsFile=/dev/null
     -o StrictHostKeyChecking=yes -o ConnectTimeout=2 -o LogLevel=ERROR "root@$ADDR")
on1() { "${SSH[@]}" "$@"; }

out=$(on1 xl list)
check "xl list header has the two TABs of xl_info.c" grep -qP '^Name {40}ID   Mem VCPUs\tState\tTime\(s\)$' <<<"$out"
check "xl list shows Domain-0 r-----" grep -qE '^Domain-0 +0 +[0-9]+ +[0-9]+ +r----- +[0-9]+\.[0-9]$' <<<"$out"
check "xl list shows mastervm01 running" grep -qE '^mastervm01 +[0-9]+ +4096 +2 +-b---- ' <<<"$out"
check "mount shows /data as ocfs2" bash -c "$(printf '%q ' "${SSH[@]}") 'mount | grep /data' | grep -q '^/dev/sdb1 on /data type ocfs2 '"
check "umount /data refused while the master VM runs" bash -c "! $(printf '%q ' "${SSH[@]}") umount /data 2>&1 | grep -q . || $(printf '%q ' "${SSH[@]}") 'umount /data' 2>&1 | grep -q 'target is busy'"
check "ps -ef shows only node1's processes (nginx, uwsgi, pemon; no other host's)" \
  bash -c "o=\$($(printf '%q ' "${SSH[@]}") ps -ef); grep -q 'nginx: master process' <<<\"\$o\" && grep -q 'uwsgi --ini' <<<\"\$o\" && grep -q pemon <<<\"\$o\" && ! grep -q 'carbon-cache' <<<\"\$o\""

t=$(date +%s%N)
check "xl shutdown mastervm01" on1 xl shutdown mastervm01
gone=""
for _ in $(seq 40); do
  if ! on1 xl list | grep -q '^mastervm01 '; then gone=1; break; fi; sleep 0.5
done
check "mastervm01 leaves xl list (after $(secs "$(ms "$t")"))" test -n "$gone"
check "umount /data" on1 umount /data
check "/data no longer in mount" bash -c "! $(printf '%q ' "${SSH[@]}") mount | grep -q ' /data '"

t=$(date +%s%N)
on1 reboot; rc=$?
check "reboot returns (rc $rc) and the connection drops" bash -c "! $(printf '%q ' "${SSH[@]}") -o ConnectTimeout=1 true 2>/dev/null || sleep 1; ! $(printf '%q ' "${SSH[@]}") -o ConnectTimeout=1 true 2>/dev/null"
back=""
for _ in $(seq 120); do
  if on1 -o ConnectTimeout=1 true 2>/dev/null; then back=1; break; fi; sleep 0.25
done
reboot_ms=$(ms "$t")
check "node1 answers SSH again after reboot ($(secs "$reboot_ms"))" test -n "$back"
out=$(on1 xl list)
check "after reboot: no master VM running" bash -c "! grep -q mastervm01 <<<'$out'"
check "after reboot: /data mounted per fstab" bash -c "$(printf '%q ' "${SSH[@]}") 'mount | grep -q \" /data type ocfs2\"'"
check "after reboot: nginx, uwsgi, pemon running" bash -c "o=\$($(printf '%q ' "${SSH[@]}") ps -ef); grep -q 'nginx: master' <<<\"\$o\" && grep -q 'uwsgi' <<<\"\$o\" && grep -q pemon <<<\"\$o\""
check "mount /data when mounted says already mounted" bash -c "$(printf '%q ' "${SSH[@]}") 'mount /data' 2>&1 | grep -q 'already mounted'"
check "cd /data && xl create mastervm01.cfg" on1 'cd /data && xl create mastervm01.cfg'
check "mastervm01 back in xl list" bash -c "$(printf '%q ' "${SSH[@]}") xl list | grep -q '^mastervm01 '"

t=$(date +%s%N)
"$LAB" down --dir "$DIR"; rc=$?
down_ms=$(ms "$t")
check "lab down exits 0" test $rc = 0
left=$(find /proc -mindepth 2 -maxdepth 2 -name root -lname "$DIR/*" 2>/dev/null)
check "no process left running in the lab" test -z "$left"
check "no mount left under DIR" bash -c "! grep -q ' $DIR/' /proc/self/mountinfo"
check "mount count as before ($before_mounts)" test "$(wc -l </proc/self/mountinfo)" -le "$before_mounts"
check "no listener left on the lab's addresses" bash -c "! ss -Hltn | grep -q '${ADDR%.*}\\.'"
check "lab down again is a no-op" "$LAB" down --dir "$DIR"

echo "timings: lab up $(secs "$up_ms"), reboot cycle (reboot to SSH answering) $(secs "$reboot_ms"), lab down $(secs "$down_ms")"
echo "smoke: $pass passed, $fail failed"
[ "$fail" = 0 ]
