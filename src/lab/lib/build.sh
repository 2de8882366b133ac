# Building the lab under DIR: packages, compiled helpers, host roots, keys, inventory.
# Sourced by `lab`; uses DIR, SRC, PORT, LAB_NET and the functions of hosts.sh.

ensure_packages() {
  local need=() p
  command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ] || need+=(openssh-server)
  command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)
  command -v nsenter >/dev/null 2>&1 || need+=(util-linux)
  command -v ps >/dev/null 2>&1 || need+=(procps)
  command -v fuser >/dev/null 2>&1 || need+=(psmisc)
  command -v ip >/dev/null 2>&1 || need+=(iproute2)
  command -v gcc >/dev/null 2>&1 || need+=(gcc libc6-dev)
  [ -f /usr/include/stdio.h ] || need+=(libc6-dev)
  [ ${#need[@]} -eq 0 ] && return 0
  say "installing ${need[*]} (apt)"
  # Never let a package's postinst start a system sshd: the lab's sshds own port 22 on their
  # own addresses. A policy-rc.d that refuses service starts is put in place only if none is.
  local made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "${need[@]}" >"$DIR/logs-apt.txt" 2>&1 ||
    { apt-get update -q >>"$DIR/logs-apt.txt" 2>&1 && apt-get install -y -q --no-install-recommends "${need[@]}" >>"$DIR/logs-apt.txt" 2>&1; } ||
    { [ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d; die "apt-get install ${need[*]} failed (see $DIR/logs-apt.txt)"; }
  [ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d
  return 0
}

check_port() {
  # A wildcard listener on the port (a system sshd on 0.0.0.0:22) would stop the lab's sshds
  # from binding their own addresses: move the whole lab to 2222 then.
  if [ "$PORT" = 22 ] && ss -Hltn 2>/dev/null | awk '{print $4}' | grep -qE '^(0\.0\.0\.0|\*|\[::\]):22$'; then
    PORT=2222
    say "port 22 is taken by a wildcard listener; the lab's sshds use port $PORT"
  fi
}

compile_helpers() {
  mkdir -p "$DIR/bin"
  if [ ! -x "$DIR/bin/lab-idle" ] || [ "$SRC/c/lab-idle.c" -nt "$DIR/bin/lab-idle" ]; then
    gcc -O2 -Wall -o "$DIR/bin/lab-idle" "$SRC/c/lab-idle.c"
  fi
  if [ ! -f "$DIR/bin/labproc.so" ] || [ "$SRC/c/labproc.c" -nt "$DIR/bin/labproc.so" ]; then
    gcc -O2 -Wall -shared -fPIC -o "$DIR/bin/labproc.so" "$SRC/c/labproc.c" -ldl
  fi
}

# A copy of this machine's /etc without its credentials (host keys, password hashes, TLS keys),
# the base of every host's own /etc.
make_etc_base() {
  rm -rf "$DIR/etc-base"; mkdir -p "$DIR/etc-base"
  tar -C / --exclude='./etc/ssh/ssh_host_*' --exclude='./etc/shadow*' --exclude='./etc/gshadow*' \
      --exclude='./etc/ssl/private' --exclude='./etc/ld.so.preload' -cf - ./etc 2>/dev/null |
    tar -C "$DIR/etc-base" -xf - --strip-components=2
  awk -F: '{print $1":*:19700:0:99999:7:::"}' "$DIR/etc-base/passwd" >"$DIR/etc-base/shadow"
  awk -F: '{print $1":*::"}' "$DIR/etc-base/group" >"$DIR/etc-base/gshadow"
  chmod 640 "$DIR/etc-base/shadow" "$DIR/etc-base/gshadow"
  grep -q '^orchard:' "$DIR/etc-base/passwd" || {
    echo 'orchard:x:1500:1500:PVDI orchard:/home/orchard:/bin/bash' >>"$DIR/etc-base/passwd"
    echo 'orchard:x:1500:' >>"$DIR/etc-base/group"
    echo 'orchard:*:19700:0:99999:7:::' >>"$DIR/etc-base/shadow"
    echo 'orchard:!::' >>"$DIR/etc-base/gshadow"
  }
  # su - orchard gets the simulated commands too.
  if [ -f "$DIR/etc-base/login.defs" ]; then
    sed -i -e 's|^ENV_SUPATH.*|ENV_SUPATH\tPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin|' \
           -e 's|^ENV_PATH.*|ENV_PATH\tPATH=/usr/local/sbin:/usr/local/bin:/usr/bin:/bin|' "$DIR/etc-base/login.defs"
  fi
  rm -f "$DIR/etc-base/motd"; : >"$DIR/etc-base/motd"
  echo "/opt/lab/bin/labproc.so" >"$DIR/etc-base/ld.so.preload"
  # Init scripts of daemons that are not simulated stay, but must not be mistaken for ours.
  rm -f "$DIR/etc-base/init.d/ssh" "$DIR/etc-base/environment"; : >"$DIR/etc-base/environment"
}

ssh_keys() {
  [ -f "$DIR/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C "lab-operator" -f "$DIR/id_ed25519"
  : >"$DIR/known_hosts"
  local h r k
  for h in $(lab_host_names); do
    r=$DIR/hosts/$h/root
    mkdir -p "$r/etc/ssh" "$r/root/.ssh"
    rm -f "$r/etc/ssh/ssh_host_"* "$r/root/.ssh/id_ed25519"*
    ssh-keygen -q -t ed25519 -N '' -C "root@$h" -f "$r/etc/ssh/ssh_host_ed25519_key" &
    ssh-keygen -q -t ed25519 -N '' -C "root@$h" -f "$r/root/.ssh/id_ed25519" &
  done
  wait
  for h in $(lab_host_names); do
    r=$DIR/hosts/$h/root
    k=$(cut -d' ' -f1,2 "$r/etc/ssh/ssh_host_ed25519_key.pub")
    if [ "$PORT" = 22 ]; then echo "$(lab_host_addr "$h") $k"; else echo "[$(lab_host_addr "$h")]:$PORT $k"; fi >>"$DIR/known_hosts"
  done
  # Inside the estate: every root trusts the operator's key and every host's root key (as
  # node-to-node scp in a real estate needs), and knows every host by name and address.
  local auth="$DIR/run/authorized_keys" kh="$DIR/run/known_hosts.estate"
  mkdir -p "$DIR/run"; cat "$DIR/id_ed25519.pub" >"$auth"; : >"$kh"
  for h in $(lab_host_names); do
    cat "$DIR/hosts/$h/root/root/.ssh/id_ed25519.pub" >>"$auth"
    k=$(cut -d' ' -f1,2 "$DIR/hosts/$h/root/etc/ssh/ssh_host_ed25519_key.pub")
    if [ "$PORT" = 22 ]; then echo "$h,$(lab_host_addr "$h") $k"; else echo "[$h]:$PORT,[$(lab_host_addr "$h")]:$PORT $k"; fi >>"$kh"
  done
  for h in $(lab_host_names); do
    r=$DIR/hosts/$h/root
    cp "$auth" "$r/root/.ssh/authorized_keys"; cp "$kh" "$r/root/.ssh/known_hosts"
    [ "$PORT" = 22 ] || printf 'Host *\n  Port %s\n' "$PORT" >"$r/root/.ssh/config"
    chmod 700 "$r/root/.ssh"; chmod 600 "$r/root/.ssh/"*
  done
}

write_inventory() {
  local f="$DIR/inventory.yaml" id="$DIR/id_ed25519" kh="$DIR/known_hosts"
  {
    echo "# Written by src/lab/lab up (scenario $SCENARIO). Every host is a simulated one behind its own"
    echo "# OpenSSH server on a loopback address; see src/lab/README.md."
    echo "defaults:"
    echo "  user: root"
    echo "  port: $PORT"
    echo "  identity: $id"
    echo "  known_hosts: $kh"
    # 10s as in examples/inventory.yaml: the handshake includes the client's sntrup761 key generation
    # (BouncyCastle, ~0.1 s of CPU each on a cold JVM), nine of them at once on a shared 2-core machine
    echo "  connect_timeout: 10s"
    echo "  command_timeout: 2m"
    if lab_has_part base; then
      echo "zones:"
      echo "  zone-a: {storage: shared, ntp_server: $LAB_NET.1, gateway: $LAB_NET.254, vars: {bridges: {xenbr0: [bond0], xenbr1: [eth2]}}}"
      echo "  zone-b: {storage: local, ntp_server: $LAB_NET.1, gateway: $LAB_NET.254, vars: {bridges: {xenbr0: [bond0], xenbr1: [eth2]}}}"
    fi
    echo "hosts:"
    if lab_has_part base; then
      echo "  node1:"
      echo "    address: $(lab_host_addr node1)"
      echo "    role: node"
      echo "    zone: zone-a"
      echo "    vars: {mastervm: mastervm01, mastervm_cfg: /data/mastervm01.cfg}"
      echo "  node2: {address: $(lab_host_addr node2), role: node, zone: zone-a, vars: {mastervm: mastervm02, mastervm_cfg: /data/mastervm02.cfg}}"
      echo "  node3: {address: $(lab_host_addr node3), role: node, zone: zone-b, vars: {mastervm: mastervm03, mastervm_cfg: /data/mastervm03.cfg}}"
      echo "  mastervm01: {address: $(lab_host_addr mastervm01), role: mastervm, zone: zone-a, vars: {pvdi_version: 2, node: node1}}"
      echo "  mastervm02: {address: $(lab_host_addr mastervm02), role: mastervm, zone: zone-a, vars: {pvdi_version: 2, node: node2}}"
      echo "  nas1: {address: $(lab_host_addr nas1), role: storage}"
      echo "  nas2: {address: $(lab_host_addr nas2), role: storage}"
      echo "  lk1: {address: $(lab_host_addr lk1), role: cluster-member}"
      echo "  lk2: {address: $(lab_host_addr lk2), role: cluster-member}"
    fi
    if lab_has_part cloudstack; then cloudstack_inventory_hosts; fi
    echo "clusters:"
    if lab_has_part base; then
      echo "  mastervm-ha: {type: pacemaker, members: [mastervm01, mastervm02], resource_group: DBServer}"
      echo "  nfs-ha: {type: drbd, members: [nas1, nas2], resource: data, device: /dev/drbd0, mount: /data, vip: $LAB_NET.30}"
      echo "  app-lk:"
      echo "    type: lifekeeper"
      echo "    members: [lk1, lk2]"
      echo "    hierarchies:"
      echo "      app1: {primary: lk1, ip: ip1, fs: fs1, datarep: datarep1}"
      echo "      app2: {primary: lk2, ip: ip2, fs: fs2, datarep: datarep2}"
    fi
    if lab_has_part cloudstack; then cloudstack_inventory_clusters; fi
  } >"$f"
}

# Skeleton of one host's root directory (its own /etc, /var, /root, /home, /opt, /data, /tmp;
# /usr, /proc, /dev, /sys, /run are mounted at boot inside its namespaces).
make_root() {
  local h=$1 r=$DIR/hosts/$1/root s=$DIR/hosts/$1/state
  mkdir -p "$r"/{usr,proc,dev,sys,run,tmp,data,home,root,srv,mnt,media,boot,opt/lab/src,opt/lab/bin} \
           "$r"/var/{log,tmp,cache,mail,backups,spool/cron/crontabs,lib/lab} "$s"/{proc,vol/data,vol/peer,cluster}
  chmod 1777 "$r/tmp" "$r/var/tmp"; chmod 700 "$r/root"; chmod 1733 "$r/var/spool/cron/crontabs"
  ln -sfn usr/bin "$r/bin"; ln -sfn usr/sbin "$r/sbin"; ln -sfn usr/lib "$r/lib"
  [ -e /lib64 ] && ln -sfn usr/lib64 "$r/lib64"
  ln -sfn /run "$r/var/run"; ln -sfn /run/lock "$r/var/lock"
  # /etc is an overlay at boot: the machine-wide base (read-only) under this host's own
  # directory, which holds what differs here and every change made on the host.
  mkdir -p "$r/etc/ssh" "$r/etc/default" "$r/etc/init.d" "$DIR/hosts/$h/etc.work"
  echo "$h" >"$r/etc/hostname"
  {
    echo "127.0.0.1 localhost"
    local x; for x in $(lab_host_names); do echo "$(lab_host_addr "$x") $x"; done
  } >"$r/etc/hosts"
  cat >"$r/etc/ssh/sshd_config" <<CFG
# sshd of the simulated host $h (src/lab)
Port $PORT
ListenAddress $(lab_host_addr "$h")
HostKey /etc/ssh/ssh_host_ed25519_key
PidFile /run/sshd.pid
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PrintMotd no
PrintLastLog no
UseDNS no
AcceptEnv LANG LC_*
# the simulated commands need the lab's network (LAB_NET) in every SSH session too
SetEnv LAB_NET=$LAB_NET
MaxStartups 64:30:128
MaxSessions 64
Subsystem sftp internal-sftp
# debug1 logs each connection's negotiated algorithms ("kex: algorithm: ..."), which the tests of
# the post-quantum key exchange read
LogLevel DEBUG
CFG
  cp "$SRC/lib/root.bashrc" "$r/root/.bashrc"; cp "$SRC/lib/root.bashrc" "$r/root/.profile"
  echo "$h" >"$s/host"
  if [ "$(lab_host_hypervisor "$h")" = - ]; then echo on; else echo off; fi >"$s/power"
  echo 0 >"$s/clock_offset"
}

build_all() {
  rm -rf "$DIR/hosts" "$DIR/volumes" "$DIR/clusters" "$DIR/run"
  mkdir -p "$DIR/hosts" "$DIR/volumes" "$DIR/clusters" "$DIR/run" "$DIR/logs"
  : >"$DIR/logs/lab.log"
  compile_helpers
  make_etc_base
  local h
  for h in $(lab_host_names); do make_root "$h" & done; wait
  ssh_keys
  . "$SRC/lib/populate.sh"
  populate_volumes
  for h in $(lab_host_names); do populate_host "$h" & done; wait
  write_inventory
  [ -f "$DIR/.gitignore" ] || echo '*' >"$DIR/.gitignore"
}
