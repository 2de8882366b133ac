# DRBD 8.4 resource "data" (minor 0, /dev/drbd0) of the nas pair, state shared by both members
# in /var/lib/lab/cluster: drbd.HOST = "ROLE CSTATE DSTATE OOS", splitbrain (present while the
# two sides' data diverged), discard.HOST (a side that connected with --discard-my-data),
# proc-drbd.HOST (what /proc/drbd shows on HOST; the host's /var/lib/lab/proc/drbd links to it).
RESNAME=data
peer_of() { local m; for m in $(lab_cluster_members nfs-ha); do [ "$m" != "$1" ] && echo "$m"; done; }
PEER=$(peer_of "$HOST")
dget() { cat "$CLUSTER_DIR/drbd.$1" 2>/dev/null || echo "Secondary StandAlone UpToDate 0"; }
dset() { echo "$2 $3 $4 $5" >"$CLUSTER_DIR/drbd.$1"; }
connected() { case "$1" in Connected|SyncSource|SyncTarget) return 0;; esac; return 1; }

proc_text() { # HOST
  local h=$1 p r cs ds oos pr pcs pds poos proto=C ro_p ds_p
  read -r r cs ds oos <<<"$(dget "$h")"; p=$(peer_of "$h"); read -r pr pcs pds poos <<<"$(dget "$p")"
  if connected "$cs"; then ro_p=$pr; ds_p=$pds; else ro_p=Unknown; ds_p=DUnknown; fi
  [ "$cs" = StandAlone ] && proto=' '
  echo "version: 8.4.11-1 (api:1/proto:86-101)"
  echo "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018-11-03 01:26:55"
  echo " 0: cs:$cs ro:$r/$ro_p ds:$ds/$ds_p $proto r-----"
  echo "    ns:10485712 nr:0 dw:2097160 dr:8392697 al:520 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:$oos"
  case "$cs" in SyncSource|SyncTarget)
    printf '\t[===>................] sync'"'"'ed: 21.4%% (805044/1023932)K\n\tfinish: 0:00:03 speed: 19,072 (18,560) want: 30,720 K/sec\n';;
  esac
}
gen_proc() { local m; for m in $(lab_cluster_members nfs-ha); do proc_text "$m" >"$CLUSTER_DIR/proc-drbd.$m.new" && mv -f "$CLUSTER_DIR/proc-drbd.$m.new" "$CLUSTER_DIR/proc-drbd.$m"; done; }
