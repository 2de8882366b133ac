#!/usr/bin/env bash
# Benchmark (not a test): `sopctl exec --on all -- true` against N real OpenSSH daemons on loopback,
# next to `xargs -P N ssh` (one OpenSSH client per host) and, where installed, parallel-ssh and
# `ansible -m raw`. Tools alternate within each repetition so drift hits them all alike.
#
#   sudo bench/ssh-fanout.sh [--hosts "10 50 200"] [--reps 5] [--kex NAME] [--compare LAUNCHER] [--port 2200]
#                            [--net 127.0.0] [--user NAME] [--without-sopctl] [--without-shell] [--keep]
#
# --compare LAUNCHER adds another sopctl build (its bin/sopctl) as the tool "base", for before/after.
# --net A.B.C puts the daemons on A.B.C.11 and up (default 127.0.0): two runs at once need different
# --port or --net values, or they share (and stop) each other's daemons.
#
# The warm shell: for each sopctl build, each repetition also starts `sopctl shell` on a
# pseudo-terminal (bench/shell-warm.py), types `exec --on all -- true` twice and times each command
# from its Enter key to the next prompt. The table's "shell-1"/"shell-2" rows are the first (cold:
# connects) and second (warm) command; "new conns" counts the TCP connections to the daemons that
# appeared during the warm command (`ss -tn`; it must be 0). The shell keeps its history and
# transcripts in the temp dir (XDG_STATE_HOME). --without-shell leaves this out.
#
# On equal terms: every tool must negotiate the same key exchange, since sntrup761x25519 costs
# several times what curve25519 does. By default the servers offer their usual list and the script
# checks that ssh and sopctl pick the same one (both take sntrup761x25519-sha512 from Debian 12's
# OpenSSH); --kex NAME pins the servers to that one (e.g. --kex curve25519-sha256), for every tool.
#
# As root: installs openssh-server and GNU time if missing, starts ceil(N/16) sshd daemons (one
# sshd listens on at most 16 ListenAddress entries) on 127.0.0.11 and up, each with a throwaway
# host key and authorized key in a temp dir, writes a sopctl inventory and an ansible/pssh host
# list for them, and prints median wall time, peak RSS and the ratio to xargs. Only loopback
# addresses are used. The daemons are stopped and the temp dir removed on exit (--keep keeps it).
#
# The login user is a throwaway account `sopctlbench` with /bin/sh as its shell, created here and
# deleted on exit (a concurrent run needs its own: --user sopctlbench2 is made the same way);
# `--user root` logs in as root instead. Why not root by default: sshd runs the
# login shell, and Debian's bash sources ~/.bashrc for sshd sessions; a root .bashrc with e.g.
# `eval "$(pyenv init -)"` takes a lock per shell, and 200 simultaneous sessions then wait on each
# other for up to a minute -- timing the .bashrc, not the SSH tools.
#
# Peak RSS is GNU time's %M: the largest single process. sopctl is one JVM; xargs and
# parallel-ssh start one ssh per host, so their total memory is roughly N times what is shown.
set -euo pipefail

HOSTS_LIST="10 50 200"
REPS=5
PORT=2200
NET=127.0.0
WITH_SHELL=1
KEX=""
BASE=""
LOGIN=sopctlbench
WITH_SOPCTL=1
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --hosts) HOSTS_LIST="$2"; shift 2 ;;
        --reps) REPS="$2"; shift 2 ;;
        --port) PORT="$2"; shift 2 ;;
        --net) NET="$2"; shift 2 ;;
        --without-shell) WITH_SHELL=0; shift ;;
        --kex) KEX="$2"; shift 2 ;;
        --compare) BASE=$(readlink -f "$2"); shift 2 ;;
        --user) LOGIN="$2"; shift 2 ;;
        --without-sopctl) WITH_SOPCTL=0; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
        *) echo "ssh-fanout: unknown option $1 (see --help)" >&2; exit 64 ;;
    esac
done

die() { echo "ssh-fanout: $*" >&2; exit 2; }

[ "$(id -u)" = 0 ] || die "run as root (it starts sshd daemons and may create a throwaway user)"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/target/sopctl.jar"
SOPCTL="$ROOT/bin/sopctl"   # the launcher: the JVM flags and class-data archive operators get

[[ "$NET" =~ ^127\.[0-9]{1,3}\.[0-9]{1,3}$ ]] || die "--net must be three octets of a loopback address (127.X.Y), found $NET"
[[ "$PORT" =~ ^[0-9]+$ ]] && [ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] || die "--port must be 1..65535, found $PORT"
MAXN=0
for n in $HOSTS_LIST; do
    [ "$n" -ge 1 ] && [ "$n" -le 240 ] || die "--hosts values must be 1..240 (addresses $NET.11..250)"
    [ "$n" -gt "$MAXN" ] && MAXN=$n
done

if [ "$WITH_SOPCTL" = 1 ]; then
    [ -f "$JAR" ] || die "$JAR not found: build it first (mvn -DskipTests package) or pass --without-sopctl"
    if ! java -jar "$JAR" exec --help 2>/dev/null | grep -q -- '--on'; then
        die "$JAR has no working 'exec --on' command yet (java -jar $JAR exec --help); pass --without-sopctl to time the others"
    fi
fi

need_apt=()
command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ] || need_apt+=(openssh-server)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "installing ${need_apt[*]} ..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
mkdir -p /run/sshd   # privilege separation directory

WORK=$(mktemp -d /tmp/sopctl-bench.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ "${MADE_USER:-0}" = 1 ] && userdel "$LOGIN" 2>/dev/null || true
    if [ "$KEEP" = 1 ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ssh-keygen -q -t ed25519 -N '' -C sopctl-bench-host -f "$WORK/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -C sopctl-bench-client -f "$WORK/id_ed25519"
cp "$WORK/id_ed25519.pub" "$WORK/authorized_keys"
HOSTKEY_PUB=$(cut -d' ' -f1,2 "$WORK/host_ed25519.pub")
chmod 755 "$WORK"
if ! id "$LOGIN" >/dev/null 2>&1; then
    [[ "$LOGIN" == sopctlbench* ]] || die "user $LOGIN does not exist"
    useradd -M -d "$WORK" -s /bin/sh -p '*' "$LOGIN"  # '*': no password, yet not locked (sshd refuses '!' accounts)
    MADE_USER=1
fi
chmod 644 "$WORK/authorized_keys"

addr() { echo "$NET.$((10 + $1))"; }
ss -Hltn "( sport = :$PORT )" | grep -q "$NET\." \
    && die "something listens on $NET.*:$PORT already (another run of this script?); pass another --port or --net"

# one daemon per 16 addresses
: > "$WORK/known_hosts"
d=0
for ((i = 1; i <= MAXN; i += 16)); do
    d=$((d + 1))
    cfg="$WORK/sshd_$d.conf"
    {
        echo "Port $PORT"
        for ((j = i; j < i + 16 && j <= MAXN; j++)); do echo "ListenAddress $(addr $j)"; done
        echo "HostKey $WORK/host_ed25519"
        echo "AuthorizedKeysFile $WORK/authorized_keys"
        echo "PidFile $WORK/sshd_$d.pid"
        echo "PermitRootLogin prohibit-password"
        echo "AllowUsers $LOGIN"
        echo "PasswordAuthentication no"
        echo "KbdInteractiveAuthentication no"
        echo "UsePAM no"
        echo "StrictModes no"
        echo "UseDNS no"
        echo "PrintMotd no"
        echo "MaxStartups 1000"
        echo "MaxSessions 100"
        echo "LogLevel ERROR"
        [ -z "$KEX" ] || echo "KexAlgorithms $KEX"
    } > "$cfg"
    "$SSHD" -D -e -f "$cfg" 2>>"$WORK/sshd.log" &
    PIDS+=($!)
done
for ((j = 1; j <= MAXN; j++)); do echo "[$(addr $j)]:$PORT $HOSTKEY_PUB" >> "$WORK/known_hosts"; done

# wait until every address accepts a login
SSH_OPTS=(-F /dev/null -p "$PORT" -i "$WORK/id_ed25519" -o BatchMode=yes -o IdentitiesOnly=yes
          -o UserKnownHostsFile="$WORK/known_hosts" -o GlobalKnownHostsFile=/dev/null
          -o StrictHostKeyChecking=yes -o ConnectTimeout=10 -o LogLevel=ERROR)
for ((t = 0; t < 50; t++)); do
    ssh "${SSH_OPTS[@]}" "$LOGIN"@"$(addr "$MAXN")" true 2>/dev/null && ssh "${SSH_OPTS[@]}" "$LOGIN"@"$(addr 1)" true 2>/dev/null && break
    sleep 0.2
done
ssh "${SSH_OPTS[@]}" "$LOGIN"@"$(addr 1)" true || die "the sshd daemons do not accept logins; see $WORK/sshd.log"
echo "started $d sshd daemons on $(addr 1)..$(addr "$MAXN") port $PORT" >&2

# the key exchange each client negotiates: the same for all, or the comparison means nothing
SSH_KEX=$(ssh -v "${SSH_OPTS[@]}" "$LOGIN"@"$(addr 1)" true 2>&1 | sed -n 's/.*kex: algorithm: //p' | tr -d '\r ' | head -1)
echo "key exchange: ssh negotiates $SSH_KEX" >&2
if [ "$WITH_SOPCTL" = 1 ]; then
    printf 'defaults: {user: %s, port: %s, identity: %s, known_hosts: %s}\nhosts:\n  h001: {address: %s}\n' \
        "$LOGIN" "$PORT" "$WORK/id_ed25519" "$WORK/known_hosts" "$(addr 1)" > "$WORK/inventory-probe.yaml"
    SOPCTL_KEX=$("$SOPCTL" -i "$WORK/inventory-probe.yaml" inventory ping -o json 2>/dev/null \
        | sed -n 's/.*"kex" *: *"\([^"]*\)".*/\1/p' | head -1)
    echo "key exchange: sopctl negotiates $SOPCTL_KEX" >&2
    [ -n "$SOPCTL_KEX" ] && [ "$SOPCTL_KEX" = "$SSH_KEX" ] \
        || die "ssh and sopctl negotiate different key exchanges ($SSH_KEX, ${SOPCTL_KEX:-none}): not equal terms; pin one with --kex"
fi

write_inputs() { # N
    local n=$1 j
    {
        echo "defaults:"
        echo "  user: $LOGIN"
        echo "  port: $PORT"
        echo "  identity: $WORK/id_ed25519"
        echo "  known_hosts: $WORK/known_hosts"
        echo "  connect_timeout: 20s"
        echo "hosts:"
        for ((j = 1; j <= n; j++)); do printf '  h%03d: {address: %s}\n' "$j" "$(addr $j)"; done
    } > "$WORK/inventory-$n.yaml"
    : > "$WORK/addrs-$n"; : > "$WORK/pssh-$n"
    { echo "[bench]"; } > "$WORK/ansible-$n.ini"
    for ((j = 1; j <= n; j++)); do
        echo "$(addr $j)" >> "$WORK/addrs-$n"
        echo "$LOGIN@$(addr $j):$PORT" >> "$WORK/pssh-$n"
        printf 'h%03d ansible_host=%s\n' "$j" "$(addr $j)" >> "$WORK/ansible-$n.ini"
    done
    cat >> "$WORK/ansible-$n.ini" <<INI
[bench:vars]
ansible_user=$LOGIN
ansible_port=$PORT
ansible_ssh_private_key_file=$WORK/id_ed25519
ansible_ssh_common_args=-F /dev/null -o UserKnownHostsFile=$WORK/known_hosts -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o BatchMode=yes
INI
}

TOOLS=()
[ "$WITH_SOPCTL" = 1 ] && TOOLS+=(sopctl)
[ -n "$BASE" ] && TOOLS+=(base)
TOOLS+=(xargs)
PSSH=$(command -v parallel-ssh || command -v pssh || true)
[ -n "$PSSH" ] && TOOLS+=(pssh)
command -v ansible >/dev/null 2>&1 && TOOLS+=(ansible)

run_tool() { # tool N -> runs it under /usr/bin/time, appends "wall rss rc" to its results file
    local tool=$1 n=$2 out="$WORK/run.out" tf="$WORK/time.out" rc=0
    case "$tool" in
        sopctl) /usr/bin/time -f '%e %M' -o "$tf" "$SOPCTL" -i "$WORK/inventory-$n.yaml" --parallel "$n" \
                    exec --on all -- true > "$out" 2>&1 || rc=$? ;;
        base)   /usr/bin/time -f '%e %M' -o "$tf" "$BASE" -i "$WORK/inventory-$n.yaml" --parallel "$n" \
                    exec --on all -- true > "$out" 2>&1 || rc=$? ;;
        xargs)  /usr/bin/time -f '%e %M' -o "$tf" xargs -P "$n" -I'{}' ssh "${SSH_OPTS[@]}" "$LOGIN"@'{}' true \
                    < "$WORK/addrs-$n" > "$out" 2>&1 || rc=$? ;;
        pssh)   /usr/bin/time -f '%e %M' -o "$tf" "$PSSH" -h "$WORK/pssh-$n" -p "$n" -t 60 \
                    -x "-F /dev/null -i $WORK/id_ed25519 -o BatchMode=yes -o IdentitiesOnly=yes -o UserKnownHostsFile=$WORK/known_hosts -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes" \
                    true > "$out" 2>&1 || rc=$? ;;
        ansible) ANSIBLE_HOST_KEY_CHECKING=True /usr/bin/time -f '%e %M' -o "$tf" ansible bench -i "$WORK/ansible-$n.ini" \
                    -m raw -a true -f "$n" > "$out" 2>&1 || rc=$? ;;
    esac
    if [ "$rc" != 0 ]; then
        echo "  $tool N=$n exited $rc:" >&2; tail -3 "$out" | sed 's/^/    /' >&2
    fi
    echo "$(tail -1 "$tf" | awk '{print $1, $2}') $rc" >> "$WORK/result-$tool-$n"
}

run_shell() { # tool N -> the shell's two commands; appends "seconds new-connections ok" per command
    local tool=$1 n=$2 launcher out="$WORK/shell.out" rc=0
    [ "$tool" = base ] && launcher=$BASE || launcher=$SOPCTL
    (cd "$WORK" && XDG_STATE_HOME="$WORK/state-$tool" /usr/bin/python3 "$ROOT/bench/shell-warm.py" --port "$PORT" --prefix "$NET." \
        -- "$launcher" -i "$WORK/inventory-$n.yaml" --parallel "$n" shell) > "$out" 2>"$WORK/shell.err" || rc=$?
    if [ "$rc" != 0 ]; then
        echo "  $tool shell N=$n exited $rc:" >&2; tail -5 "$WORK/shell.err" | sed 's/^/    /' >&2
    fi
    for k in 1 2; do
        awk -v k="$k" -v rc="$rc" '$1 == "cmd" && $2 == k {sub("new=", "", $4); print $3, $4, rc; found = 1}
            END {if (!found) print "-", "-", 1}' "$out" >> "$WORK/result-shell$k-$tool-$n"
    done
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for n in $HOSTS_LIST; do
    write_inputs "$n"
    for ((r = 1; r <= REPS; r++)); do
        for tool in "${TOOLS[@]}"; do
            run_tool "$tool" "$n"
        done
        if [ "$WITH_SHELL" = 1 ]; then
            for tool in "${TOOLS[@]}"; do
                case "$tool" in sopctl|base) run_shell "$tool" "$n" ;; esac
            done
        fi
        echo "N=$n repetition $r/$REPS done" >&2
    done
done

echo
echo "key exchange: ${KEX:-as the servers offer}, negotiated: $SSH_KEX; load before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-14s %5s %12s %14s %10s %8s %10s\n' tool N "median s" "peak RSS MB" "x xargs" failed "new conns"
for n in $HOSTS_LIST; do
    base=$(awk '{print $1}' "$WORK/result-xargs-$n" | median)
    for tool in "${TOOLS[@]}"; do
        f="$WORK/result-$tool-$n"
        wall=$(awk '{print $1}' "$f" | median)
        rss=$(awk '{print $2}' "$f" | median)
        failed=$(awk '$3 != 0' "$f" | wc -l)
        printf '%-14s %5s %12s %14.1f %10.2f %5s/%s\n' "$tool" "$n" "$wall" "$(echo "$rss" | awk '{print $1 / 1024}')" \
            "$(awk -v a="$wall" -v b="$base" 'BEGIN {print (b > 0 ? a / b : 0)}')" "$failed" "$REPS"
    done
    for tool in "${TOOLS[@]}"; do
        for k in 1 2; do
            f="$WORK/result-shell$k-$tool-$n"
            [ -f "$f" ] || continue
            wall=$(awk '$1 != "-" {print $1}' "$f" | median)
            failed=$(awk '$3 != 0' "$f" | wc -l)
            conns=$(awk '$2 != "-" {s += $2} END {print s + 0}' "$f")
            printf '%-14s %5s %12s %14s %10.2f %5s/%s %10s\n' "$tool shell-$k" "$n" "$wall" - \
                "$(awk -v a="$wall" -v b="$base" 'BEGIN {print (b > 0 && a != "-" ? a / b : 0)}')" "$failed" "$REPS" \
                "$([ "$k" = 2 ] && echo "$conns" || echo -)"
        done
    done
done
echo "shell-1, shell-2: the first and second 'exec --on all -- true' typed into one 'sopctl shell', Enter to prompt;"
echo "new conns: connections opened during the second, summed over the repetitions (must be 0)"
