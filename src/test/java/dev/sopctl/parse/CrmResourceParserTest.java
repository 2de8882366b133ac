package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrmResourceParserTest {
    private final OutputParser parser = Parsers.named("crm-resource").orElseThrow();

    @ParameterizedTest
    @ValueSource(strings = {"crm-1.1.18-mon.txt", "crm-1.1.10-mon.txt", "crm-2.0.5-mon.txt", "crm-2.1-mon.txt",
            "crm-1.1-list.txt", "crm-2.0.5-list.txt", "crm-2.1-list.txt"})
    void everyEraOfTheDocumentedClusterReadsTheSame(String sample) {
        // given the README's cluster: ms_drbd_r0 promoted on node1, group g_mysql started
        String out = Samples.read(sample);

        // when
        Map<String, Object> result = parser.parse(out);

        // then
        assertThat(result.get("groups")).isEqualTo(Map.of("g_mysql", List.of("p_fs_mysql", "p_ip_mysql", "p_mysql")));
        assertThat(result.get("promoted")).isEqualTo(List.of("node1"));
        assertThat(result.get("unpromoted")).isEqualTo(List.of("node2"));
        assertThat(result.get("stopped_nodes")).isEqualTo(List.of());
        assertThat(result).containsEntry("started", true).containsEntry("not_started", List.of());
        List<Map<String, Object>> resources = resources(result);
        Map<String, Object> fs = resources.stream().filter(r -> r.get("name").equals("p_fs_mysql")).findFirst().orElseThrow();
        assertThat(fs).containsEntry("state", "Started").containsEntry("group", "g_mysql")
                .containsEntry("flags", List.of()).containsEntry("failed", false);
        assertThat((String) fs.get("agent")).matches("ocf::?heartbeat:Filesystem");
        Map<String, Object> set = sets(result).get(0);
        assertThat(set).containsEntry("name", "ms_drbd_r0").containsEntry("resource", "p_drbd_r0")
                .containsEntry("promotable", true);
    }

    @Test
    void theMonitorOutputCarriesNodesAndTheDc() {
        Map<String, Object> result = parser.parse(Samples.read("crm-1.1.18-mon.txt"));

        assertThat(result).containsEntry("online", List.of("node1", "node2")).containsEntry("offline", List.of())
                .containsEntry("dc", "node1").containsEntry("quorum", true).containsEntry("maintenance", false);
        assertThat(resources(result)).extracting(r -> r.get("name"))
                .containsExactly("p_fs_mysql", "p_ip_mysql", "p_mysql", "st_ipmi_node2");
        assertThat(resources(result).get(3)).containsEntry("agent", "stonith:fence_ipmilan")
                .containsEntry("node", "node1").containsEntry("group", null);
    }

    @Test
    void listOutputHasNoNodeOnPrimitiveRows() {
        Map<String, Object> result = parser.parse(Samples.read("crm-2.0.5-list.txt"));

        assertThat(resources(result)).allSatisfy(r -> assertThat(r).containsEntry("node", null)
                .containsEntry("state", "Started"));
        assertThat(result).containsEntry("online", List.of()).containsEntry("dc", null).containsEntry("quorum", null);
    }

    @Test
    void realPacemaker215HealthyPair() {
        for (String sample : List.of("crm-2.1.5-mon-healthy.txt", "crm-2.1.5-list-healthy.txt")) {
            Map<String, Object> result = parser.parse(Samples.read(sample));

            assertThat(result.get("groups")).isEqualTo(
                    Map.of("DBServer", List.of("ClusterIP0", "ClusterIP1", "DBFS", "Links", "Dbase")));
            assertThat(result).containsEntry("promoted", List.of("mastervm01"))
                    .containsEntry("unpromoted", List.of("mastervm02")).containsEntry("started", true);
            assertThat(resources(result).get(2)).containsEntry("agent", "ocf:heartbeat:Filesystem");
        }
        assertThat(parser.parse(Samples.read("crm-2.1.5-mon-healthy.txt")))
                .containsEntry("online", List.of("mastervm01", "mastervm02")).containsEntry("dc", "mastervm01");
        assertThat(resources(parser.parse(Samples.read("crm-2.1.5-mon-healthy.txt"))).get(0))
                .containsEntry("node", "mastervm01");
    }

    @Test
    void realPacemaker215WithTheDatabaseStopped() {
        for (String sample : List.of("crm-2.1.5-mon-dbfs-stopped.txt", "crm-2.1.5-list-dbfs-stopped.txt")) {
            Map<String, Object> result = parser.parse(Samples.read(sample));

            assertThat(result).containsEntry("started", false)
                    .containsEntry("not_started", List.of("DBFS", "Links", "Dbase"))
                    .containsEntry("promoted", List.of("mastervm01"));
            assertThat(resources(result).get(2)).containsEntry("state", "Stopped").containsEntry("node", null);
        }
    }

    @Test
    void theSopPagesLooseRendering() {
        // spaces instead of TABs, no colon after the agent, "Stopped [ node ]" without a colon
        Map<String, Object> result = parser.parse(Samples.read("crm-sop-page.txt"));

        assertThat(result.get("groups")).isEqualTo(
                Map.of("DBServer", List.of("ClusterIP0", "ClusterIP1", "DBFS", "Links", "Dbase")));
        assertThat(resources(result)).allSatisfy(r -> assertThat(r).containsEntry("state", "Started")
                .containsEntry("group", "DBServer"));
        assertThat(result).containsEntry("promoted", List.of("mastervm01"))
                .containsEntry("stopped_nodes", List.of("mastervm02")).containsEntry("started", true);
        assertThat(sets(result).get(0)).containsEntry("name", "ms_r0").containsEntry("resource", "r0");
    }

    @Test
    void failuresFlagsOrphansAndMaintenanceIn11() {
        Map<String, Object> result = parser.parse(Samples.read("crm-1.1-faults.txt"));

        assertThat(result).containsEntry("quorum", false).containsEntry("maintenance", true)
                .containsEntry("standby", List.of("node2")).containsEntry("online", List.of("node1"))
                .containsEntry("offline", List.of("node3")).containsEntry("stopped_nodes", List.of("node2"))
                .containsEntry("started", false)
                .containsEntry("not_started", List.of("p_fs_mysql", "p_mysql"));
        List<Map<String, Object>> r = resources(result);
        assertThat(r).hasSize(5); // the Failed Actions entry is not a resource
        assertThat(r.get(0)).containsEntry("state", "FAILED").containsEntry("role", "Master")
                .containsEntry("failed", true).containsEntry("node", "node1").containsEntry("flags", List.of("unmanaged"));
        assertThat(r.get(1)).containsEntry("state", "Started")
                .containsEntry("flags", List.of("target-role:Stopped", "blocked"));
        assertThat(r.get(3)).containsEntry("nodes", List.of("node1", "node2")).containsEntry("node", "node1")
                .containsEntry("flags", List.of("orphaned"));
        assertThat(r.get(4)).containsEntry("node", "node2").containsEntry("flags", List.of("UNCLEAN"));
    }

    @Test
    void disabledClonesAndFailedPromotedIn21() {
        Map<String, Object> result = parser.parse(Samples.read("crm-2.1-faults.txt"));

        assertThat(result).containsEntry("dc", null).containsEntry("offline", List.of("node2"))
                .containsEntry("not_started", List.of("ClusterIP0", "Dbase", "ms_r0"))
                .containsEntry("stopped_nodes", List.of("node1", "node2"));
        assertThat(sets(result).get(0)).containsEntry("promotable", true).containsEntry("flags", List.of("disabled"))
                .containsEntry("stopped", List.of("node1", "node2"));
        assertThat(sets(result).get(1)).containsEntry("promotable", false).containsEntry("started", List.of("node1"));
        assertThat(resources(result).get(0)).containsEntry("flags", List.of("disabled")).containsEntry("group", "DBServer");
        assertThat(resources(result).get(1)).containsEntry("role", "Promoted").containsEntry("failed", true);
    }

    @Test
    void locateOutputOfBothEras() {
        Map<String, Object> old = parser.parse(Samples.read("crm-locate-1.1.txt"));
        Map<String, Object> now = parser.parse(Samples.read("crm-locate-2.1.txt"));

        assertThat(old.get("locations")).isEqualTo(List.of(
                location("g_mysql", "node1", null), location("ms_drbd_r0", "node1", "Master"),
                location("ms_drbd_r0", "node2", null)));
        assertThat(now.get("locations")).isEqualTo(List.of(
                location("ms_drbd_r0", "node1", "Promoted"), location("ms_drbd_r0", "node2", null)));
        assertThat(now).containsEntry("started", true);
        assertThat(parser.parse("resource p_mysql is NOT running\n"))
                .containsEntry("started", false).containsEntry("not_started", List.of("p_mysql"));
    }

    @Test
    void noResourcesConfigured() {
        Map<String, Object> result = parser.parse("NO resources configured\n");

        assertThat(result).containsEntry("resources", List.of()).containsEntry("started", false);
    }

    @Test
    void colouredOutputFromCrmsh() {
        String out = Samples.read("crm-2.1.5-list-healthy.txt").replace("Started", "\u001B[32mStarted\u001B[0m");

        assertThat(parser.parse(out)).containsEntry("started", true);
    }

    @Test
    void garbageIsAnError() {
        assertThatThrownBy(() -> parser.parse(""))
                .isInstanceOf(ParseException.class).hasMessageContaining("crm-resource: empty output");
        assertThatThrownBy(() -> parser.parse("Error: cluster is not available on this node\n"))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("crm-resource: line 1:").hasMessageContaining("cluster is not available");
        assertThatThrownBy(() -> parser.parse("Full List of Resources:\n  * something odd here\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("crm-resource: line 2:");
        assertThatThrownBy(() -> parser.parse(" Resource Group: g\n     p\t(ocf::heartbeat:IPaddr2):\tnode1\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 2").hasMessageContaining("a state");
        assertThatThrownBy(() -> parser.parse(" Masters: [ node1 ]\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 1");
    }

    private static Map<String, Object> location(String resource, String node, String role) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("resource", resource);
        m.put("node", node);
        m.put("role", role);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> resources(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("resources");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> sets(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("sets");
    }
}
