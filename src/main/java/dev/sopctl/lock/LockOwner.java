package dev.sopctl.lock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sopctl.output.CompactJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who holds a run lock on a host, as recorded in the lock directory's {@code owner} file (one line
 * of JSON): the run, the operator, the control host sopctl runs on (its name, machine id and boot
 * id), sopctl's process (pid and its start time, so a recycled pid is told apart), when the lock
 * was taken, the runbook and the {@code --reason}. Any field but {@code run} may be null in a
 * record written by hand or by another version.
 */
public record LockOwner(String run, String operator, String controlHost, String machineId, String bootId, Long pid,
        Long pidStartMs, Instant since, String runbook, String reason) {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The one-line JSON written into the lock directory. */
    public String toJson() {
        try {
            return CompactJson.string(asMap());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For the transcript. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", run);
        m.put("operator", operator);
        m.put("control_host", controlHost);
        m.put("machine_id", machineId);
        m.put("boot_id", bootId);
        m.put("pid", pid);
        m.put("pid_start_ms", pidStartMs);
        m.put("since", since == null ? null : since.toString());
        m.put("runbook", runbook);
        m.put("reason", reason);
        return m;
    }

    /**
     * Reads an owner record.
     *
     * @throws IllegalArgumentException the text is not an owner record (the message says why)
     */
    public static LockOwner parse(String json) {
        JsonNode n;
        try {
            n = Reading.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject() || !n.path("run").isTextual()) {
            throw new IllegalArgumentException("no 'run' in the owner record");
        }
        Instant since = null;
        if (n.path("since").isTextual()) {
            try {
                since = Instant.parse(n.path("since").asText());
            } catch (java.time.format.DateTimeParseException e) {
                since = null;
            }
        }
        return new LockOwner(text(n, "run"), text(n, "operator"), text(n, "control_host"), text(n, "machine_id"),
                text(n, "boot_id"), number(n, "pid"), number(n, "pid_start_ms"), since, text(n, "runbook"),
                text(n, "reason"));
    }

    /** "ops@ctl1 (run 20261201-013000-a1b2c3, runbook pvdi/node-shutdown, pid 4242) since 2026-12-01 01:30:00 UTC". */
    public String describe() {
        StringBuilder s = new StringBuilder(operator == null ? "an unnamed operator" : operator);
        s.append(" (run ").append(run);
        if (runbook != null) {
            s.append(", runbook ").append(runbook);
        }
        if (controlHost != null && (operator == null || !operator.endsWith("@" + controlHost))) {
            s.append(", on ").append(controlHost);
        }
        if (pid != null) {
            s.append(", pid ").append(pid);
        }
        if (reason != null && !reason.isBlank()) {
            s.append(", reason: ").append(reason);
        }
        s.append(')');
        if (since != null) {
            s.append(" since ").append(SHOWN.format(since));
        }
        return s.toString();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static Long number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isIntegralNumber() ? v.asLong() : null;
    }

    /** A databind mapper only for reading a held lock's owner, not on the path of every run. */
    private static final class Reading {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
