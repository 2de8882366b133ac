package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class O2cbStatusParserTest {
    private final OutputParser parser = Parsers.named("o2cb-status").orElseThrow();

    @Test
    @SuppressWarnings("unchecked")
    void ocfs2Tools18OnlineWithLocalHeartbeat() {
        Map<String, Object> status = parser.parse(Samples.read("o2cb-1.8.txt"));

        assertThat(status).containsEntry("configfs_loaded", true).containsEntry("configfs_mounted", true)
                .containsEntry("dlmfs_loaded", true).containsEntry("dlmfs_mounted", true)
                .containsEntry("cluster", "ocfs2").containsEntry("cluster_online", true)
                .containsEntry("heartbeat_active", true).containsEntry("stack_plugin", "o2cb")
                .containsEntry("heartbeat_dead_threshold", 31L).containsEntry("network_idle_timeout", 30000L)
                .containsEntry("network_keepalive_delay", 2000L).containsEntry("network_reconnect_delay", 2000L)
                .containsEntry("heartbeat_mode", "Local");
        assertThat((Map<Object, Object>) status.get("lines")).containsEntry("Checking O2CB cluster \"ocfs2\"", "Online")
                .containsEntry("Debug file system at /sys/kernel/debug", "mounted").hasSize(14);
    }

    @Test
    void ocfs2Tools14UnquotedNameAndEqualsThreshold() {
        Map<String, Object> status = parser.parse(Samples.read("o2cb-1.4.txt"));

        assertThat(status).containsEntry("cluster", "ocfs2").containsEntry("cluster_online", true)
                .containsEntry("heartbeat_dead_threshold", 31L).containsEntry("heartbeat_active", true)
                .containsEntry("heartbeat_mode", null);
    }

    @Test
    void theSopPageWithTheOperatorsAnnotations() {
        Map<String, Object> status = parser.parse(Samples.read("o2cb-sop-page.txt"));

        assertThat(status).containsEntry("cluster", "uvdi").containsEntry("cluster_online", true)
                .containsEntry("dlmfs_mounted", true).containsEntry("heartbeat_active", true)
                .containsEntry("heartbeat_dead_threshold", 91L).containsEntry("network_idle_timeout", 6000000L);
    }

    @Test
    void offlineClusterAndDriverNotLoaded() {
        Map<String, Object> status = parser.parse(Samples.read("o2cb-offline.txt"));

        assertThat(status).containsEntry("configfs_loaded", true).containsEntry("dlmfs_loaded", false)
                .containsEntry("dlmfs_mounted", false).containsEntry("cluster_online", false)
                .containsEntry("heartbeat_active", false).containsEntry("heartbeat_dead_threshold", null)
                .containsEntry("stack_plugin", null);
    }

    @Test
    void noBootClusterPrintsOnlyTheLoadStatus() {
        Map<String, Object> status = parser.parse("Driver for \"configfs\": Loaded\nFilesystem \"configfs\": Mounted\n");

        assertThat(status).containsEntry("cluster", null).containsEntry("cluster_online", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void globalHeartbeatRegionsAndNodes() {
        Map<String, Object> status = parser.parse(Samples.read("o2cb-global.txt"));

        assertThat(status).containsEntry("cluster", "pvdi").containsEntry("heartbeat_mode", "Global")
                .containsEntry("nodes", List.of("0", "1"))
                .containsEntry("regions", List.of(Map.of("uuid", "8B1B4B6F2E0B4A35A5E8A4C3D9E2F1A0", "device", "/dev/sdb")));
        assertThat((Map<Object, Object>) status.get("lines")).containsEntry("Active userdlm domains", "ocfs2");
    }

    @Test
    void garbageIsAnError() {
        assertThatThrownBy(() -> parser.parse("")).isInstanceOf(ParseException.class)
                .hasMessageContaining("o2cb-status: empty output");
        assertThatThrownBy(() -> parser.parse("bash: /etc/init.d/o2cb: No such file or directory\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("o2cb-status: line 1:");
        assertThatThrownBy(() -> parser.parse("Driver for \"configfs\": Loaded\nwhat is this\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("o2cb-status: line 2:");
        assertThatThrownBy(() -> parser.parse("Checking O2CB cluster ocfs2: Online\nHeartbeat dead threshold = many\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 2");
    }
}
