package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DRBD split-brain part of {@code kernel-log} (formats/README.md §3.5). */
class KernelLogParserDrbdTest {
    private final OutputParser parser = Parsers.named("kernel-log").orElseThrow();

    @Test
    void unresolvedSplitBrainOfDrbd84WithTheChangedBlocksOfBothSides() {
        Map<String, Object> result = parser.parse(Samples.read("kernel-drbd-split-brain.txt"));

        assertThat(result).containsEntry("found", List.of("drbd-split-brain"));
        Map<String, Object> f = finding(result, "drbd-split-brain");
        assertThat(f).containsEntry("count", 1L).containsEntry("first", "Jan 15 10:01:02")
                .containsEntry("subjects", List.of("drbd0"));
        Map<String, Object> drbd = drbd(result);
        assertThat(drbd).containsEntry("split_brain_helper", 1L).containsEntry("self_bits", 450535L)
                .containsEntry("peer_bits", 1024L);
        assertThat(handshakes(drbd)).hasSize(1);
        assertThat(handshakes(drbd).get(0)).containsEntry("device", "drbd0").containsEntry("time", "Jan 15 10:01:02")
                .containsEntry("self_uuid", "8C2A39C3A8E36C04:5B4D0A8E6BB0B7B5:0000000000000000:0000000000000000")
                .containsEntry("self_flags", "0").containsEntry("peer_flags", "0");
    }

    @Test
    void drbd9PrefixAndTheUsersGuideWording() {
        String out = "Mar  2 08:00:00 nas1 kernel: drbd r0/0 drbd0 nas2: drbd_sync_handshake:\n"
                + "Mar  2 08:00:00 nas1 kernel: drbd r0/0 drbd0 nas2: self 0A:0B:0:0 bits:77 flags:20\n"
                + "Mar  2 08:00:00 nas1 kernel: drbd r0/0 drbd0 nas2: peer 0C:0B:0:0 bits:5 flags:120\n"
                + "Mar  2 08:00:00 nas1 kernel: drbd r0/0 drbd0 nas2: Split-Brain detected but unresolved, dropping connection!\n"
                + "Mar  2 08:00:00 nas1 kernel: drbd r0 nas2: helper command: /sbin/drbdadm split-brain\n"
                + "Mar  2 09:00:00 nas1 kernel: [  12.5] block drbd1: Split-Brain detected, dropping connection!\n";

        Map<String, Object> result = parser.parse(out);

        assertThat(finding(result, "drbd-split-brain")).containsEntry("count", 2L)
                .containsEntry("subjects", List.of("r0/0 drbd0 nas2", "drbd1")).containsEntry("last", "Mar  2 09:00:00");
        assertThat(drbd(result)).containsEntry("split_brain_helper", 1L).containsEntry("self_bits", 77L)
                .containsEntry("peer_bits", 5L);
        assertThat(handshakes(drbd(result)).get(0)).containsEntry("device", "r0/0 drbd0 nas2").containsEntry("peer_flags", "120");
    }

    @Test
    void resolvedSplitBrainIsNotTheUnresolvedOne() {
        String out = "Jan 15 11:00:00 nas2 kernel: block drbd0: Split-Brain detected, manually solved. Sync from peer node\n"
                + "Jan 15 11:05:00 nas2 kernel: block drbd0: Split-Brain detected, 1 primaries, automatically solved. Sync from peer node\n"
                + "Jan 15 11:05:00 nas2 kernel: block drbd0: helper command: /sbin/drbdadm initial-split-brain minor-0\n";

        Map<String, Object> result = parser.parse(out);

        assertThat(result).containsEntry("found", List.of("drbd-split-brain-resolved"));
        assertThat(finding(result, "drbd-split-brain-resolved")).containsEntry("count", 2L);
        assertThat(drbd(result)).containsEntry("split_brain_helper", 0L).containsEntry("self_bits", null)
                .containsEntry("handshakes", List.of());
    }

    @Test
    void aHealthyLogHasNoDrbdEvidenceAndGarbageIsStillAnError() {
        Map<String, Object> result = parser.parse("Jan 15 10:00:00 nas1 kernel: block drbd0: conn( WFConnection -> WFReportParams )\n");

        assertThat(result).containsEntry("found", List.of());
        assertThat(drbd(result)).containsEntry("split_brain_helper", 0L).containsEntry("peer_bits", null);
        assertThatThrownBy(() -> parser.parse("drbd0: Split-Brain detected but unresolved, dropping connection!\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("kernel-log: line 1:");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> finding(Map<String, Object> result, String signature) {
        return ((List<Map<String, Object>>) result.get("findings")).stream()
                .filter(f -> signature.equals(f.get("signature"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> drbd(Map<String, Object> result) {
        return (Map<String, Object>) result.get("drbd");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> handshakes(Map<String, Object> drbd) {
        return (List<Map<String, Object>>) drbd.get("handshakes");
    }
}
