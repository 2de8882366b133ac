package dev.sopctl.runbook.expr;

import java.util.Objects;

/**
 * A top-level name that the scope does not define, e.g. {@code nodee} in {@code nodee.address}.
 * A missing key further down ({@code host.vars.mastervm}) is null, not this exception.
 */
public final class UndefinedVariableException extends EvaluationException {
    private final String name;

    public UndefinedVariableException(String name, String message, String hint) {
        super(message, hint);
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The undefined name, as written in the expression. */
    public String name() {
        return name;
    }
}
