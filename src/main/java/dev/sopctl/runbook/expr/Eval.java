package dev.sopctl.runbook.expr;

/**
 * One evaluation: the scope, the source (to quote sub-expressions in messages) and whether
 * missing things are null instead of failures (inside {@code default(...)}).
 */
record Eval(Scope scope, String source, boolean lenient) {
    Eval asLenient() {
        return lenient ? this : new Eval(scope, source, true);
    }

    /** The source text of a node, for messages. */
    String text(Node node) {
        return source.substring(node.start(), node.end());
    }
}
