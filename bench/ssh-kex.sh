#!/usr/bin/env bash
# Benchmark (not a test): what each SSH key exchange costs sopctl, against real OpenSSH on loopback.
# One sshd per key exchange, pinned with KexAlgorithms (curve25519-sha256, sntrup761x25519-sha512,
# sntrup761x25519-sha512@openssh.com; mlkem768x25519-sha256 too when this OpenSSH has it, 9.9+), each
# at LogLevel DEBUG so its log shows what was negotiated. Per key exchange and repetition:
#   sopctl ping 1:  bin/sopctl -i INV inventory ping h001 -o json      (one connection, new JVM)
#   sopctl ping N:  bin/sopctl -i INV inventory ping all -o json        (N hosts at once, one JVM)
#   ssh 1:          ssh -o KexAlgorithms=KEX HOST true                  (OpenSSH's client, for scale)
# Prints medians in seconds and the server's "kex: algorithm:" lines.
#
#   sudo bench/ssh-kex.sh [--hosts N] [--reps R] [--net 127.0.226] [--port 2226]
set -euo pipefail

N=10
REPS=5
NET=127.0.226
PORT=2226
while [ $# -gt 0 ]; do
    case "$1" in
        --hosts) N="$2"; shift 2 ;;
        --reps) REPS="$2"; shift 2 ;;
        --net) NET="$2"; shift 2 ;;
        --port) PORT="$2"; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "ssh-kex: unknown option $1 (see --help)" >&2; exit 64 ;;
    esac
done
die() { echo "ssh-kex: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "run as root (it starts sshd daemons)"
case "$NET" in 127.*) ;; *) die "--net must be a loopback prefix (127.x.y)" ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$ROOT/target/sopctl.jar" ] || die "build first: mvn -DskipTests package"
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
mkdir -p /run/sshd

KEXES=(curve25519-sha256 sntrup761x25519-sha512@openssh.com sntrup761x25519-sha512)
ssh -Q kex | grep -qx mlkem768x25519-sha256 && KEXES+=(mlkem768x25519-sha256)

WORK=$(mktemp -d /tmp/sopctl-kex.XXXXXX)
PIDS=()
LOGIN=sopctlkex   # a throwaway login with /bin/sh: root's ~/.bashrc would be timed with 'ssh HOST true'
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    [ "${MADE_USER:-0}" = 1 ] && userdel "$LOGIN" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ssh-keygen -q -t ed25519 -N '' -f "$WORK/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/id_ed25519"
cp "$WORK/id_ed25519.pub" "$WORK/authorized_keys"
chmod 755 "$WORK"; chmod 644 "$WORK/authorized_keys"
if ! id "$LOGIN" >/dev/null 2>&1; then
    useradd -M -d "$WORK" -s /bin/sh -p '*' "$LOGIN"  # '*': no password, yet not locked
    MADE_USER=1
fi
HOSTKEY=$(cut -d' ' -f1,2 "$WORK/host_ed25519.pub")
: >"$WORK/known_hosts"
for k in "${!KEXES[@]}"; do
    addr="$NET.$((k + 1))"
    cat >"$WORK/sshd_$k.conf" <<CFG
Port $PORT
ListenAddress $addr
HostKey $WORK/host_ed25519
AuthorizedKeysFile $WORK/authorized_keys
PidFile $WORK/sshd_$k.pid
AllowUsers $LOGIN
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
UseDNS no
MaxStartups 1000
KexAlgorithms ${KEXES[$k]}
LogLevel DEBUG
CFG
    "$SSHD" -D -E "$WORK/sshd_$k.log" -f "$WORK/sshd_$k.conf" &
    PIDS+=($!)
    echo "[$addr]:$PORT $HOSTKEY" >>"$WORK/known_hosts"
    {
        echo "defaults: {user: $LOGIN, port: $PORT, identity: $WORK/id_ed25519, known_hosts: $WORK/known_hosts, connect_timeout: 60s}"
        echo "hosts:"
        for ((j = 1; j <= N; j++)); do printf '  h%03d: {address: %s}\n' "$j" "$addr"; done
    } >"$WORK/inventory_$k.yaml"
done
SSH=(ssh -F /dev/null -p "$PORT" -i "$WORK/id_ed25519" -o BatchMode=yes -o IdentitiesOnly=yes
     -o UserKnownHostsFile="$WORK/known_hosts" -o StrictHostKeyChecking=yes -o LogLevel=ERROR)
for k in "${!KEXES[@]}"; do
    for ((t = 0; t < 50; t++)); do "${SSH[@]}" -o KexAlgorithms="${KEXES[$k]}" "$LOGIN@$NET.$((k + 1))" true 2>/dev/null && break; sleep 0.2; done
done

# wall seconds, and the process's CPU seconds (user + sys, GNU time) into the file named by $CPU:
# CPU moves less than wall time on a machine shared with other work
secs() {
    local t0 t1; t0=$(date +%s.%N)
    /usr/bin/time -f '%U %S' -o "$WORK/time" "$@" >/dev/null 2>>"$WORK/errors" || echo "failed: $*" >>"$WORK/errors"
    t1=$(date +%s.%N); echo "$t1 - $t0" | bc
    if [ -n "${CPU:-}" ]; then awk '{print $1 + $2}' "$WORK/time" >>"$CPU"; fi
}
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs; reps $REPS; N=$N"
printf '%-36s %14s %18s %8s\n' "key exchange" "sopctl 1" "sopctl N=$N" "ssh 1"
printf '%-36s %14s %18s %8s\n' "" "wall / CPU s" "wall / CPU s" "wall s"
for k in "${!KEXES[@]}"; do
    addr="$NET.$((k + 1))"; inv="$WORK/inventory_$k.yaml"
    : >"$WORK/one"; : >"$WORK/many"; : >"$WORK/ssh"; : >"$WORK/one.cpu"; : >"$WORK/many.cpu"
    for ((r = 0; r < REPS; r++)); do   # the three alternate, so drift in the machine's load hits them alike
        CPU="$WORK/one.cpu" secs "$ROOT/bin/sopctl" -i "$inv" inventory ping h001 -o json >>"$WORK/one"
        CPU="$WORK/many.cpu" secs "$ROOT/bin/sopctl" -i "$inv" inventory ping all -o json >>"$WORK/many"
        CPU= secs "${SSH[@]}" -o KexAlgorithms="${KEXES[$k]}" "$LOGIN@$addr" true >>"$WORK/ssh"
    done
    printf '%-36s %14s %18s %8s\n' "${KEXES[$k]}" "$(median <"$WORK/one") / $(median <"$WORK/one.cpu")" \
        "$(median <"$WORK/many") / $(median <"$WORK/many.cpu")" "$(median <"$WORK/ssh")"
done
"$ROOT/bin/sopctl" -i "$WORK/inventory_0.yaml" inventory ping h001 -o json | grep -E '"(kex|cipher)"' | tr -d ' ,' | paste -sd' ' | sed 's/^/sopctl against the curve25519 server: /'
for k in "${!KEXES[@]}"; do
    printf 'server %s: %s (%s lines)\n' "$NET.$((k + 1))" "$(grep -m1 -o 'kex: algorithm: .*' "$WORK/sshd_$k.log")" "$(grep -c 'kex: algorithm:' "$WORK/sshd_$k.log")"
done
[ -s "$WORK/errors" ] && { echo "errors:"; sort -u "$WORK/errors" | head -5; }
exit 0
