#!/usr/bin/env bash
# Benchmark (not a test): what building the command line costs before a command runs, the whole
# tree against only the commands the arguments name (what Main does), each in a fresh JVM with
# the JVM options and class-data archive bin/sopctl gives those arguments, alternating; prints the medians of wall and CPU
# ms for the first build in the JVM and the CPU ms of a warm one (the shell's case).
#
#   bench/command-line-cost.sh [--reps 11] -- SOPCTL-ARGS...
#   e.g. bench/command-line-cost.sh -- -i inventory.yaml exec --on node1 -- true
set -euo pipefail
cd "$(dirname "$0")/.."
reps=11
while [ $# -gt 0 ]; do
    case "$1" in
        --reps) reps=$2; shift 2 ;;
        --) shift; break ;;
        *) echo "command-line-cost: unknown option $1 (see the script's header)" >&2; exit 64 ;;
    esac
done
[ -f target/sopctl.jar ] || { echo "build first: mvn -DskipTests package" >&2; exit 64; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
javac -cp target/sopctl.jar -d "$tmp" bench/CommandLineCost.java
# the launcher's own JVM options for these arguments (JIT, archive), read through a stand-in java
mkdir "$tmp/stub"
printf '#!/bin/sh\nprintf "%%s\\n" "$@"\n' > "$tmp/stub/java"
chmod +x "$tmp/stub/java"
mapfile -t jvm < <(PATH="$tmp/stub:$PATH" bin/sopctl "$@" | sed '/^-jar$/,$d')
for _ in $(seq "$reps"); do
    for mode in whole lean; do
        java "${jvm[@]}" -cp "target/sopctl.jar:$tmp" CommandLineCost "$mode" "$@" >> "$tmp/times"
    done
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); $reps runs each, medians; sopctl $*"
printf '%-6s %12s %12s %12s\n' mode "first wall" "first CPU" "warm CPU"
for mode in whole lean; do
    med() { awk -v m="$mode" -v f="$1" '$1==m {print $f}' "$tmp/times" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
    printf '%-6s %9s ms %9s ms %9s ms\n' "$mode" "$(med 2)" "$(med 3)" "$(med 4)"
done
