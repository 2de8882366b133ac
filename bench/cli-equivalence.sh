#!/usr/bin/env bash
# Check (not a test, not a benchmark): two builds print the same, byte for byte, for every line of
# bench/cli-equivalence-lines.txt: help of every command, usage of every group, and usage errors
# (unknown commands and options, missing and extra parameters, bad values) - the command lines
# that need no inventory, no connection and no terminal. Used to show that building only the
# commands a command line names changed no output.
#
#   bench/cli-equivalence.sh BEFORE.jar [AFTER.jar (default: target/sopctl.jar)]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { sed -n '2,8p' "$0"; exit 64; }
before=$(readlink -f "$1") after=$(readlink -f "${2:-target/sopctl.jar}")
lines=$PWD/bench/cli-equivalence-lines.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
javac -cp "$after" -d "$tmp/classes" bench/CliEquivalence.java
mkdir -p "$tmp/cwd"
for v in before after; do
    jar=$before; [ $v = after ] && jar=$after
    (cd "$tmp/cwd" && env -u SOPCTL_INVENTORY XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/config" \
        java -cp "$tmp/classes:$jar" CliEquivalence "$lines" > "$tmp/$v.txt" 2>&1)
done
n=$(grep -c '^=== ' "$tmp/after.txt")
if cmp -s "$tmp/before.txt" "$tmp/after.txt"; then
    echo "identical: $n command lines (exit code, output, errors), $(sha256sum < "$tmp/after.txt" | cut -c1-16)"
else
    diff -u "$tmp/before.txt" "$tmp/after.txt" | head -60
    echo "DIFFERENT (of $n command lines)" >&2
    exit 1
fi
