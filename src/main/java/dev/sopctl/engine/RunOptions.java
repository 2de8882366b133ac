package dev.sopctl.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run a plan.
 *
 * @param mode            run everything, or probes only
 * @param parallel        at most this many hosts at once in a fan-out (at least 1)
 * @param timeoutOverride {@code --timeout}: per-command timeout over the inventory's and the step's, or null
 * @param operator        {@code user@host} of who runs it
 * @param commandLine     the command line as typed (secrets are redacted when written)
 * @param reason          {@code --reason}, or null
 * @param extraSecrets    more values to redact (resolved inventory secrets)
 * @param locks           how to lock the hosts a run may change, or null to take no run locks (engine tests)
 * @param origin          what run-start records for resume, and what a resumed run skips; or null
 */
public record RunOptions(RunMode mode, int parallel, Duration timeoutOverride, String operator, List<String> commandLine,
        String reason, List<String> extraSecrets, RunLockOptions locks, RunOrigin origin) {
    /** Without a recorded origin. */
    public RunOptions(RunMode mode, int parallel, Duration timeoutOverride, String operator, List<String> commandLine,
            String reason, List<String> extraSecrets, RunLockOptions locks) {
        this(mode, parallel, timeoutOverride, operator, commandLine, reason, extraSecrets, locks, null);
    }

    /** Without run locks. */
    public RunOptions(RunMode mode, int parallel, Duration timeoutOverride, String operator, List<String> commandLine,
            String reason, List<String> extraSecrets) {
        this(mode, parallel, timeoutOverride, operator, commandLine, reason, extraSecrets, null, null);
    }

    public RunOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(operator, "operator");
        commandLine = List.copyOf(commandLine);
        extraSecrets = List.copyOf(extraSecrets);
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1");
        }
    }
}
