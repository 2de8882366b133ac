package dev.sopctl.runbook;

import dev.sopctl.runbook.expr.Expression;
import dev.sopctl.runbook.expr.Template;
import java.time.Duration;
import java.util.Objects;

/**
 * A wait: the step's command runs again every {@code interval} until {@code that} holds or
 * {@code timeout} has passed. While waiting, an unreachable host counts as "not yet" (that is how
 * a runbook waits for SSH to come back after a reboot). {@code progress}, when not null, is the
 * text shown (and transcripted in the wait event) while the condition is still false: what the
 * last output says, such as a resync's percentage.
 */
public record Until(Expression that, Duration interval, Duration timeout, Template progress) {
    public Until(Expression that, Duration interval, Duration timeout) {
        this(that, interval, timeout, null);
    }

    public Until {
        Objects.requireNonNull(that, "that");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
    }
}
