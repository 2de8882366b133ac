#!/usr/bin/env bash
# Benchmark (not a test): the fixed cost of one sopctl command. Times `--version`, `--help`, a
# dry-run plan and, with --lab DIR (a lab started by src/lab/lab up --dir DIR), one `exec` on one
# host next to `ssh` to the same host with the same key exchange (both take the server's first
# choice: sntrup761x25519 on Debian 12's OpenSSH). Every variant and command alternate within each
# repetition, so load from other processes hits them alike; prints median wall and CPU seconds,
# peak RSS, and each variant's ratio to the first.
#
#   bench/startup.sh [--reps 11] [--lab DIR] [--host node1] [--sopctl LAUNCHER]...
#
# --sopctl may be given several times to compare builds (default: bin/sopctl, the launcher with
# the JVM flags and class-data archive operators get). Raw times go to --raw FILE if given.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=11 lab="" host=node1 raw="" variants=()
while [ $# -gt 0 ]; do
    case "$1" in
        --reps) reps=$2; shift 2 ;;
        --lab) lab=$(readlink -f "$2"); shift 2 ;;
        --host) host=$2; shift 2 ;;
        --sopctl) variants+=("$(readlink -f "$2")"); shift 2 ;;
        --raw) raw=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "startup: unknown option $1 (see --help)" >&2; exit 64 ;;
    esac
done
[ ${#variants[@]} -gt 0 ] || variants=("$PWD/bin/sopctl")
[ -f target/sopctl.jar ] || { echo "build first: mvn -DskipTests package" >&2; exit 64; }
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_STATE_HOME="$tmp/state"

# a class-data archive only maps for the jar path it was dumped with: a launcher copied elsewhere
# with its jar runs without one, silently, and makes an unfair "before"
for v in "${variants[@]}"; do
    # (-XX:AOTMode=on for an AOT cache, which the JVM refuses together with -Xshare)
    { SOPCTL_JAVA_OPTS="-Xshare:on" "$v" --version || SOPCTL_JAVA_OPTS="-XX:AOTMode=on" "$v" --version; } >/dev/null 2>&1 \
        || echo "startup: warning: $v runs without its class-data archive (dumped for another jar path?)" >&2
done

commands=(version help dry-run)
if [ -n "$lab" ]; then
    inv=$lab/inventory.yaml
    [ -f "$inv" ] || { echo "startup: no $inv (start the lab: src/lab/lab up --dir $lab)" >&2; exit 64; }
    field() { # FIELD of $host, from sopctl's own view of the inventory
        "${variants[0]}" -i "$inv" inventory list -o json \
            | awk -v h="\"$host\"," -v k="\"$1\"" '$1=="\"name\"" && $3==h {f=1} f && $1==k {gsub(/[",]/, "", $3); print $3; exit}'
    }
    ssh_cmd=(ssh -F /dev/null -i "$lab/id_ed25519" -o UserKnownHostsFile="$lab/known_hosts" -o BatchMode=yes
             -p "$(field port)" "root@$(field address)" true)
    "${ssh_cmd[@]}" || { echo "startup: ssh to $host failed" >&2; exit 2; }
    commands+=(exec ssh)
fi

run() { # variant-index command -> appends "wall cpu rss" to $tmp/VARIANT-COMMAND
    local v=$1 c=$2 s=${variants[$1]} args
    case "$c" in
        version) args=("$s" --version) ;;
        help) args=("$s" --help) ;;
        dry-run) args=("$s" -i examples/inventory.yaml node shutdown node1 --dry-run) ;;
        exec) args=("$s" -i "$inv" exec --on "$host" -- true) ;;
        ssh) [ "$v" = 0 ] || return 0; args=("${ssh_cmd[@]}") ;;
    esac
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "${args[@]}" > "$tmp/out" 2>&1 \
        || { echo "startup: ${args[*]} failed:" >&2; tail -3 "$tmp/out" >&2; exit 2; }
    awk '{printf "%s %.2f %d\n", $1, $2 + $3, $4}' "$tmp/t" >> "$tmp/$v-$c"
    [ -z "$raw" ] || echo "$v $c $(cat "$tmp/t")" >> "$raw"
}

for _ in $(seq "$reps"); do
    for c in "${commands[@]}"; do
        for v in "${!variants[@]}"; do run "$v" "$c"; done
    done
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); $reps runs each, medians"
for v in "${!variants[@]}"; do echo "variant $v: ${variants[$v]}"; done
printf "%-8s %-8s %8s %8s %8s %9s\n" command variant "wall s" "cpu s" "RSS MB" "x var. 0"
for c in "${commands[@]}"; do
    base=$(cut -d' ' -f1 "$tmp/0-$c" | median)
    for v in "${!variants[@]}"; do
        [ -f "$tmp/$v-$c" ] || continue
        w=$(cut -d' ' -f1 "$tmp/$v-$c" | median)
        printf "%-8s %-8s %8.3f %8.2f %8.1f %9.2f\n" "$c" "$([ "$c" = ssh ] && echo OpenSSH || echo "$v")" "$w" \
            "$(cut -d' ' -f2 "$tmp/$v-$c" | median)" "$(cut -d' ' -f3 "$tmp/$v-$c" | median | awk '{print $1/1024}')" \
            "$(awk -v a="$w" -v b="$base" 'BEGIN {print a / b}')"
    done
done
