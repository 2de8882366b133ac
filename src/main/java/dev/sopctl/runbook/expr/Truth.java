package dev.sopctl.runbook.expr;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/** Truthiness of a value, as {@code when}, {@code assert} and {@code until} see it. */
public final class Truth {
    private Truth() {}

    /**
     * False for null, {@code false}, zero (integer or decimal), the empty string, an empty list or
     * map, and a zero duration; true for everything else.
     */
    public static boolean of(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0.0;
        }
        if (value instanceof CharSequence s) {
            return s.length() > 0;
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (value instanceof Duration d) {
            return !d.isZero();
        }
        return true;
    }
}
