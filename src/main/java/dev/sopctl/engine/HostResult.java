package dev.sopctl.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * What one step did on one host.
 *
 * @param outcome    how it ended; its exit code is the DESIGN §4 code this host's result stands for
 * @param exitStatus the remote command's exit status, or null when it did not run or did not finish
 * @param message    what happened, for the operator; null when ok
 * @param hint       what to do about it, or null
 * @param stdout     captured standard output ("" when none)
 * @param stderr     captured standard error ("" when none)
 */
public record HostResult(String host, Outcome outcome, Integer exitStatus, String message, String hint,
        String stdout, String stderr, Duration duration) {
    public HostResult {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(outcome, "outcome");
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        duration = duration == null ? Duration.ZERO : duration;
    }

    static HostResult of(String host, Outcome outcome, String message, String hint) {
        return new HostResult(host, outcome, null, message, hint, "", "", Duration.ZERO);
    }

    public int exitCode() {
        return outcome.exitCode();
    }

    HostResult withHost(String name) {
        return new HostResult(name, outcome, exitStatus, message, hint, stdout, stderr, duration);
    }

    /** This result with another outcome and message, and no hint. */
    HostResult with(Outcome o, String newMessage) {
        return new HostResult(host, o, exitStatus, newMessage, null, stdout, stderr, duration);
    }
}
