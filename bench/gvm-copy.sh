#!/usr/bin/env bash
# Benchmark (not a test): a golden-VM disk copy on the lab, the SOP's way (node1 scp's it to node3)
# and relayed through sopctl (--relay), for a few disk sizes. Prints wall time, throughput and
# sopctl's peak RSS per run: relaying must not grow with the disk (an OS pipe joins the two SSH
# channels; nothing is buffered beyond it). Also `ssh cat | ssh 'cat >'` through this machine as
# the baseline a shell user would get, twice: with OpenSSH's default cipher (chacha20-poly1305)
# and, on equal terms, with the cipher sopctl negotiates (read from `inventory ping -o json`,
# aes128-gcm@openssh.com), and the relay's ratio to the latter. Run as root from the project root
# after 'mvn -DskipTests package'.
#
#   bench/gvm-copy.sh [--sizes "256 1024 4096"] [--reps 1] [--lab DIR] [--modes "..."]
#                     [--compare LAUNCHER] [--raw FILE]                                 (MiB)
#
# Modes (--modes, in this order within each repetition; the order rotates by one every
# repetition so drift and page-cache warmth hit every mode alike):
#   scp               gvm copy the SOP's way, node1 scp's the disk to node3
#   relay             gvm copy --relay, this build
#   relay-c1          the same with SOPCTL_JAVA_OPTS=-XX:TieredStopAtLevel=1 (C1 only, no C2)
#   relay-base        gvm copy --relay with another build's launcher (--compare LAUNCHER)
#   pipe              ssh | ssh, OpenSSH's default cipher
#   pipe-same-cipher  ssh -c CIPHER | ssh -c CIPHER, the cipher sopctl negotiates
# Default: "scp relay pipe pipe-same-cipher". After the runs: the median of each mode and size,
# and each relay's throughput ratio to pipe-same-cipher (>1: the relay is faster). The relay's time
# is its transcript's transfer event (the copy alone, on connections already open); the pipe's is
# the wall time of both ssh clients, their two connections included (about 0.1 s each when idle).
# "command s" is the median wall time of the whole sopctl command (guards, copy, checksums, swap).
# --raw FILE also writes every run, one line each (mode MiB seconds RSS-KB command-seconds).
#
# Without --lab it starts a lab of its own in a temporary folder (LAB_NET applies) and stops it at
# the end; --lab DIR uses one already up there (src/lab/lab up --dir DIR) and leaves it up.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="256 1024 4096"
reps=1
lab_dir=""
modes="scp relay pipe pipe-same-cipher"
base=""
raw=""
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes=$2; shift 2 ;;
        --reps) reps=$2; shift 2 ;;
        --lab) lab_dir=$(readlink -f "$2"); shift 2 ;;
        --modes) modes=$2; shift 2 ;;
        --compare) base=$(readlink -f "$2"); shift 2 ;;
        --raw) raw=$(readlink -f "$2"); shift 2 ;;
        *) echo "gvm-copy: unknown option $1" >&2; exit 64 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "run as root (the lab needs it)" >&2; exit 64; }
[ -f target/sopctl.jar ] || { echo "build first: mvn -DskipTests package" >&2; exit 64; }
for m in $modes; do
    case "$m" in
        scp|relay|relay-c1|pipe|pipe-same-cipher) ;;
        relay-base) [ -x "$base" ] || { echo "gvm-copy: mode relay-base needs --compare LAUNCHER (another build's bin/sopctl)" >&2; exit 64; } ;;
        *) echo "gvm-copy: unknown mode $m (scp relay relay-c1 relay-base pipe pipe-same-cipher)" >&2; exit 64 ;;
    esac
done
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
dir=$(mktemp -d /tmp/sopctl-bench-gvm.XXXXXX)
export XDG_STATE_HOME=$dir/state
lab=src/lab/lab
if [ -n "$lab_dir" ]; then
    trap 'rm -rf "$dir"' EXIT
    "$lab" status --dir "$lab_dir" >/dev/null || { echo "gvm-copy: the lab in $lab_dir is not up" >&2; exit 2; }
    lab_here=$lab_dir
else
    trap '"$lab" down --dir "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
    "$lab" up --dir "$dir" >/dev/null
    lab_here=$dir
fi
inv=$lab_here/inventory.yaml
SRC=1943409b-b9fb-4e18-acdd-f5eb5390e5ef
DST=8644c84e-76fc-4c2d-9eb9-847ad6d78c01
on() { "$lab" exec --dir "$lab_here" "$@"; }
field() { # HOST FIELD: from sopctl's own view of the inventory
    bin/sopctl -i "$inv" inventory list -o json \
        | awk -v h="\"$1\"," -v k="\"$2\"" '$1=="\"name\"" && $3==h {f=1} f && $1==k {gsub(/[",]/, "", $3); print $3; exit}'
}

reset_disks() { # MiB: a random source of that size, a fresh empty target, no leftovers
    on node1 "head -c $1M /dev/urandom > /data/gvm/$SRC"
    on node3 "rm -f /data/gvm/$DST.bak /data/gvm/$DST.sopctl-partial; truncate -s 0 /data/gvm/$DST; truncate -s $1M /data/gvm/$DST"
}

cipher=$(bin/sopctl -i "$inv" inventory ping node1 -o json | sed -n 's/.*"cipher" *: *"\([^"]*\)".*/\1/p')
[ -n "$cipher" ] || { echo "gvm-copy: cannot tell which cipher sopctl negotiates" >&2; exit 2; }
kh=$lab_here/known_hosts; id=$lab_here/id_ed25519
ssh_to() { # HOST [ssh options...]: the ssh command line for a lab host
    local h=$1; shift
    echo ssh -i "$id" -o UserKnownHostsFile="$kh" -o BatchMode=yes "$@" -p "$(field "$h" port)" "root@$(field "$h" address)"
}
pipe() { # MiB [ssh options...]: node1's disk through this machine to node3 with two ssh clients
    local mib=$1; shift
    reset_disks "$mib" >/dev/null
    local start end from to
    # the ssh command lines are made before the clock starts: each asks sopctl for an address and port
    from=$(ssh_to node1 "$@"); to=$(ssh_to node3 "$@")
    start=$(date +%s.%N)
    $from "cat /data/gvm/$SRC" | $to "cat > /data/gvm/$DST.sopctl-partial"
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b-a}'
}
row() { # label MiB seconds [RSS KB]
    awk -v l="$1" -v s="$2" -v t="$3" -v r="${4:-}" \
        'BEGIN {printf "%-46s %6d %8.2f %8.1f %12s\n", l, s, t, s/t, (r == "" ? "-" : sprintf("%.1f", r/1024))}'
}

copy() { # MODE MiB: one gvm copy through sopctl; prints "seconds RSS-KB command-seconds"
    local mode=$1 mib=$2 launcher=bin/sopctl opts=${SOPCTL_JAVA_OPTS:-}
    local extra=(--relay)
    case "$mode" in
        scp) extra=() ;;
        relay-c1) opts="$opts -XX:TieredStopAtLevel=1" ;;
        relay-base) launcher=$base ;;
    esac
    reset_disks "$mib" >/dev/null
    SOPCTL_JAVA_OPTS=$opts /usr/bin/time -f '%e %M' -o "$dir/t" "$launcher" -q -i "$inv" gvm copy --from node1 \
        --disk "$SRC" --to node3 --target-disk "$DST" "${extra[@]}" --yes >"$dir/out" 2>&1 || { cat "$dir/out" >&2; exit 1; }
    # the transcript's transfer event: the copy alone, without the guards and checksums around it
    local t rss wall
    t=$(grep -h '"type":"transfer"' "$XDG_STATE_HOME"/sopctl/transcripts/*.jsonl | tail -1 \
        | sed -E 's/.*"duration_ms":([0-9]+).*/\1/')
    read -r wall rss < "$dir/t"
    awk -v t="$t" -v r="$rss" -v w="$wall" 'BEGIN {printf "%.2f %d %.2f", t/1000, r, w}'
}
label() {
    case "$1" in
        pipe) echo "ssh | ssh (default cipher)" ;;
        pipe-same-cipher) echo "ssh -c $cipher | ssh -c ..." ;;
        relay-c1) echo "gvm copy (relay, C1 only)" ;;
        relay-base) echo "gvm copy (relay, --compare build)" ;;
        *) echo "gvm copy ($1)" ;;
    esac
}

echo "sopctl negotiates $cipher with node1; load $(cut -d' ' -f1-3 /proc/loadavg); modes: $modes"
printf "%-46s %6s %8s %8s %12s\n" "copy" "MiB" "seconds" "MiB/s" "sopctl RSS MB"
read -r -a order <<< "$modes"
runs=$dir/runs
: > "$runs"
for mib in $sizes; do
    for rep in $(seq "$reps"); do
        n=${#order[@]}
        for k in $(seq 0 $((n - 1))); do
            mode=${order[$(( (k + rep - 1) % n ))]}
            case "$mode" in
                pipe) res="$(pipe "$mib") - -" ;;
                pipe-same-cipher) res="$(pipe "$mib" -c "$cipher") - -" ;;
                *) res=$(copy "$mode" "$mib") ;;
            esac
            read -r secs rss wall <<< "$res"
            echo "$mode $mib $secs $rss $wall" >> "$runs"
            row "$(label "$mode")" "$mib" "$secs" "$([ "$rss" = - ] || echo "$rss")"
        done
    done
done
[ -z "$raw" ] || cp "$runs" "$raw"
echo
echo "medians of $reps run(s); load $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-46s %6s %8s %8s %12s %18s %10s\n" "copy" "MiB" "seconds" "MiB/s" "max RSS MB" "x pipe-same-cipher" "command s"
for mib in $sizes; do
    same=$(awk -v m="$mib" '$1=="pipe-same-cipher" && $2==m {print $3}' "$runs" | sort -n \
        | awk '{v[NR]=$1} END {if (NR) print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}')
    for mode in "${order[@]}"; do
        med=$(awk -v o="$mode" -v m="$mib" '$1==o && $2==m {print $3}' "$runs" | sort -n \
            | awk '{v[NR]=$1} END {if (NR) print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}')
        whole=$(awk -v o="$mode" -v m="$mib" '$1==o && $2==m && $5!="-" {print $5}' "$runs" | sort -n \
            | awk '{v[NR]=$1} END {print (NR == 0 ? "-" : NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}')
        rss=$(awk -v o="$mode" -v m="$mib" '$1==o && $2==m && $4!="-" {if ($4>x) x=$4} END {if (x) printf "%.1f", x/1024; else print "-"}' "$runs")
        awk -v l="$(label "$mode")" -v s="$mib" -v t="$med" -v r="$rss" -v p="$same" -v o="$mode" -v w="$whole" \
            'BEGIN {ratio = (p != "" && o ~ /^relay/) ? sprintf("%.2f", p/t) : "-";
                    printf "%-46s %6d %8.2f %8.1f %12s %18s %10s\n", l, s, t, s/t, r, ratio, w}'
    done
done
