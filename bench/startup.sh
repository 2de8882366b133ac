#!/usr/bin/env bash
# Benchmark (not a test): start-up of sopctl. Prints the median wall time and peak RSS of
# `--version` and of a dry-run plan, for `java -jar` and for the bin/sopctl launcher (serial GC,
# AppCDS archive target/sopctl.jsa written by the build). Target: --version under 0.5 s.
#
#   bench/startup.sh [--reps 10]
set -euo pipefail
cd "$(dirname "$0")/.."
reps=10
[ "${1:-}" = "--reps" ] && reps=$2
[ -f target/sopctl.jar ] || { echo "build first: mvn -DskipTests package" >&2; exit 64; }
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

measure() { # label, command... -> "label median_s peak_rss_mb"
    local label=$1; shift
    : > "$tmp/t"
    for _ in $(seq "$reps"); do
        /usr/bin/time -f '%e %M' -a -o "$tmp/t" "$@" > /dev/null 2>&1
    done
    sort -n "$tmp/t" | awk -v l="$label" '{w[NR]=$1; if ($2>m) m=$2} END {printf "%-34s %8.3f %10.1f\n", l, w[int((NR+1)/2)], m/1024}'
}

export XDG_STATE_HOME="$tmp/state"
printf "%-34s %8s %10s\n" "what ($reps runs)" "median s" "peak MB"
measure "java -jar --version" java -jar target/sopctl.jar --version
measure "bin/sopctl --version" bin/sopctl --version
measure "java -jar node shutdown --dry-run" java -jar target/sopctl.jar -i examples/inventory.yaml node shutdown node1 -n
measure "bin/sopctl node shutdown --dry-run" bin/sopctl -i examples/inventory.yaml node shutdown node1 -n
