package dev.sopctl.engine;

import dev.sopctl.testing.ScriptedTransport;
import dev.sopctl.testing.ScriptedTransport.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CloudStack estate (ms1, ms2, db1, kvm1, kvm2; cluster c1) answering the commands of the
 * cloudstack runbooks on a {@link ScriptedTransport}, in the shapes cmk prints. Fields are the
 * state; change them, then {@link #script}.
 */
final class CloudstackEstateModel {
    static final String CLUSTER_ID = "a1f0c7e2-0b1d-4f5e-9a3c-7d2e8b6f4c10";
    static final String INVENTORY = """
            hosts:
              ms1: {address: 10.0.0.51}
              ms2: {address: 10.0.0.52}
              db1: {address: 10.0.0.53}
              kvm1: {address: 10.0.0.61}
              kvm2: {address: 10.0.0.62}
            clusters:
              cloud1:
                type: cloudstack
                management: [ms1, ms2]
                database: [db1]
                kvm: [kvm1, kvm2]
                vip: 10.0.0.50
            """;

    final Map<String, String> units = new LinkedHashMap<>(Map.of(
            "ms1/cloudstack-management", "active", "ms2/cloudstack-management", "active",
            "kvm1/cloudstack-agent", "active", "kvm1/libvirtd", "active",
            "kvm2/cloudstack-agent", "active", "kvm2/libvirtd", "active"));
    final Map<String, String> dbProperties = new LinkedHashMap<>(Map.of(
            "ms1", "db.ha.enabled=false\n", "ms2", "db.ha.enabled=false\n"));
    String hostSetting = "10.0.0.50";
    String version = "4.19.0.1";
    String extraPorts = "";
    String agentHost = "10.0.0.50";
    String haTag = "";
    String factor = "1.0";
    boolean capSetting = true;
    /** VM name to {offering MB, balloon target KiB}. */
    final Map<String, long[]> vms = new LinkedHashMap<>(Map.of("web01", new long[] {4096, 4194304}));
    String managementServersJson; // when set, answered instead of the model's

    void script(ScriptedTransport t) {
        for (String ms : List.of("ms1", "ms2")) {
            t.on(ms, "^systemctl is-active cloudstack-management$", (h, c) -> Reply.exit(unit(ms, "cloudstack-management") ? 0 : 3,
                    units.get(ms + "/cloudstack-management") + "\n", "").answer(h, c));
            t.on(ms, "^ss -ltn$", (h, c) -> Reply.ok(ss(unit(ms, "cloudstack-management") ? "22 8080 8250 9090" + extraPorts : "22")).answer(h, c));
            t.on(ms, "^grep -E .*db.properties$", (h, c) -> Reply.exit(dbProperties.get(ms).isEmpty() ? 1 : 0, dbProperties.get(ms), "").answer(h, c));
            t.on(ms, "list managementservers", (h, c) -> Reply.ok(managementServersJson != null ? managementServersJson : servers()).answer(h, c));
            t.on(ms, "list configurations name=host$", (h, c) -> Reply.ok(configurations(List.of(config("host", hostSetting, null)))).answer(h, c));
            t.on(ms, "list hosts type=Routing", (h, c) -> Reply.ok(hosts() + configurations(haTag.isEmpty() ? List.of()
                    : List.of(config("ha.tag", haTag, null)))).answer(h, c));
            t.on(ms, "list clusters$|list clusters\n", (h, c) -> Reply.ok(clusters() + configurations(List.of(config(
                    "vm.min.memory.equals.memory.divided.by.mem.overprovisioning.factor", String.valueOf(capSetting), CLUSTER_ID)))).answer(h, c));
            t.on(ms, "list virtualmachines", (h, c) -> Reply.ok(virtualMachines()).answer(h, c));
            t.on(ms, "update configuration", (h, c) -> {
                capSetting = c.contains("value=true");
                return Reply.ok(updated()).answer(h, c);
            });
        }
        t.on("db1", "^ss -ltn$", Reply.ok(ss("22 3306")));
        for (String kvm : List.of("kvm1", "kvm2")) {
            t.on(kvm, "^systemctl is-active cloudstack-agent libvirtd$", (h, c) -> {
                boolean all = unit(kvm, "cloudstack-agent") && unit(kvm, "libvirtd");
                return Reply.exit(all ? 0 : 3, units.get(kvm + "/cloudstack-agent") + "\n" + units.get(kvm + "/libvirtd") + "\n", "").answer(h, c);
            });
            t.on(kvm, "^grep -E .*agent.properties$", (h, c) -> Reply.ok("host=" + agentHost + "\n").answer(h, c));
        }
    }

    private boolean unit(String host, String unit) {
        return "active".equals(units.get(host + "/" + unit));
    }

    private static String ss(String ports) {
        StringBuilder b = new StringBuilder("State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n");
        for (String p : ports.split(" ")) {
            b.append("LISTEN 0      50                 *:").append(p).append("              *:*\n");
        }
        return b.toString();
    }

    private String servers() {
        List<String> items = new ArrayList<>();
        int n = 1;
        for (String ms : List.of("ms1", "ms2")) {
            items.add("""
                    {"id": "00000000-0000-4000-8000-00000000000%d", "ipaddress": "10.0.0.5%d", "name": "%s",
                     "state": "%s", "version": "%s"}""".formatted(n, n, ms, unit(ms, "cloudstack-management") ? "Up" : "Down", version));
            n++;
        }
        return "{\"count\": 2, \"managementserver\": [" + String.join(",\n", items) + "]}\n";
    }

    private static String config(String name, String value, String clusterId) {
        return """
                {"category": "Advanced", "name": "%s", "value": "%s"%s}""".formatted(name, value,
                clusterId == null ? "" : ", \"scope\": \"cluster\", \"id\": \"" + clusterId + "\"");
    }

    private static String configurations(List<String> items) {
        return items.isEmpty() ? "{}\n" : "{\"configuration\": [" + String.join(",\n", items) + "], \"count\": " + items.size() + "}\n";
    }

    private String hosts() {
        List<String> items = new ArrayList<>();
        int n = 1;
        for (String kvm : List.of("kvm1", "kvm2")) {
            items.add("""
                    {"id": "10000000-0000-4000-8000-00000000000%d", "name": "%s", "ipaddress": "10.0.0.6%d",
                     "hypervisor": "KVM", "type": "Routing", "state": "%s", "clusterid": "%s", "hosttags": "%s",
                     "hostha": {"haenable": true, "hastate": "Available", "haprovider": "kvmhaprovider"},
                     "outofbandmanagement": {"enabled": true, "powerstate": "On", "driver": "ipmitool"}}"""
                    .formatted(n, kvm, n, unit(kvm, "cloudstack-agent") ? "Up" : "Disconnected", CLUSTER_ID, n == 1 ? "ha_host" : ""));
            n++;
        }
        return "{\"count\": 2, \"host\": [" + String.join(",\n", items) + "]}\n";
    }

    private String clusters() {
        return """
                {"cluster": [{"id": "%s", "name": "c1", "hypervisortype": "KVM", "memoryovercommitratio": "%s",
                 "cpuovercommitratio": "1.0", "allocationstate": "Enabled"}], "count": 1}
                """.formatted(CLUSTER_ID, factor);
    }

    private String virtualMachines() {
        List<String> items = new ArrayList<>();
        vms.forEach((name, m) -> items.add("""
                {"id": "20000000-0000-4000-8000-%012d", "name": "%s", "state": "Running", "memory": %d,
                 "memorytargetkbs": %d, "hostname": "kvm1"}""".formatted(items.size() + 1, name, m[0], m[1])));
        return items.isEmpty() ? "{}\n" : "{\"count\": " + items.size() + ", \"virtualmachine\": [" + String.join(",\n", items) + "]}\n";
    }

    private String updated() {
        return "{\"configuration\": " + config("vm.min.memory.equals.memory.divided.by.mem.overprovisioning.factor",
                String.valueOf(capSetting), CLUSTER_ID) + "}\n";
    }
}
