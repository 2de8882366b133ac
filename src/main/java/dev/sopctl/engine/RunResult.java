package dev.sopctl.engine;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end of a run.
 *
 * @param exitCode the process exit code (DESIGN §4)
 * @param outcome  ok, warning, failed, unknown, declined, no-terminal, interrupted, would-stop (check mode)
 * @param message  why it ended that way, for the operator; null when ok
 * @param hint     what to do next, or null
 * @param captured the values the runbook captured, by host then name (redacted), for monitors to graph
 */
public record RunResult(String runId, int exitCode, String outcome, String message, String hint, List<StepResult> steps,
        Duration duration, Map<String, Map<String, Object>> captured) {
    public RunResult {
        steps = List.copyOf(steps);
        captured = captured == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(captured));
    }

    /** A result without captured values. */
    public RunResult(String runId, int exitCode, String outcome, String message, String hint, List<StepResult> steps,
            Duration duration) {
        this(runId, exitCode, outcome, message, hint, steps, duration, Map.of());
    }
}
