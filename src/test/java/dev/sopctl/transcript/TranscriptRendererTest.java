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
    void rendersTheUndoAfterAStopAndWhatIsStillChanged() {
        StringWriter out = new StringWriter();
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        events.add(new RunEvent.UndoPlan("a step failed", List.of(
                Map.of("step", "demote-primary", "host", "nas1", "command", "drbdadm primary data"),
                Map.of("step", "stop-nfs", "host", "nas1", "command", "/etc/init.d/nfs start"))).fields());
        events.add(new RunEvent.Command("demote-primary", "nas1", "drbdadm primary data", false, null, null, true).fields());
        events.add(new RunEvent.Undo("demote-primary", "nas1", "drbdadm primary data", "undone", 0, 40, null).fields());
        events.add(new RunEvent.Undo("stop-nfs", "nas1", "/etc/init.d/nfs start", "failed", 1, 40, "'/etc/init.d/nfs start' "
                + "exited with status 1").fields());
        events.add(new RunEvent.RunEnd("failed", 2, 900, "step 'promote-standby' failed on nas2", null,
                Map.of("nas1", List.of("stop-nfs"))).fields());
        String[] types = {"undo-plan", "command", "undo", "undo", "run-end"};
        for (int i = 0; i < types.length; i++) {
            Map<String, Object> e = new java.util.LinkedHashMap<>(events.get(i));
            e.put("type", types[i]);
            e.put("run", "r1");
            events.set(i, e);
        }

        new TranscriptRenderer().render(events, new PrintWriter(out));

        assertThat(out.toString()).contains(
                "↶ undo (a step failed), newest change first:\n"
                        + "      [nas1] $ drbdadm primary data   (undoes demote-primary)\n"
                        + "      [nas1] $ /etc/init.d/nfs start   (undoes stop-nfs)\n",
                "  [nas1] $ drbdadm primary data  (undo of demote-primary)\n",
                "  [nas1] undo of demote-primary: undone (exit 0)\n",
                "  [nas1] undo of stop-nfs: failed (exit 1) — '/etc/init.d/nfs start' exited with status 1\n",
                "Outcome: failed, exit 2, after 0.9s\n  step 'promote-standby' failed on nas2\nStill changed:\n  nas1: stop-nfs\n");
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
