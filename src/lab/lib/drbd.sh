# DRBD 8.4 resource "data" (minor 0, /dev/drbd0) of the nas pair, state shared by both members
# in /var/lib/lab/cluster: drbd.HOST = "ROLE CSTATE DSTATE OOS", splitbrain (present while the
# two sides' data diverged), discard.HOST (a side that connected with --discard-my-data),
# proc-drbd.HOST (what /proc/drbd shows on HOST; the host's /var/lib/lab/proc/drbd links to it),
# version (8 or 9: the kernel module the pair runs; fault drbd-version-9 / drbd-version-8).
# Each member sees its own volume at /var/lib/lab/vol/data and its peer's at vol/peer: the
# simulated replication copies one onto the other when DRBD would have made them equal.
RESNAME=data
peer_of() { local m; for m in $(lab_cluster_members nfs-ha); do [ "$m" != "$1" ] && echo "$m"; done; }
PEER=$(peer_of "$HOST")
dget() { cat "$CLUSTER_DIR/drbd.$1" 2>/dev/null || echo "Secondary StandAlone UpToDate 0"; }
dset() { echo "$2 $3 $4 $5" >"$CLUSTER_DIR/drbd.$1"; }
drbd_version() { cat "$CLUSTER_DIR/version" 2>/dev/null || echo 8; }
# DRBD 9 names the state of a node that listens for its peer Connecting (8.4: WFConnection)
cs_word() { if [ "$(drbd_version)" = 9 ] && [ "$1" = WFConnection ]; then echo Connecting; else echo "$1"; fi; }
# the kernel's prefix for resource messages: 8.4 'drbd data', 9 'drbd data nas2' (with the peer)
kprefix() { if [ "$(drbd_version)" = 9 ]; then echo "drbd $RESNAME $PEER"; else echo "drbd $RESNAME"; fi; }
dprefix() { if [ "$(drbd_version)" = 9 ]; then echo "drbd $RESNAME/0 drbd0 $PEER"; else echo "block drbd0"; fi; }
# copy the data of FROM (this host or its peer) onto the other member's volume, as replication would
replicate_from() { # HOST
  local src=/var/lib/lab/vol/data dst=/var/lib/lab/vol/peer
  [ "$1" = "$HOST" ] || { src=/var/lib/lab/vol/peer; dst=/var/lib/lab/vol/data; }
  [ -d "$src" ] && [ -d "$dst" ] || return 0
  find "$dst" -mindepth 1 -delete 2>/dev/null; cp -a "$src"/. "$dst"/
}
connected() { case "$1" in Connected|SyncSource|SyncTarget) return 0;; esac; return 1; }

proc_text() { # HOST
  local h=$1 p r cs ds oos pr pcs pds poos proto=C ro_p ds_p
  read -r r cs ds oos <<<"$(dget "$h")"; p=$(peer_of "$h"); read -r pr pcs pds poos <<<"$(dget "$p")"
  if connected "$cs"; then ro_p=$pr; ds_p=$pds; else ro_p=Unknown; ds_p=DUnknown; fi
  [ "$cs" = StandAlone ] && proto=' '
  if [ "$(drbd_version)" = 9 ]; then
    echo "version: 9.2.8 (api:2/proto:86-122)"
    echo "GIT-hash: 1a2a7c1a04a4a3dc1c5d0ca8c4bbbc1e0c8e2f4c build by root@$h, 2024-01-10 10:00:00"
    echo "Transports (api:21): tcp (9.2.8)"
    return
  fi
  echo "version: 8.4.11-1 (api:1/proto:86-101)"
  echo "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018-11-03 01:26:55"
  echo " 0: cs:$cs ro:$r/$ro_p ds:$ds/$ds_p $proto r-----"
  echo "    ns:10485712 nr:0 dw:2097160 dr:8392697 al:520 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:$oos"
  case "$cs" in SyncSource|SyncTarget)
    printf '\t[===>................] sync'"'"'ed: 21.4%% (805044/1023932)K\n\tfinish: 0:00:03 speed: 19,072 (18,560) want: 30,720 K/sec\n';;
  esac
}
gen_proc() { local m; for m in $(lab_cluster_members nfs-ha); do proc_text "$m" >"$CLUSTER_DIR/proc-drbd.$m.new" && mv -f "$CLUSTER_DIR/proc-drbd.$m.new" "$CLUSTER_DIR/proc-drbd.$m"; done; }
