#!/usr/bin/env bash
# Benchmark (not a test): a golden-VM disk copy on the lab, the SOP's way (node1 scp's it to node3)
# and relayed through sopctl (--relay), for a few disk sizes. Prints wall time, throughput and
# sopctl's peak RSS per run: relaying must not grow with the disk (an OS pipe joins the two SSH
# channels; nothing is buffered beyond it). Also `cat | ssh` through this machine as the baseline
# a shell user would get. Run as root from the project root after 'mvn -DskipTests package'.
#
#   bench/gvm-copy.sh [--sizes "256 1024 4096"]   (MiB)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="256 1024 4096"
[ "${1:-}" = "--sizes" ] && sizes=$2
[ "$(id -u)" = 0 ] || { echo "run as root (the lab needs it)" >&2; exit 64; }
[ -f target/sopctl.jar ] || { echo "build first: mvn -DskipTests package" >&2; exit 64; }
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
dir=$(mktemp -d /tmp/sopctl-bench-gvm.XXXXXX)
export XDG_STATE_HOME=$dir/state
lab=src/lab/lab
trap '"$lab" down --dir "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
"$lab" up --dir "$dir" >/dev/null
inv=$dir/inventory.yaml
SRC=1943409b-b9fb-4e18-acdd-f5eb5390e5ef
DST=8644c84e-76fc-4c2d-9eb9-847ad6d78c01
on() { "$lab" exec --dir "$dir" "$@"; }
field() { # HOST FIELD: from sopctl's own view of the inventory
    bin/sopctl -i "$inv" inventory list -o json \
        | awk -v h="\"$1\"," -v k="\"$2\"" '$1=="\"name\"" && $3==h {f=1} f && $1==k {gsub(/[",]/, "", $3); print $3; exit}'
}

reset_disks() { # MiB: a random source of that size, a fresh empty target, no leftovers
    on node1 "head -c $1M /dev/urandom > /data/gvm/$SRC"
    on node3 "rm -f /data/gvm/$DST.bak /data/gvm/$DST.sopctl-partial; truncate -s 0 /data/gvm/$DST; truncate -s $1M /data/gvm/$DST"
}

printf "%-28s %8s %10s %10s %12s\n" "copy" "MiB" "seconds" "MiB/s" "sopctl RSS MB"
for mib in $sizes; do
    for mode in scp relay; do
        reset_disks "$mib"
        extra=(); [ "$mode" = relay ] && extra=(--relay)
        /usr/bin/time -f '%e %M' -o "$dir/t" bin/sopctl -q -i "$inv" gvm copy --from node1 --disk "$SRC" --to node3 \
            --target-disk "$DST" "${extra[@]}" --yes >"$dir/out" 2>&1 || { cat "$dir/out"; exit 1; }
        # the transcript's transfer event: the copy alone, without the guards and checksums around it
        t=$(grep -h '"type":"transfer"' "$XDG_STATE_HOME"/sopctl/transcripts/*.jsonl | tail -1 \
            | sed -E 's/.*"duration_ms":([0-9]+).*/\1/')
        read -r _ rss < "$dir/t"
        awk -v m="$mode" -v s="$mib" -v t="$t" -v r="$rss" \
            'BEGIN {printf "%-28s %8d %10.2f %10.1f %12.1f\n", "gvm copy ("m")", s, t/1000, s/(t/1000), r/1024}'
    done
    reset_disks "$mib"
    kh=$dir/known_hosts; id=$dir/id_ed25519
    ssh1=(ssh -i "$id" -o UserKnownHostsFile="$kh" -o BatchMode=yes -p "$(field node1 port)" "root@$(field node1 address)")
    ssh3=(ssh -i "$id" -o UserKnownHostsFile="$kh" -o BatchMode=yes -p "$(field node3 port)" "root@$(field node3 address)")
    start=$(date +%s.%N)
    "${ssh1[@]}" "cat /data/gvm/$SRC" | "${ssh3[@]}" "cat > /data/gvm/$DST.sopctl-partial"
    end=$(date +%s.%N)
    awk -v s="$mib" -v a="$start" -v b="$end" \
        'BEGIN {printf "%-28s %8d %10.2f %10.1f %12s\n", "ssh | ssh (baseline)", s, b-a, s/(b-a), "-"}'
done
