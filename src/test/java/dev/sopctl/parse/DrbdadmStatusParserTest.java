package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrbdadmStatusParserTest {
    private final OutputParser parser = Parsers.named("drbdadm-status").orElseThrow();

    @Test
    void healthySingleAndMultiVolumeResources() {
        Map<String, Object> result = parser.parse(Samples.read("drbdadm-status-9.txt"));

        assertThat(result).containsEntry("names", List.of("r0", "r1")).containsEntry("connected", true)
                .containsEntry("up_to_date", true);
        Map<String, Object> r0 = resources(result).get(0);
        assertThat(r0).containsEntry("role", "Primary").containsEntry("disk", "UpToDate").containsEntry("suspended", null);
        assertThat(list(r0, "volumes")).containsExactly(volume(0L, "UpToDate"));
        assertThat(list(r0, "peers").get(0)).containsEntry("name", "node2").containsEntry("connection", "Connected")
                .containsEntry("role", "Secondary").containsEntry("replication", "Established")
                .containsEntry("peer_disk", "UpToDate").containsEntry("done", null);
        Map<String, Object> r1 = resources(result).get(1);
        assertThat(list(r1, "volumes")).extracting(v -> v.get("volume")).containsExactly(0L, 1L);
        List<Map<String, Object>> peerVolumes = list(list(r1, "peers").get(0), "volumes");
        assertThat(peerVolumes).extracting(v -> v.get("volume")).containsExactly(0L, 1L);
        assertThat(peerVolumes).extracting(v -> v.get("peer_disk")).containsExactly("UpToDate", "UpToDate");
    }

    @Test
    void drbd84WithDrbdUtils893NamesThePeerPeer() {
        Map<String, Object> result = parser.parse(Samples.read("drbdadm-status-84.txt"));

        Map<String, Object> peer = list(resources(result).get(0), "peers").get(0);
        assertThat(peer).containsEntry("name", "peer").containsEntry("role", "Secondary")
                .containsEntry("replication", "Established").containsEntry("peer_disk", "UpToDate");
        assertThat(result).containsEntry("connected", true).containsEntry("up_to_date", true);
    }

    @Test
    void resyncIsDegradedWithProgress() {
        Map<String, Object> result = parser.parse(Samples.read("drbdadm-status-9-resync.txt"));

        Map<String, Object> peer = list(resources(result).get(0), "peers").get(0);
        assertThat(peer).containsEntry("replication", "SyncSource").containsEntry("peer_disk", "Inconsistent")
                .containsEntry("done", 21.4);
        assertThat(result).containsEntry("connected", true).containsEntry("up_to_date", false);
    }

    @Test
    void splitBrainHasNoRoleAndNoPeerDisk() {
        Map<String, Object> result = parser.parse(Samples.read("drbdadm-status-9-splitbrain.txt"));

        Map<String, Object> peer = list(resources(result).get(0), "peers").get(0);
        assertThat(peer).containsEntry("connection", "StandAlone").containsEntry("role", null)
                .containsEntry("peer_disk", null).containsEntry("volumes", List.of());
        assertThat(result).containsEntry("connected", false).containsEntry("up_to_date", false);
    }

    @Test
    void coloursSuspendedDisklessClientAndWrappedLines() {
        String out = "\u001B[1mr0\u001B[0m role:\u001B[1;36mSecondary\u001B[0m suspended:user\n"
                + "  disk:Diskless client:yes\n"
                + "  node1 role:Primary\n"
                + "    replication:SyncTarget peer-disk:UpToDate\n"
                + "        done:3.05\n"
                + "  node3 connection:Connecting\n";

        Map<String, Object> r = resources(parser.parse(out)).get(0);

        assertThat(r).containsEntry("name", "r0").containsEntry("role", "Secondary").containsEntry("suspended", "user")
                .containsEntry("disk", "Diskless");
        assertThat(list(r, "volumes").get(0)).containsEntry("client", "yes");
        assertThat(list(r, "peers").get(0)).containsEntry("done", 3.05);
        assertThat(list(r, "peers").get(1)).containsEntry("name", "node3").containsEntry("connection", "Connecting");
    }

    @Test
    void malformedOutputNamesTheLine() {
        assertThatThrownBy(() -> parser.parse("")).isInstanceOf(ParseException.class)
                .hasMessageContaining("drbdadm-status: empty");
        assertThatThrownBy(() -> parser.parse("'r9' not defined in your config (for this host).\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("drbdadm-status: line 1:");
        assertThatThrownBy(() -> parser.parse("  disk:UpToDate\n")).isInstanceOf(ParseException.class)
                .hasMessageContaining("line 1").hasMessageContaining("resource line");
        assertThatThrownBy(() -> parser.parse("r0 role:Primary\n    peer-disk:UpToDate\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> parser.parse("r0 role:Primary\n  disk:UpToDate\n  node2 role:Secondary\n    peer-disk UpToDate\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 4").hasMessageContaining("'peer-disk'");
        assertThatThrownBy(() -> parser.parse("r0 role:Primary\n  node2 role:Secondary\n    replication:SyncTarget done:abc\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 3").hasMessageContaining("done:");
        assertThatThrownBy(() -> parser.parse("r0 role:Primary\n  volume:x disk:UpToDate\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> parser.parse("r0 disk:UpToDate\n")).isInstanceOf(ParseException.class)
                .hasMessageContaining("line 1");
    }

    private static Map<String, Object> volume(Long n, String disk) {
        Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("volume", n);
        v.put("disk", disk);
        v.put("client", null);
        v.put("quorum", null);
        return v;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> resources(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("resources");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return (List<Map<String, Object>>) map.get(key);
    }
}
