package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a transfer's live progress shows on a terminal and elsewhere. */
class ConsoleRendererTest {
    private final StringWriter text = new StringWriter();

    private ConsoleRenderer renderer(int liveWidth) {
        return new ConsoleRenderer(new PrintWriter(text), new Style(false), false, false, false, liveWidth);
    }

    private static Map<String, Object> progress(long bytes, long elapsedMs) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("step", "relay-disk");
        f.put("host", "node1");
        f.put("to", "node3");
        f.put("bytes", bytes);
        f.put("total", 1000L);
        f.put("rate", 100L);
        f.put("eta_ms", 1000L);
        f.put("elapsed_ms", elapsedMs);
        return f;
    }

    @Test
    void onATerminalProgressIsRedrawnInPlaceAndClearedBeforeTheNextLine() {
        ConsoleRenderer r = renderer(100);

        r.live("progress", progress(100, 500));
        r.live("progress", progress(200, 1000));
        r.write("notice", Map.of("message", "done"));

        assertThat(text.toString()).isEqualTo("\r  [node1 → node3] [##......................]  10%  100 B / 1000 B  100 B/s  ETA 1s\u001b[K"
                + "\r  [node1 → node3] [####....................]  20%  200 B / 1000 B  100 B/s  ETA 1s\u001b[K"
                + "\r\u001b[K  ※ done\n".replace("\n", System.lineSeparator()));
    }

    @Test
    void elsewhereProgressIsAPlainLineEveryThirtySeconds() {
        ConsoleRenderer r = renderer(0);

        for (long ms = 0; ms <= 95_000; ms += 500) {
            r.live("progress", progress(ms / 100, ms));
        }

        assertThat(text.toString().lines().toList()).hasSize(3).allMatch(l -> l.startsWith("  [node1 → node3] ["))
                .noneMatch(l -> l.contains("\r"));
    }

    @Test
    void aWatchedTransferEndsWithItsSizeTimeAndRate() {
        ConsoleRenderer r = renderer(0);
        Map<String, Object> f = new LinkedHashMap<>(Map.of("step", "copy-disk", "host", "node1", "to", "node3", "via", "watch",
                "bytes", 3L * 1024 * 1024 * 1024, "duration_ms", 30_000L, "rate", 100L * 1024 * 1024, "complete", true));

        r.write("transfer", f);
        f.put("via", "pipe");
        r.write("transfer", f);

        assertThat(text.toString().lines().toList()).containsExactly("  [node1 → node3] 3.0 GiB written in 30s (100.0 MiB/s)");
    }
}
