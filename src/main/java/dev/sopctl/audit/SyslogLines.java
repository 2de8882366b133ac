package dev.sopctl.audit;

import dev.sopctl.transcript.RunEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one-line syslog form of the run events a site's log pipeline needs (DESIGN §6, central
 * audit): run start, each change on each host (and each undo), locks taken over or broken, run end.
 * Lines are {@code key=value} words after the event name; a value with spaces, quotes or '=' is
 * double-quoted, newlines become {@code \n}. Not thread-safe: feed it events in order.
 */
public final class SyslogLines {
    /** A line and whether it reports a problem (logged at priority warning rather than notice). */
    public record Line(String text, boolean warning) {}

    private final String run;
    private final Map<String, String> kinds = new HashMap<>();

    public SyslogLines(String run) {
        this.run = run;
    }

    /** The line for this event, or empty when syslog does not get one. */
    public Optional<Line> of(RunEvent event) {
        if (event instanceof RunEvent.RunStart e) {
            return line(false, "run-start", "operator", e.operator(), "runbook", e.runbook(), "params",
                    String.valueOf(e.params()), "reason", e.reason(), "check", e.check() ? "true" : null,
                    "resumes", e.resumes(), "command", String.join(" ", e.commandLine()));
        }
        if (event instanceof RunEvent.StepStart e) {
            kinds.put(e.step(), e.kind());
            return Optional.empty();
        }
        if (event instanceof RunEvent.StepEnd e && "change".equals(kinds.get(e.step())) && e.host() != null
                && !e.host().isEmpty() && !"would-run".equals(e.outcome())) {
            return line(e.code() != 0, "change", "step", e.step(), "host", e.host(), "outcome", e.outcome(),
                    "exit", e.exit() == null ? null : String.valueOf(e.exit()), "message", e.message());
        }
        if (event instanceof RunEvent.Undo e) {
            return line(!"undone".equals(e.outcome()), "undo", "step", e.step(), "host", e.host(), "outcome", e.outcome(),
                    "command", e.command(), "message", e.message());
        }
        if (event instanceof RunEvent.Lock e && ("taken-over".equals(e.action()) || "broken".equals(e.action())
                || "held".equals(e.action()) || "not-released".equals(e.action()))) {
            return line(true, "lock", "host", e.host(), "action", e.action(), "message", e.message());
        }
        if (event instanceof RunEvent.RunEnd e) {
            return line(e.exit() != 0, "run-end", "outcome", e.outcome(), "exit", String.valueOf(e.exit()),
                    "duration_ms", String.valueOf(e.durationMs()), "message", e.message(),
                    "still_changed", e.stillChanged() == null || e.stillChanged().isEmpty() ? null
                            : String.valueOf(e.stillChanged()));
        }
        return Optional.empty();
    }

    private Optional<Line> line(boolean warning, String name, String... keyValues) {
        List<String> words = new ArrayList<>();
        words.add(name);
        words.add("run=" + run);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                words.add(keyValues[i] + "=" + value(keyValues[i + 1]));
            }
        }
        return Optional.of(new Line(String.join(" ", words), warning));
    }

    static String value(String v) {
        String oneLine = v.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
        if (!oneLine.isEmpty() && oneLine.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=' || c < 0x20)) {
            return oneLine;
        }
        StringBuilder s = new StringBuilder("\"");
        oneLine.chars().forEach(c -> {
            if (c == '"') {
                s.append("\\\"");
            } else if (c < 0x20) {
                s.append(String.format("\\x%02x", c));
            } else {
                s.append((char) c);
            }
        });
        return s.append('"').toString();
    }
}
