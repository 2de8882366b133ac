package dev.sopctl.runbook;

import dev.sopctl.runbook.expr.Expression;
import dev.sopctl.runbook.expr.Template;
import java.util.Objects;

/**
 * A finding a check step reports after its command, when {@code when} holds (always when null):
 * INFO is evidence shown with an OK verdict, WARNING makes the step a warning (exit 1), CRITICAL
 * fails it like a failed guard (exit 2).
 */
public record Report(Level level, Expression when, Template message, Template hint) {
    public enum Level { INFO, WARNING, CRITICAL }

    public Report {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }
}
