# The simulated estate: one line per host. Sourced by `lab` (outside) and by the simulated
# commands (inside a host, where it is /opt/lab/src/lib/hosts.sh).
#   name  last-octet  role  zone  cluster  hypervisor(for master VMs)
LAB_HOSTS="
node1      11 node           zone-a -           -
node2      12 node           zone-a -           -
node3      13 node           zone-b -           -
mastervm01 21 mastervm       zone-a mastervm-ha node1
mastervm02 22 mastervm       zone-a mastervm-ha node2
nas1       31 storage        -      nfs-ha      -
nas2       32 storage        -      nfs-ha      -
lk1        41 cluster-member -      app-lk      -
lk2        42 cluster-member -      app-lk      -
"
# The CloudStack / Mold part (lib/cloudstack-build.sh): booted only by its scenarios, which need
# nothing else (LAB_PARTS=cloudstack), so the other labs do not get slower.
LAB_CS_HOSTS="
ms1        51 cloudstack-management -  cloud1      -
ms2        52 cloudstack-management -  cloud1      -
csdb       53 cloudstack-database   -  cloud1      -
kvm1       61 kvm                   -  cloud1      -
kvm2       62 kvm                   -  cloud1      -
"
# The parts of the estate this lab runs: base (the hosts above) and/or cloudstack.
lab_parts() { echo "${LAB_PARTS:-base}"; }
lab_has_part() { case " $(lab_parts) " in *" $1 "*) return 0;; *) return 1;; esac; }
# Host names in order (of the parts this lab runs).
lab_host_names() {
  if lab_has_part base; then awk 'NF{print $1}' <<<"$LAB_HOSTS"; fi
  if lab_has_part cloudstack; then awk 'NF{print $1}' <<<"$LAB_CS_HOSTS"; fi
  return 0
}
# lab_host_field HOST N   (1=name 2=octet 3=role 4=zone 5=cluster 6=hypervisor), any part
lab_host_field() { awk -v h="$1" -v n="$2" '$1==h{print $n}' <<<"$LAB_HOSTS$LAB_CS_HOSTS"; }
lab_host_role() { lab_host_field "$1" 3; }
lab_host_zone() { lab_host_field "$1" 4; }
lab_host_cluster() { lab_host_field "$1" 5; }
lab_host_hypervisor() { lab_host_field "$1" 6; }
# The master VM a node runs (node3's mastervm03 is a domain only, not a lab host).
lab_node_mastervm() { case "$1" in node1) echo mastervm01;; node2) echo mastervm02;; node3) echo mastervm03;; esac; }
lab_zone_storage() { case "$1" in zone-a) echo shared;; zone-b) echo local;; *) echo none;; esac; }
lab_cluster_members() { awk -v c="$1" '$5==c{print $1}' <<<"$LAB_HOSTS$LAB_CS_HOSTS"; }
lab_host_addr() { echo "${LAB_NET:-127.0.2}.$(lab_host_field "$1" 2)"; }
