package dev.sopctl.runbook.expr;

/**
 * One evaluation: the scope (with the names a predicate binds), the scope the expression was
 * evaluated in (runbook vars are evaluated there, never seeing a predicate's names), the source
 * (to quote sub-expressions in messages), whether missing things are null instead of failures
 * (inside {@code default(...)}), and the evaluation's budget.
 */
record Eval(Scope scope, Scope root, String source, boolean lenient, Budget budget) {
    static Eval of(Scope scope, String source, Budget budget) {
        return new Eval(scope, scope, source, false, budget);
    }

    Eval asLenient() {
        return lenient ? this : new Eval(scope, root, source, true, budget);
    }

    /** The same evaluation with one more name bound (a predicate's item). */
    Eval binding(String name, Object value) {
        return new Eval(Scope.chain(Scope.of(java.util.Collections.singletonMap(name, value)), scope), root, source,
                lenient, budget);
    }

    /** The source text of a node, for messages. */
    String text(Node node) {
        return source.substring(node.start(), node.end());
    }

    /**
     * What one evaluation may spend: predicate items visited and wall time. Regular expressions
     * have their own bound per match ({@link Regexes}).
     */
    static final class Budget {
        static final long MAX_STEPS = 1_000_000;
        static final long MAX_MILLIS = 2_000;
        private final long maxSteps;
        private final long maxMillis;
        private final long started = System.nanoTime();
        private long steps;

        Budget() {
            this(MAX_STEPS, MAX_MILLIS);
        }

        Budget(long maxSteps, long maxMillis) {
            this.maxSteps = maxSteps;
            this.maxMillis = maxMillis;
        }

        void step() {
            if (++steps > maxSteps) {
                throw new Failure("the expression visits more than " + maxSteps + " items");
            }
            if ((steps & 255) == 0 && System.nanoTime() - started > maxMillis * 1_000_000L) {
                throw new Failure("the expression took longer than " + maxMillis + " ms");
            }
        }
    }
}
