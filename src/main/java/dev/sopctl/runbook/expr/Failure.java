package dev.sopctl.runbook.expr;

/**
 * An evaluation failure without its location; {@link Expression} adds the location and source
 * and turns it into an {@link EvaluationException}. Internal: never escapes the package.
 */
final class Failure extends RuntimeException {
    private final String hint;

    Failure(String message) {
        this(message, null);
    }

    Failure(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    String hint() {
        return hint;
    }

    /** A top-level name the scope lacks. */
    static final class Undefined extends RuntimeException {
        final String name;

        Undefined(String name) {
            super(name, null, false, false);
            this.name = name;
        }
    }
}
