package dev.sopctl.runbook;

import dev.sopctl.runbook.expr.Expression;
import dev.sopctl.runbook.expr.Template;
import java.util.Objects;

/**
 * A guard: {@code that} must hold after the step's command ran (and its output was parsed);
 * otherwise the step fails with {@code message} and {@code hint}.
 *
 * @param severity {@code CRITICAL} stops the run (exit 2); {@code WARNING} reports and goes on (exit 1);
 *                 {@code INVALID} stops the run as invalid input (exit 65): the operator's values do not fit
 *                 the host (a bridge it does not have), found by a probe before any change
 * @param when     the guard applies on a host only when this holds, or null for always
 */
public record Assertion(Expression that, Template message, Template hint, Severity severity, Expression when) {
    public enum Severity { CRITICAL, WARNING, INVALID }

    public Assertion {
        Objects.requireNonNull(that, "that");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
    }

    /** A guard that always applies. */
    public Assertion(Expression that, Template message, Template hint, Severity severity) {
        this(that, message, hint, severity, null);
    }
}
