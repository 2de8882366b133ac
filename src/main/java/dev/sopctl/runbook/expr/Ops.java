package dev.sopctl.runbook.expr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The operators' semantics. Failures carry no location; {@link Expression} adds it. */
final class Ops {
    private Ops() {}

    static Object binary(String op, Object l, Object r) {
        return switch (op) {
            case "+" -> add(l, r);
            case "-" -> subtract(l, r);
            case "*" -> multiply(l, r);
            case "/" -> divide(l, r);
            case "%" -> remainder(l, r);
            case "==" -> Values.equal(l, r);
            case "!=" -> !Values.equal(l, r);
            case "<" -> order(op, l, r) < 0;
            case "<=" -> order(op, l, r) <= 0;
            case ">" -> order(op, l, r) > 0;
            case ">=" -> order(op, l, r) >= 0;
            case "in" -> in(l, r);
            case "not in" -> !in(l, r);
            default -> throw new IllegalStateException("operator " + op);
        };
    }

    private static int order(String op, Object l, Object r) {
        try {
            return Values.compare(l, r);
        } catch (Failure f) {
            throw new Failure("'" + op + "' " + f.getMessage()
                    + " (numbers, strings and durations compare only with their own kind)");
        }
    }

    /** {@code item in container}: list membership, substring, or map key. */
    static boolean in(Object item, Object container) {
        if (container instanceof List<?> list) {
            for (Object e : list) {
                if (Values.equal(e, item)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof String s) {
            if (!(item instanceof String sub)) {
                throw new Failure("can't look for " + Values.describe(item) + " in a string; only a string");
            }
            return s.contains(sub);
        }
        if (container instanceof Map<?, ?> map) {
            return item instanceof String key && map.containsKey(key);
        }
        throw new Failure("can't look inside " + Values.describe(container) + "; only in a list, string or map");
    }

    static Object negate(Object v) {
        if (v instanceof Long n) {
            return exact(() -> Math.negateExact(n));
        }
        if (v instanceof Double d) {
            return -d;
        }
        if (v instanceof Duration d) {
            return d.negated();
        }
        throw new Failure("can't negate " + Values.describe(v));
    }

    static Object add(Object l, Object r) {
        if (l instanceof Long a && r instanceof Long b) {
            return exact(() -> Math.addExact(a, b));
        }
        if (Values.isNumber(l) && Values.isNumber(r)) {
            return ((Number) l).doubleValue() + ((Number) r).doubleValue();
        }
        if (l instanceof String a && r instanceof String b) {
            Values.checkLength((long) a.length() + b.length());
            return a + b;
        }
        if (l instanceof List<?> a && r instanceof List<?> b) {
            Values.checkSize((long) a.size() + b.size());
            List<Object> out = new ArrayList<>(a);
            out.addAll(b);
            return out;
        }
        if (l instanceof Duration a && r instanceof Duration b) {
            return exact(() -> a.plus(b));
        }
        throw new Failure("can't add " + Values.describe(l) + " and " + Values.describe(r),
                l instanceof String || r instanceof String ? "use str(x) to turn a value into a string" : null);
    }

    static Object subtract(Object l, Object r) {
        if (l instanceof Long a && r instanceof Long b) {
            return exact(() -> Math.subtractExact(a, b));
        }
        if (Values.isNumber(l) && Values.isNumber(r)) {
            return ((Number) l).doubleValue() - ((Number) r).doubleValue();
        }
        if (l instanceof Duration a && r instanceof Duration b) {
            return exact(() -> a.minus(b));
        }
        throw new Failure("can't subtract " + Values.describe(r) + " from " + Values.describe(l));
    }

    static Object multiply(Object l, Object r) {
        if (l instanceof Long a && r instanceof Long b) {
            return exact(() -> Math.multiplyExact(a, b));
        }
        if (Values.isNumber(l) && Values.isNumber(r)) {
            return ((Number) l).doubleValue() * ((Number) r).doubleValue();
        }
        if (l instanceof Duration d && Values.isNumber(r)) {
            return scale(d, (Number) r);
        }
        if (r instanceof Duration d && Values.isNumber(l)) {
            return scale(d, (Number) l);
        }
        throw new Failure("can't multiply " + Values.describe(l) + " by " + Values.describe(r));
    }

    private static Duration scale(Duration d, Number factor) {
        if (factor instanceof Long n) {
            return exact(() -> d.multipliedBy(n));
        }
        double nanos = d.toNanos() * factor.doubleValue();
        if (!(Math.abs(nanos) < Long.MAX_VALUE)) {
            throw new Failure("duration is too large");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    static Object divide(Object l, Object r) {
        if (Values.isNumber(r) && ((Number) r).doubleValue() == 0.0) {
            throw new Failure("division by zero");
        }
        if (l instanceof Long a && r instanceof Long b) {
            // an exact quotient stays an integer; otherwise a decimal (7 / 2 is 3.5)
            if (a % b == 0) {
                if (a == Long.MIN_VALUE && b == -1) {
                    throw new Failure("number too large");
                }
                return a / b;
            }
            return (double) a / b;
        }
        if (Values.isNumber(l) && Values.isNumber(r)) {
            return ((Number) l).doubleValue() / ((Number) r).doubleValue();
        }
        if (l instanceof Duration d && Values.isNumber(r)) {
            Number n = (Number) r;
            return n instanceof Long b ? d.dividedBy(b) : Duration.ofNanos(Math.round(d.toNanos() / n.doubleValue()));
        }
        if (l instanceof Duration a && r instanceof Duration b) {
            if (b.isZero()) {
                throw new Failure("division by zero");
            }
            return divide(exact(a::toMillis), exact(b::toMillis));
        }
        throw new Failure("can't divide " + Values.describe(l) + " by " + Values.describe(r));
    }

    static Object remainder(Object l, Object r) {
        if (Values.isNumber(r) && ((Number) r).doubleValue() == 0.0) {
            throw new Failure("division by zero");
        }
        if (l instanceof Long a && r instanceof Long b) {
            return Math.floorMod(a, b);
        }
        if (Values.isNumber(l) && Values.isNumber(r)) {
            return ((Number) l).doubleValue() % ((Number) r).doubleValue();
        }
        throw new Failure("can't take the remainder of " + Values.describe(l) + " by " + Values.describe(r));
    }

    interface Exact<T> {
        T get();
    }

    static <T> T exact(Exact<T> f) {
        try {
            return f.get();
        } catch (ArithmeticException e) {
            throw new Failure("number too large");
        }
    }
}
