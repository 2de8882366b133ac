package dev.sopctl.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * What one step did on one host.
 *
 * @param outcome    ok, warning, failed, guard-failed, timeout, unreachable, skipped, would-run,
 *                   disconnected-as-expected, interrupted, declined
 * @param exitCode   the DESIGN §4 code this outcome stands for (0 ok, 1 warning, 2 failed, 3 unknown, 5 not done)
 * @param exitStatus the remote command's exit status, or null when it did not run or did not finish
 * @param message    what happened, for the operator; null when ok
 * @param hint       what to do about it, or null
 * @param stdout     captured standard output ("" when none)
 * @param stderr     captured standard error ("" when none)
 */
public record HostResult(String host, String outcome, int exitCode, Integer exitStatus, String message, String hint,
        String stdout, String stderr, Duration duration) {
    public HostResult {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(outcome, "outcome");
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        duration = duration == null ? Duration.ZERO : duration;
    }

    static HostResult of(String host, String outcome, int exitCode, String message, String hint) {
        return new HostResult(host, outcome, exitCode, null, message, hint, "", "", Duration.ZERO);
    }
}
