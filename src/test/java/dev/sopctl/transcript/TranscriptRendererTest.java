package dev.sopctl.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptRendererTest {
    @TempDir
    Path dir;

    @Test
    void rendersARunForPeople() {
        // given
        Path file = Fixtures.run(dir.resolve("run.jsonl"), "20261123-142501-a1b2c3", Redactor.NONE, true);

        // when
        String text = render(file);

        // then
        assertThat(text).isEqualTo("""
                Run 20261123-142501-a1b2c3
                  operator   alice@ops1
                  started    2026-11-23T14:25:01.250Z
                  command    sopctl node shutdown node1 --reason 'kernel update'
                  runbook    pvdi/node-shutdown (node=node1)
                  reason     kernel update
                  inventory  /etc/sopctl/inventory.yaml

                ▶ list-domains  List the domains
                  [node1] $ xl list
                  [node1]   Domain-0    0  4096     8     r-----  123456.7
                  [node1] exit 0 (1.2s)

                ▶ reboot  Reboot the node  [change, destructive]
                  ? Reboot node1?
                      on node1
                      $ reboot
                    → typed the expected name: yes
                  [node1] $ reboot
                  [node1] disconnected-as-expected (0.3s)
                  note: node1 is back

                Outcome: ok, exit 0, after 1m35s
                """);
    }

    @Test
    void toleratesUnknownEventsMissingFieldsAndAKilledRun() throws Exception {
        // given a dry run killed after a failed step, an unknown event, and a cut tail
        Path file = dir.resolve("odd.jsonl");
        try (TranscriptWriter w = TranscriptWriter.open(file, "r9", Redactor.NONE, Fixtures.clock())) {
            w.write("run-start", Map.of("dry_run", true));
            w.write("step-start", Map.of());
            w.write("output", Map.of("host", "nas1", "stream", "stderr", "line", "drbdadm: unknown resource"));
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("host", "nas1");
            end.put("outcome", "failed");
            end.put("exit", 10);
            end.put("duration_ms", 75_500);
            end.put("message", "drbdadm failed");
            w.write("step-end", end);
            w.write("future-event", Map.of("answer", 42));
            w.write("interrupted", Map.of("message", "SIGINT"));
        }
        Files.writeString(file, "{\"cut", StandardOpenOption.APPEND);

        // when
        String text = render(file);

        // then
        assertThat(text).contains("Run r9 (dry run)\n")
                .contains("▶ ?\n")
                .contains("  [nas1] ! drbdadm: unknown resource\n")
                .contains("  [nas1] exit 10 failed (1m15s) — drbdadm failed\n")
                .contains("  (future-event) answer=42\n")
                .contains("  ✖ interrupted — SIGINT\n")
                .endsWith("Outcome: incomplete — no run-end event (the run was killed, or is still running)\n");
    }

    @Test
    void rendersEventsWithoutRunStart() {
        StringWriter out = new StringWriter();

        new TranscriptRenderer().render(List.of(Map.of("type", "command", "run", "r1", "host", "lk1", "command", "lcdstatus -q")),
                new PrintWriter(out));

        assertThat(out.toString()).startsWith("Run r1 (its run-start event is missing)\n  [lk1] $ lcdstatus -q\n");
    }

    @Test
    void formatsDurations() {
        assertThat(TranscriptRenderer.duration(400)).isEqualTo("0.4s");
        assertThat(TranscriptRenderer.duration(59_999)).isEqualTo("1m00s");
        assertThat(TranscriptRenderer.duration(125_000)).isEqualTo("2m05s");
        assertThat(TranscriptRenderer.duration(3_725_000)).isEqualTo("1h02m");
    }

    private static String render(Path file) {
        StringWriter out = new StringWriter();
        new TranscriptRenderer().render(file, new PrintWriter(out));
        return out.toString();
    }
}
