package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.transcript.RunEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a transfer's live progress shows on a terminal and elsewhere. */
class ConsoleRendererTest {
    private final StringWriter text = new StringWriter();

    private ConsoleRenderer renderer(int liveWidth) {
        return new ConsoleRenderer(new PrintWriter(text), new Style(false), false, false, false, liveWidth);
    }

    private static RunEvent.Progress progress(long bytes, long elapsedMs) {
        return new RunEvent.Progress("relay-disk", "node1", "node3", bytes, 1000L, 100L, 1000L, elapsedMs);
    }

    @Test
    void onATerminalProgressIsRedrawnInPlaceAndClearedBeforeTheNextLine() {
        ConsoleRenderer r = renderer(100);

        r.live(progress(100, 500));
        r.live(progress(200, 1000));
        r.accept(new RunEvent.Notice(null, null, "done"));

        assertThat(text.toString()).isEqualTo("\r  [node1 → node3] [##......................]  10%  100 B / 1000 B  100 B/s  ETA 1s\u001b[K"
                + "\r  [node1 → node3] [####....................]  20%  200 B / 1000 B  100 B/s  ETA 1s\u001b[K"
                + "\r\u001b[K  ※ done\n".replace("\n", System.lineSeparator()));
    }

    @Test
    void elsewhereProgressIsAPlainLineEveryThirtySeconds() {
        ConsoleRenderer r = renderer(0);

        for (long ms = 0; ms <= 95_000; ms += 500) {
            r.live(progress(ms / 100, ms));
        }

        assertThat(text.toString().lines().toList()).hasSize(3).allMatch(l -> l.startsWith("  [node1 → node3] ["))
                .noneMatch(l -> l.contains("\r"));
    }

    @Test
    void aWatchedTransferEndsWithItsSizeTimeAndRate() {
        ConsoleRenderer r = renderer(0);
        r.accept(new RunEvent.Transfer("copy-disk", "node1", "node3", "watch", 3L * 1024 * 1024 * 1024, -1, 30_000L,
                100L * 1024 * 1024, true));
        r.accept(new RunEvent.Transfer("copy-disk", "node1", "node3", "pipe", 3L * 1024 * 1024 * 1024, -1, 30_000L,
                100L * 1024 * 1024, true));

        assertThat(text.toString().lines().toList()).containsExactly("  [node1 → node3] 3.0 GiB written in 30s (100.0 MiB/s)");
    }

    @Test
    void theUndoPlanEachUndoAndARunTimeTargetAreShown() {
        ConsoleRenderer r = renderer(0);

        r.accept(new RunEvent.StepStart("demote-primary", 5, "Make the primary secondary", List.of("nas1"), "change", true,
                "{{ primary }}"));
        r.accept(new RunEvent.UndoPlan("interrupted", List.of(Map.of("step", "stop-nfs", "host", "nas1", "command",
                "/etc/init.d/nfs start"))));
        r.accept(new RunEvent.Command("stop-nfs", "nas1", "/etc/init.d/nfs start", false, null, null, true));
        r.accept(new RunEvent.Undo("stop-nfs", "nas1", "/etc/init.d/nfs start", "undone", 0, 30, null));
        r.accept(new RunEvent.Undo("umount", "nas1", "mount /data", "failed", 32, 30, "'mount /data' exited with status 32"));

        assertThat(text.toString().lines().toList()).containsExactly(
                "▶ 5. demote-primary  Make the primary secondary  (on nas1, decided at run time)",
                "↶ The run stopped (interrupted); undo of the completed changes, newest first:",
                "    [nas1] $ /etc/init.d/nfs start   (undoes stop-nfs)",
                "  [nas1] $ /etc/init.d/nfs start  (undo of stop-nfs)",
                "  [nas1] undo of stop-nfs: undone",
                "  [nas1] undo of umount: failed: 'mount /data' exited with status 32");
    }
}
