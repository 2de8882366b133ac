package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private static final long GIB = 1024L * 1024 * 1024;

    private static Map<String, Object> event(long bytes, long total, Long etaMs) {
        Map<String, Object> f = new HashMap<>();
        f.put("step", "relay-disk");
        f.put("host", "node1");
        f.put("to", "node3");
        f.put("bytes", bytes);
        f.put("total", total);
        f.put("rate", 112L * 1024 * 1024);
        f.put("eta_ms", etaMs);
        f.put("elapsed_ms", 61_000L);
        return f;
    }

    @Test
    void aKnownTotalShowsBarPercentBytesRateAndTimeLeft() {
        String line = ProgressLine.render(event(6 * GIB + GIB / 5, 14 * GIB, 71_500L), 100);

        assertThat(line).isEqualTo("  [node1 → node3] [##########..............]  44%  6.2 GiB / 14.0 GiB  112.0 MiB/s  ETA 1m12s");
    }

    @Test
    void theBarShrinksThenGoesAndTheLineNeverReachesTheWidth() {
        Map<String, Object> f = event(7 * GIB, 14 * GIB, 60_000L);

        assertThat(ProgressLine.render(f, 80)).hasSizeLessThan(80).contains("[#").contains("50%");
        assertThat(ProgressLine.render(f, 70)).hasSizeLessThan(70).doesNotContain("[#").contains("50%");
        assertThat(ProgressLine.render(f, 40)).hasSize(39);
    }

    @Test
    void anUnknownTotalShowsBytesRateAndElapsed() {
        String line = ProgressLine.render(event(3 * GIB, -1, null), 100);

        assertThat(line).isEqualTo("  [node1 → node3] 3.0 GiB  112.0 MiB/s  1m1s");
    }

    @Test
    void noRateYetMeansNoTimeLeft() {
        String line = ProgressLine.render(event(0, 14 * GIB, null), 120);

        assertThat(line).contains("  0%").endsWith("ETA --");
    }
}
