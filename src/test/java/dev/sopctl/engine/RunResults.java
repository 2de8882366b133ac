package dev.sopctl.engine;

import java.util.List;
import java.util.NoSuchElementException;

/** Looks up what one step did in a {@link RunResult}, for runbook tests. */
final class RunResults {
    private RunResults() {}

    /** The result of {@code step} on {@code host}; fails when the step or host is not in the run. */
    static HostResult on(RunResult r, String step, String host) {
        return step(r, step).hosts().stream().filter(h -> h.host().equals(host)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("step " + step + " has no result for " + host));
    }

    /** The text a notice step showed, or null when its condition was false. */
    static String notice(RunResult r, String step) {
        return step(r, step).notice();
    }

    /** The ids of the steps whose result on {@code host} has this outcome, in order. */
    static List<String> stepsWith(RunResult r, String host, String outcome) {
        return r.steps().stream()
                .filter(s -> s.hosts().stream().anyMatch(h -> h.host().equals(host) && h.outcome().id().equals(outcome)))
                .map(StepResult::stepId).toList();
    }

    private static StepResult step(RunResult r, String step) {
        return r.steps().stream().filter(s -> s.stepId().equals(step)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no step " + step + " in the run"));
    }
}
