package dev.sopctl.engine;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The end of a run.
 *
 * @param exitCode     the process exit code (DESIGN §4): the outcome's, except that a --check
 *                     {@link Outcome#WOULD_STOP} carries the worst code of what it saw (2 or 3)
 * @param message      why it ended that way, for the operator; null when ok
 * @param hint         what to do next, or null
 * @param stillChanged per host, the ids of the steps whose change was made and is not undone
 *                     (empty when the run finished, or when every undo ran)
 * @param captured     the values the runbook captured, by host then name (redacted), for monitors to graph
 */
public record RunResult(String runId, int exitCode, Outcome outcome, String message, String hint, List<StepResult> steps,
        Duration duration, Map<String, List<String>> stillChanged, Map<String, Map<String, Object>> captured) {
    public RunResult {
        Objects.requireNonNull(outcome, "outcome");
        steps = List.copyOf(steps);
        stillChanged = Collections.unmodifiableMap(new LinkedHashMap<>(stillChanged));
        captured = captured == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(captured));
    }
}
