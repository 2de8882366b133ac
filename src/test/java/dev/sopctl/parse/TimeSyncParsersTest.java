package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** chronyc tracking, chronyc sources and timedatectl on the formats of formats/README.md §7.3-7.5. */
@SuppressWarnings("unchecked")
class TimeSyncParsersTest {
    private final OutputParser tracking = Parsers.named("chronyc-tracking").orElseThrow();
    private final OutputParser sources = Parsers.named("chronyc-sources").orElseThrow();
    private final OutputParser timedatectl = Parsers.named("timedatectl-show").orElseThrow();

    @Test
    void trackingOfChrony4() {
        Map<String, Object> r = tracking.parse(Samples.read("chronyc-tracking.txt"));

        assertThat(r).containsEntry("reference_id", "CB00710F").containsEntry("reference", "ntp1.example.net")
                .containsEntry("stratum", 3L).containsEntry("leap_status", "Normal").containsEntry("synchronized", true);
        assertThat((Double) r.get("offset")).isCloseTo(-0.006523, within(1e-9));
        assertThat((Double) r.get("last_offset")).isCloseTo(-0.006747, within(1e-9));
        assertThat((Double) r.get("frequency")).isCloseTo(-3.225, within(1e-9));
        assertThat((Double) r.get("root_delay")).isCloseTo(13.639022, within(1e-9));
        assertThat((Double) r.get("update_interval")).isCloseTo(64.2, within(1e-9));
    }

    @Test
    void trackingUnsynchronisedAndOfChrony2() {
        Map<String, Object> unsynced = tracking.parse(Samples.read("chronyc-tracking-unsync.txt"));
        assertThat(unsynced).containsEntry("reference_id", "00000000").containsEntry("reference", null)
                .containsEntry("synchronized", false).containsEntry("stratum", 0L);

        Map<String, Object> old = tracking.parse(Samples.read("chronyc-tracking-2x.txt").replace("\n", "\r\n"));
        assertThat(old).containsEntry("reference_id", "192.168.10.5").containsEntry("synchronized", true);
        assertThat((Double) old.get("offset")).isCloseTo(312.0042, within(1e-9));
        assertThat((Double) old.get("frequency")).isCloseTo(12.003, within(1e-9));
    }

    @Test
    void trackingLocalModeIsNotSynchronised() {
        String local = Samples.read("chronyc-tracking.txt").replace("CB00710F (ntp1.example.net)", "7F7F0101 ()");
        assertThat(tracking.parse(local)).containsEntry("synchronized", false);
    }

    @Test
    void trackingErrorsNameTheLine() {
        assertThatThrownBy(() -> tracking.parse("")).isInstanceOf(ParseException.class).hasMessageContaining("empty output");
        assertThatThrownBy(() -> tracking.parse("506 Cannot talk to daemon\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> tracking.parse(Samples.read("chronyc-tracking.txt").replace("0.000006523 seconds", "soon")))
                .hasMessageContaining("line 4").hasMessageContaining("System time");
    }

    @Test
    void sourcesOfChrony4() {
        Map<String, Object> r = sources.parse(Samples.read("chronyc-sources.txt"));

        List<Map<String, Object>> rows = rows(r, "sources");
        assertThat(rows).extracting(s -> s.get("name")).containsExactly("ntp1.example.net", "ntp2.example.net", "10.20.30.77", "GPS0");
        assertThat(rows.get(0)).containsEntry("mode", "server").containsEntry("state", "*").containsEntry("stratum", 2L)
                .containsEntry("poll", 6L).containsEntry("reach", "377").containsEntry("last_rx", 23L);
        assertThat((Double) rows.get(0).get("offset")).isCloseTo(-0.923, within(1e-9));
        assertThat((Double) rows.get(0).get("measured")).isCloseTo(-0.924, within(1e-9));
        assertThat((Double) rows.get(0).get("error")).isCloseTo(43.0, within(1e-9));
        assertThat(rows.get(2)).containsEntry("reachable", false).containsEntry("last_rx", null).containsEntry("state", "?");
        assertThat(rows.get(3)).containsEntry("mode", "refclock");
        assertThat(r).containsEntry("synchronized", true).containsEntry("selected", rows.get(0));
        assertThat((Double) r.get("offset")).isCloseTo(-0.923, within(1e-9));
    }

    @Test
    void sourcesOfChrony3AndVerbose() {
        Map<String, Object> three = sources.parse(Samples.read("chronyc-sources-3x.txt"));
        assertThat(rows(three, "sources")).extracting(s -> s.get("last_rx")).containsExactly(1020L, 45L);
        assertThat(three).containsEntry("synchronized", false).containsEntry("offset", null);

        Map<String, Object> verbose = sources.parse(Samples.read("chronyc-sources-v.txt"));
        assertThat((Double) verbose.get("offset")).isCloseTo(1200.0, within(1e-9));
    }

    @Test
    void sourcesErrors() {
        assertThatThrownBy(() -> sources.parse("")).hasMessageContaining("empty output");
        assertThatThrownBy(() -> sources.parse("506 Cannot talk to daemon\n")).hasMessageContaining("line 1")
                .hasMessageContaining("header");
        assertThatThrownBy(() -> sources.parse(Samples.read("chronyc-sources.txt").replace("+/-   86ms", "+/- lots")))
                .hasMessageContaining("line 4");
    }

    @Test
    void timedatectlShow() {
        Map<String, Object> r = timedatectl.parse(Samples.read("timedatectl-show.txt"));

        assertThat(r).containsEntry("synchronized", true).containsEntry("ntp", true).containsEntry("can_ntp", true)
                .containsEntry("timezone", "Europe/Berlin").containsEntry("local_rtc", false);
        assertThat((Map<String, Object>) r.get("properties")).containsEntry("TimeUSec", "Mon 2024-01-15 10:00:00 CET");
        assertThat(timedatectl.parse("NTPSynchronized=no\n")).containsEntry("synchronized", false).containsEntry("ntp", null);
    }

    @Test
    void timedatectlStatusOfCurrentAnd219Systemd() {
        Map<String, Object> now = timedatectl.parse(Samples.read("timedatectl-status.txt"));
        assertThat(now).containsEntry("synchronized", false).containsEntry("ntp", false)
                .containsEntry("timezone", "Europe/Berlin (CET, +0100)");

        Map<String, Object> old = timedatectl.parse(Samples.read("timedatectl-status-219.txt"));
        assertThat(old).containsEntry("synchronized", true).containsEntry("ntp", true);
        assertThat((String) ((Map<?, ?>) old.get("properties")).get("Last DST change")).endsWith("02:00:00 CET");
    }

    @Test
    void timedatectlErrors() {
        assertThatThrownBy(() -> timedatectl.parse("")).hasMessageContaining("empty output");
        assertThatThrownBy(() -> timedatectl.parse("Timezone=UTC\nLocalRTC=no\n")).hasMessageContaining("NTPSynchronized");
        assertThatThrownBy(() -> timedatectl.parse("Unknown operation show\n")).hasMessageContaining("line 1");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> r, String key) {
        return (List<Map<String, Object>>) r.get(key);
    }
}
