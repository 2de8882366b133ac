package dev.sopctl.runbook;

import dev.sopctl.runbook.expr.Expression;
import java.time.Duration;
import java.util.Objects;

/**
 * A wait: the step's command runs again every {@code interval} until {@code that} holds or
 * {@code timeout} has passed. While waiting, an unreachable host counts as "not yet" (that is how
 * a runbook waits for SSH to come back after a reboot).
 */
public record Until(Expression that, Duration interval, Duration timeout) {
    public Until {
        Objects.requireNonNull(that, "that");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
    }
}
