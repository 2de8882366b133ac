#!/usr/bin/env bash
# Benchmark (not a test): where the time of one sopctl command goes, read from the JVM's own class
# loading log (-Xlog:class+load, with the launcher's flags and archive). The first load of a marker
# class is when a phase begins; prints the median over the runs of each marker's time since JVM
# start, in milliseconds. Phases on other threads (the transport set-up, the key pair made ahead,
# sshj's reader) overlap the main thread's.
#
#   bench/startup-timeline.sh [--reps 5] [--sopctl LAUNCHER] -- SOPCTL-ARGS...
#   e.g. bench/startup-timeline.sh -- -i lab/inventory.yaml exec --on node1 -- true
set -euo pipefail
cd "$(dirname "$0")/.."
reps=5 sopctl=$PWD/bin/sopctl
while [ $# -gt 0 ]; do
    case "$1" in
        --reps) reps=$2; shift 2 ;;
        --sopctl) sopctl=$(readlink -f "$2"); shift 2 ;;
        --) shift; break ;;
        *) echo "startup-timeline: unknown option $1 (see the script's header)" >&2; exit 64 ;;
    esac
done
[ $# -gt 0 ] || { echo "startup-timeline: give sopctl's arguments after --" >&2; exit 64; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_STATE_HOME="$tmp/state"

markers=(
    "dev.sopctl.Main|JVM started, Main loaded"
    "picocli.CommandLine|picocli: the command tree is built from annotations"
    "dev.sopctl.cli.RunbookInvoker|command line parsed, the command runs"
    "dev.sopctl.inventory.InventoryLoader|inventory: YAML read (Jackson + SnakeYAML)"
    "dev.sopctl.engine.TransportAhead|transport set-up starts (background thread)"
    "dev.sopctl.engine.Planner|parameters checked; plan"
    "dev.sopctl.transcript.TranscriptWriter|transcript opened"
    "dev.sopctl.engine.Executor|execution starts"
    "dev.sopctl.transport.ssh.SshjTransport|sshj configuration, ssh_config check"
    "org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyPairGenerator|sntrup761 key generation"
    "net.schmizz.sshj.transport.TransportImpl\$ConnInfo|TCP connect, identification"
    "net.schmizz.sshj.common.Message|KEXINIT"
    "net.i2p.crypto.eddsa.spec.EdDSAPublicKeySpec|server's KEX reply read (host key)"
    "com.hierynomus.sshj.userauth.keyprovider.OpenSSHKeyV1KeyFile|key exchange done; authentication"
    "net.schmizz.sshj.connection.channel.direct.Session\$Command|channel open, exec sent"
    "dev.sopctl.transport.ExecResult|exit status received"
    "dev.sopctl.engine.StepResult|results to the renderer"
)
for r in $(seq "$reps"); do
    start=$(date +%s%N)
    SOPCTL_JAVA_OPTS="-Xlog:class+load=info:file=$tmp/log-$r.txt" "$sopctl" "$@" > "$tmp/out" 2>&1 || true
    echo $(( ($(date +%s%N) - start) / 1000000 )) >> "$tmp/wall"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); $reps runs; $sopctl $*"
printf "%8s  %s\n" "ms" "first load of ... (phase)"
for m in "${markers[@]}"; do
    cls=${m%%|*} what=${m#*|}
    times=$(for r in $(seq "$reps"); do
        grep -m1 -F "] $cls source:" "$tmp/log-$r.txt" | sed -E 's/^\[([0-9.]+)s\].*/\1/' || true
    done)
    [ -n "$times" ] || continue
    med=$(echo "$times" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] * 1000}')
    printf "%8.0f  %-58s %s\n" "$med" "$cls" "$what"
done | sort -n
printf "%8s  %-58s %s\n" "$(sort -n "$tmp/wall" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" "(process ends)" \
    "wall time of the whole command, measured outside"
