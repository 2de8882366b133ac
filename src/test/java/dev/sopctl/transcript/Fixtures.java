package dev.sopctl.transcript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes small realistic transcripts for the tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-23T14:25:01.250Z");

    private Fixtures() {}

    static Clock clock() {
        return Clock.fixed(T0, ZoneOffset.UTC);
    }

    /** A node-shutdown run of {@code 9 + 2} events, complete when {@code complete}. */
    static Path run(Path file, String runId, Redactor redactor, boolean complete) {
        try (TranscriptWriter w = TranscriptWriter.open(file, runId, redactor, clock())) {
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("operator", "alice@ops1");
            start.put("command_line", "sopctl node shutdown node1 --reason 'kernel update'");
            start.put("runbook", "pvdi/node-shutdown");
            start.put("params", Map.of("node", "node1"));
            start.put("reason", "kernel update");
            start.put("dry_run", false);
            start.put("check", false);
            start.put("inventory", "/etc/sopctl/inventory.yaml");
            w.write("run-start", start);
            w.write("step-start", Map.of("step", "list-domains", "title", "List the domains", "hosts", List.of("node1"),
                    "kind", "probe", "destructive", false));
            w.write("command", Map.of("step", "list-domains", "host", "node1", "command", "xl list"));
            w.write("output", Map.of("step", "list-domains", "host", "node1", "stream", "stdout", "line",
                    "Domain-0    0  4096     8     r-----  123456.7"));
            w.write("step-end", Map.of("step", "list-domains", "host", "node1", "outcome", "ok", "exit", 0,
                    "duration_ms", 1234));
            w.write("step-start", Map.of("step", "reboot", "title", "Reboot the node", "hosts", List.of("node1"),
                    "kind", "change", "destructive", true));
            w.write("confirm", Map.of("step", "reboot", "prompt", "Reboot node1?", "hosts", List.of("node1"),
                    "commands", List.of("reboot"), "answer", "typed-ok"));
            w.write("command", Map.of("step", "reboot", "host", "node1", "command", "reboot"));
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("step", "reboot");
            end.put("host", "node1");
            end.put("outcome", "disconnected-as-expected");
            end.put("exit", null);
            end.put("duration_ms", 310);
            w.write("step-end", end);
            if (complete) {
                w.write("notice", Map.of("message", "node1 is back"));
                w.write("run-end", Map.of("outcome", "ok", "exit", 0, "duration_ms", 95_000));
            }
        }
        return file;
    }

    static List<String> lines(Path file) {
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeLines(Path file, List<String> lines) {
        try {
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
