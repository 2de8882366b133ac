package dev.sopctl.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code cloudstack} cluster type: hosts by role, VIP, cmk profile; its members are those hosts. */
class CloudstackInventoryTest {
    private static final String HOSTS = """
            hosts:
              ms1: {address: 10.0.0.51}
              ms2: {address: 10.0.0.52}
              db1: {address: 10.0.0.53}
              kvm1: {address: 10.0.0.61}
              kvm2: {address: 10.0.0.62}
            """;

    @Test
    void aCloudstackClusterHasItsHostsByRoleAndTheyAreItsMembers() {
        Inventory inventory = InventoryLoader.parse(HOSTS + """
                clusters:
                  cloud1:
                    type: cloudstack
                    management: [ms1, ms2]
                    database: [db1]
                    kvm: [kvm1, kvm2]
                    vip: 10.0.0.50
                    cmk_profile: localcloud
                """, "inv.yaml", Map.of());

        Cluster c = inventory.clusters().get("cloud1");
        assertThat(c.type()).isEqualTo("cloudstack");
        assertThat(c.members()).containsExactly("ms1", "ms2", "db1", "kvm1", "kvm2");
        assertThat(c.settings()).containsEntry("management", List.of("ms1", "ms2"))
                .containsEntry("database", List.of("db1")).containsEntry("kvm", List.of("kvm1", "kvm2"))
                .containsEntry("vip", "10.0.0.50").containsEntry("cmk_profile", "localcloud");
        assertThat(inventory.resolveTargets("cluster:cloud1")).extracting(Host::name)
                .containsExactly("ms1", "ms2", "db1", "kvm1", "kvm2");
    }

    @Test
    void withoutAVipTheClusterLoadsAndHasNoVipSetting() {
        Inventory inventory = InventoryLoader.parse(HOSTS + """
                clusters:
                  cloud1: {type: cloudstack, management: [ms1], database: [ms1], kvm: [kvm1]}
                """, "inv.yaml", Map.of());

        assertThat(inventory.clusters().get("cloud1").settings()).doesNotContainKey("vip")
                .containsEntry("database", List.of("ms1"));
        assertThat(inventory.clusters().get("cloud1").members()).containsExactly("ms1", "kvm1");
    }

    @Test
    void everyMistakeIsNamedWithItsPlace() {
        String yaml = HOSTS + """
                clusters:
                  cloud1:
                    type: cloudstack
                    management: [ms1, ms2]
                    members: [ms1, ms2]
                    database: db1
                    kvm: [kvm1, kvm3, ms1, kvm1]
                    vip: 10.0.0.999.1
                    cmk_profile: "a b"
                    resource: data
                """;

        assertThat(problems(yaml)).containsExactly(
                "inv.yaml:11:5: cluster 'cloud1': a cloudstack cluster names its hosts under management, database and kvm;"
                        + " its members are those hosts (remove 'members')",
                "inv.yaml:12:15: cluster 'cloud1': database must be a list of host names, found a value",
                "inv.yaml:13:17: cluster 'cloud1': kvm: 'kvm3' is not a host (did you mean 'kvm1'?)",
                "inv.yaml:13:23: cluster 'cloud1': 'ms1' is listed under both management and kvm",
                "inv.yaml:13:28: cluster 'cloud1': 'kvm1' is listed twice under kvm",
                "inv.yaml:14:10: cluster 'cloud1': vip must be an IPv4 address or a host name, found '10.0.0.999.1'",
                "inv.yaml:15:18: cluster 'cloud1': cmk_profile must be a profile name (letters, digits, '.', '_', '-'),"
                        + " found 'a b'",
                "inv.yaml:16:5: cluster 'cloud1': unknown key 'resource' for a cloudstack cluster"
                        + " (cloudstack keys: management, database, kvm, vip, cmk_profile)");
    }

    @Test
    void everyRoleIsRequired() {
        assertThat(problems(HOSTS + """
                clusters:
                  cloud1: {type: cloudstack, kvm: [kvm1]}
                """)).containsExactly(
                        "inv.yaml:8:11: cluster 'cloud1': missing required key 'management' (the management servers)",
                        "inv.yaml:8:11: cluster 'cloud1': missing required key 'database' (the hosts MySQL runs on;"
                                + " a management server may be one)");
    }

    private static List<String> problems(String yaml) {
        SopctlException e = catchThrowableOfType(SopctlException.class, () -> InventoryLoader.parse(yaml, "inv.yaml", Map.of()));
        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        return Arrays.stream(e.getMessage().split("\n")).map(String::strip).filter(l -> l.startsWith("inv.yaml:")).toList();
    }
}
