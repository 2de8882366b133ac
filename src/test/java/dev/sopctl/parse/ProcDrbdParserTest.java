package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcDrbdParserTest {
    private final OutputParser parser = Parsers.named("drbd-proc").orElseThrow();

    @Test
    void healthyPrimary() {
        Map<String, Object> result = parser.parse(Samples.read("drbd-proc-8.4.txt"));

        assertThat(result).containsEntry("version", "8.4.11-1");
        assertThat(resources(result)).hasSize(1);
        assertThat(resources(result).get(0)).containsEntry("minor", 0L).containsEntry("cs", "Connected")
                .containsEntry("ro_local", "Primary").containsEntry("ro_peer", "Secondary")
                .containsEntry("ds_local", "UpToDate").containsEntry("ds_peer", "UpToDate")
                .containsEntry("protocol", "C").containsEntry("flags", "r-----").containsEntry("oos", 0L)
                .containsEntry("sync_percent", null);
    }

    @Test
    void splitBrainVictimHasASpaceForProtocol() {
        Map<String, Object> r = resources(parser.parse(Samples.read("drbd-proc-standalone.txt"))).get(0);

        assertThat(r).containsEntry("cs", "StandAlone").containsEntry("ro_peer", "Unknown")
                .containsEntry("ds_peer", "DUnknown").containsEntry("protocol", null).containsEntry("flags", "r-----")
                .containsEntry("oos", 1802140L);
    }

    @Test
    void survivorStillListening() {
        Map<String, Object> r = resources(parser.parse(Samples.read("drbd-proc-wfconnection.txt"))).get(0);

        assertThat(r).containsEntry("cs", "WFConnection").containsEntry("ro_local", "Primary").containsEntry("protocol", "C");
    }

    @Test
    void resyncProgress() {
        Map<String, Object> r = resources(parser.parse(Samples.read("drbd-proc-synctarget.txt"))).get(0);

        assertThat(r).containsEntry("cs", "SyncTarget").containsEntry("ds_local", "Inconsistent")
                .containsEntry("sync_percent", 21.4).containsEntry("sync_finish", "0:00:42").containsEntry("oos", 805044L);
    }

    @Test
    void unconfiguredMinorsGapsAndSeveralResources() {
        List<Map<String, Object>> r = resources(parser.parse(Samples.read("drbd-proc-multi.txt")));

        assertThat(r).extracting(m -> m.get("minor")).containsExactly(0L, 1L, 3L);
        assertThat(r.get(1)).containsEntry("cs", "Unconfigured").containsEntry("ro_local", null).containsEntry("oos", null);
        assertThat(r.get(2)).containsEntry("cs", "SyncSource").containsEntry("sync_percent", 21.4);
        assertThat(r.get(0)).containsEntry("sync_percent", null);
    }

    @Test
    void drbd9HasOnlyTheHeaderAndDrbd80UsesSt() {
        assertThat(parser.parse(Samples.read("drbd-proc-9.txt"))).containsEntry("version", "9.2.8")
                .containsEntry("resources", List.of());
        assertThat(resources(parser.parse(Samples.read("drbd-proc-8.0.txt"))).get(0))
                .containsEntry("ro_local", "Primary").containsEntry("flags", "r---").containsEntry("oos", null);
    }

    @Test
    void srcversionOfTheInTreeModule() {
        String out = Samples.read("drbd-proc-8.4.txt").replaceFirst("GIT-hash:.*", "srcversion: C7B8F7076B8D6DB066D84D9");

        assertThat(resources(parser.parse(out))).hasSize(1);
    }

    @Test
    void garbageIsAnError() {
        assertThatThrownBy(() -> parser.parse("")).isInstanceOf(ParseException.class).hasMessageContaining("drbd-proc: empty");
        assertThatThrownBy(() -> parser.parse("cat: /proc/drbd: No such file or directory\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("drbd-proc: line 1:");
        assertThatThrownBy(() -> parser.parse("version: 8.4.11-1 (api:1/proto:86-101)\n 0: cs:Connected ro:Primary\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("drbd-proc: line 2:");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> resources(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("resources");
    }
}
