package dev.sopctl.engine;

import dev.sopctl.ExitCode;
import java.util.List;

/** What one step did: its hosts' results and the worst exit code among them. */
public record StepResult(String stepId, String title, List<HostResult> hosts, String notice) {
    public StepResult {
        hosts = List.copyOf(hosts);
    }

    public int exitCode() {
        int code = ExitCode.OK;
        for (HostResult h : hosts) {
            code = ExitCode.worst(code, h.exitCode());
        }
        return code;
    }

    /** A failure that stops the run (critical, unknown or not done), not a warning. */
    public boolean failed() {
        return exitCode() >= ExitCode.CRITICAL;
    }
}
