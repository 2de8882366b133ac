# The CloudStack / Mold part of the lab, outside the hosts: its scenarios, the hosts' files, the
# API's shared state (DIR/clusters/cloud1), the inventory lines, the faults. Sourced by `lab`.
# Inside the hosts: lib/cloudstack.sh and sim/{systemctl,ss,cmk}.
CS_CLUSTER=cloud1
CS_CLUSTER_ID=a1f0c7e2-0b1d-4f5e-9a3c-7d2e8b6f4c10
CS_CAP=vm.min.memory.equals.memory.divided.by.mem.overprovisioning.factor

# The parts of the estate a scenario needs (lib/hosts.sh).
scenario_parts() {
  case "$1" in
    cloudstack|ms-down|host-not-vip|db-ha-inconsistent|agent-down|memory-cap) echo cloudstack;;
    *) echo base;;
  esac
}

cs_vip() { echo "$LAB_NET.50"; }

# The API's state, shared by the five hosts: global settings, per-cluster settings, clusters, VMs.
populate_cloudstack_cluster() {
  local c=$DIR/clusters/$CS_CLUSTER
  mkdir -p "$c"
  # name<TAB>value; 'host' is the load balancer's VIP, as the Mold page asks
  printf '%s\t%s\n' host "$(cs_vip)" ha.tag "" host.retry 2 host.stats.interval 60000 \
    mem.overprovisioning.factor 1 "$CS_CAP" true cluster.heartbeat.threshold 150000 >"$c/settings"
  : >"$c/settings.cluster"                    # clusterid<TAB>name<TAB>value: overrides
  printf '%s\t%s\t%s\n' "$CS_CLUSTER_ID" c1 1.0 >"$c/clusters"   # id, name, memoryovercommitratio
  # VMs: name id host offering-MB balloon-target-KiB (the memory the guest has)
  printf '%s %s %s %s %s\n' web01 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c01 kvm1 4096 4194304 \
    web02 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c02 kvm2 4096 4194304 \
    db01 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c03 kvm2 8192 8388608 >"$c/vms"
}

cs_management_addresses() { local m out=(); for m in ms1 ms2; do out+=("$(lab_host_addr "$m")"); done; (IFS=,; echo "${out[*]}"); }

write_db_properties() { # FILE HOST HA(true|false) REPLICAS
  cat >"$1" <<EOF2
# management server clustering parameters, change cluster.node.IP to the machine IP address
# in which the management server(Tomcat) is running
cluster.node.IP=$(lab_host_addr "$2")
cluster.servlet.port=9090
region.id=1

# CloudStack database settings
db.cloud.username=cloud
db.cloud.password=ENC(lab-not-a-secret)
db.cloud.host=$(lab_host_addr csdb)
db.cloud.driver=jdbc:mysql
db.cloud.port=3306
db.cloud.name=cloud

# High Availability And Cluster Properties
db.ha.enabled=$3
db.ha.loadBalanceStrategy=com.cloud.utils.db.StaticStrategy
db.cloud.replicas=$4
db.cloud.autoReconnectForPools=true
db.cloud.secondsBeforeRetrySource=3600
db.cloud.queriesBeforeRetrySource=5000
db.cloud.initialTimeout=3600
EOF2
}

populate_cloudstack_host() { # HOST ROOT STATE
  local h=$1 r=$2 s=$3
  printf '%s\n' /opt/lab/src/lib/cluster-join.sh /opt/lab/src/lib/boot-cloudstack.sh >>"$s/boot"
  case "$(lab_host_role "$h")" in
    cloudstack-management)
      mkdir -p "$r/etc/cloudstack/management" "$r/root/.cmk"
      write_db_properties "$r/etc/cloudstack/management/db.properties" "$h" false ""
      printf '[core]\nprofile = localcloud\nasyncblock = true\noutput = json\n\n[localcloud]\nurl = http://localhost:8080/client/api\napikey = \nsecretkey = \n' \
        >"$r/root/.cmk/config"
      echo cloudstack-management >"$s/units";;
    cloudstack-database)
      echo mysqld >"$s/units";;
    kvm)
      mkdir -p "$r/etc/cloudstack/agent"
      cat >"$r/etc/cloudstack/agent/agent.properties" <<EOF2
#Storage
cluster=$CS_CLUSTER_ID
resource=com.cloud.hypervisor.kvm.resource.LibvirtComputingResource
private.network.device=cloudbr0
guest.network.device=cloudbr0
public.network.device=cloudbr0
workers=5
host=$(cs_vip)
port=8250
zone=8e3c1a2b-4d5f-4e6a-b7c8-9d0e1f2a3b4c
keystore.passphrase=lab-not-a-secret
EOF2
      printf '%s\n' libvirtd cloudstack-agent >"$s/units";;
  esac
}

cloudstack_inventory_hosts() {
  echo "  ms1: {address: $(lab_host_addr ms1), role: cloudstack-management}"
  echo "  ms2: {address: $(lab_host_addr ms2), role: cloudstack-management}"
  echo "  csdb: {address: $(lab_host_addr csdb), role: cloudstack-database}"
  echo "  kvm1: {address: $(lab_host_addr kvm1), role: kvm}"
  echo "  kvm2: {address: $(lab_host_addr kvm2), role: kvm}"
}

cloudstack_inventory_clusters() {
  echo "  $CS_CLUSTER: {type: cloudstack, management: [ms1, ms2], database: [csdb], kvm: [kvm1, kvm2], vip: $(cs_vip)}"
}

cs_set() { # NAME VALUE : a global setting
  local f=$DIR/clusters/$CS_CLUSTER/settings
  awk -F'\t' -v n="$1" -v v="$2" 'BEGIN{OFS="\t"} $1==n{$2=v} {print}' "$f" >"$f.new" && mv -f "$f.new" "$f"
}

apply_cloudstack_fault() { # HOST NAME
  local h=$1 f=$2 c=$DIR/clusters/$CS_CLUSTER
  case "$f" in
    ms-down|ms-up)
      need_role "$h" cloudstack-management "$f"
      lab_exec "$h" "systemctl $([ "$f" = ms-down ] && echo stop || echo start) cloudstack-management";;
    agent-down|agent-up)
      need_role "$h" kvm "$f"
      lab_exec "$h" "systemctl $([ "$f" = agent-down ] && echo stop || echo start) cloudstack-agent";;
    host-not-vip)   # the global setting names one management server (this one), not the VIP
      need_role "$h" cloudstack-management "$f"
      cs_set host "$(lab_host_addr "$h")";;
    host-is-vip)
      cs_set host "$(cs_vip)";;
    db-ha-inconsistent)   # this server fails over to a replica, the others do not
      need_role "$h" cloudstack-management "$f"
      write_db_properties "$(hr "$h")/etc/cloudstack/management/db.properties" "$h" true "$LAB_NET.54";;
    memory-cap)
      # after the upgrade: factor 1.33 on cluster c1 and the cap setting on by default, so every
      # running VM has its offering divided by 1.33 ("3 GB" of a 4 GB offering)
      awk -F'\t' 'BEGIN{OFS="\t"} {$3="1.33"; print}' "$c/clusters" >"$c/clusters.new" && mv -f "$c/clusters.new" "$c/clusters"
      awk '{printf "%s %s %s %s %d\n", $1, $2, $3, $4, int($4 * 1024 / 1.33 / 1024 + 0.5) * 1024}' "$c/vms" >"$c/vms.new" && mv -f "$c/vms.new" "$c/vms";;
  esac
}
