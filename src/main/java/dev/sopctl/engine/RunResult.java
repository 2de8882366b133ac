package dev.sopctl.engine;

import java.time.Duration;
import java.util.List;

/**
 * The end of a run.
 *
 * @param exitCode the process exit code (DESIGN §4)
 * @param outcome  ok, warning, failed, unknown, declined, no-terminal, interrupted, would-stop (check mode)
 * @param message  why it ended that way, for the operator; null when ok
 * @param hint     what to do next, or null
 */
public record RunResult(String runId, int exitCode, String outcome, String message, String hint, List<StepResult> steps,
        Duration duration) {
    public RunResult {
        steps = List.copyOf(steps);
    }
}
