package dev.sopctl.runbook.expr;

import java.util.Objects;

/**
 * A runbook var: a name for an expression. Put into a {@link Scope} as the value of its name, it
 * is evaluated each time an expression reads that name, in the scope of the reading expression: on
 * a host it sees that host's facts and captures. Immutable.
 */
public record NamedExpression(String name, Expression expression) {
    public NamedExpression {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
    }
}
