package dev.sopctl.runbook.expr;

import dev.sopctl.yaml.Durations;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The value model: normalisation, type names, equality, ordering and plain rendering. */
final class Values {
    /** Largest list an evaluation may build. */
    static final int MAX_ITEMS = 1_000_000;
    /** Longest string an evaluation may build. */
    static final int MAX_CHARS = 1_000_000;

    private Values() {}

    /**
     * The value in the model's types: Integer/Short/Byte become Long, Float becomes Double, other
     * collections become lists. Shallow: elements are normalised when they are read.
     */
    static Object normalize(Object v) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Double
                || v instanceof Boolean || v instanceof Duration || v instanceof List<?>
                || v instanceof Map<?, ?>) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        if (v instanceof BigDecimal b) {
            return b.doubleValue();
        }
        if (v instanceof CharSequence || v instanceof Character) {
            return v.toString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Collection<?> c) {
            return new ArrayList<Object>(c);
        }
        if (v instanceof Object[] a) {
            return Arrays.asList(a);
        }
        throw new Failure("a value of Java type " + v.getClass().getSimpleName() + " is not supported");
    }

    static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Long) {
            return "an integer";
        }
        if (v instanceof Double) {
            return "a decimal";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof Duration) {
            return "a duration";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        if (v instanceof Map<?, ?>) {
            return "a map";
        }
        return v.getClass().getSimpleName();
    }

    /** Type and a short rendering, for messages: {@code a string 'abc'}, {@code an integer 5}. */
    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String shown;
        try {
            shown = v instanceof String s ? "'" + s + "'" : plain(v);
        } catch (Failure e) {
            shown = "";
        }
        if (shown.length() > 40) {
            shown = shown.substring(0, 37) + "...";
        }
        return typeName(v) + (shown.isEmpty() ? "" : " " + shown);
    }

    static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double;
    }

    /** Equality without coercion: only numbers compare across types; lists and maps deeply. */
    static boolean equal(Object a, Object b) {
        a = normalize(a);
        b = normalize(b);
        if (a == null || b == null) {
            return a == b;
        }
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Long x && b instanceof Long y) {
                return x.longValue() == y.longValue();
            }
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    /** Ordering of numbers, strings (lexicographic) and durations; anything else is a failure. */
    static int compare(Object a, Object b) {
        a = normalize(a);
        b = normalize(b);
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Long x && b instanceof Long y) {
                return Long.compare(x, y);
            }
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            if (x < y) {
                return -1;
            }
            if (x > y) {
                return 1;
            }
            if (x == y) {
                return 0;
            }
            throw new Failure("can't order NaN");
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Duration x && b instanceof Duration y) {
            return x.compareTo(y);
        }
        throw new Failure("can't compare " + describe(a) + " with " + describe(b));
    }

    /**
     * How people read a value: null as {@code null}, decimals without a trailing {@code .0},
     * durations as {@code 1h30m}, lists joined by ", ", maps as {@code {key: value, ...}}.
     */
    static String plain(Object v) {
        StringBuilder out = new StringBuilder();
        plain(normalize(v), out);
        return out.toString();
    }

    private static void plain(Object v, StringBuilder out) {
        if (v instanceof String s) {
            out.append(s);
        } else if (v instanceof Double d) {
            out.append(formatDouble(d));
        } else if (v instanceof Duration d) {
            out.append(d.isNegative() ? "-" + Durations.format(d.negated()) : Durations.format(d));
        } else if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                plain(normalize(list.get(i)), out);
                checkLength(out.length());
            }
        } else if (v instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                out.append(e.getKey()).append(": ");
                plain(normalize(e.getValue()), out);
                checkLength(out.length());
            }
            out.append('}');
        } else {
            out.append(v);
        }
        checkLength(out.length());
    }

    static String formatDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        if (Math.abs(d) >= 1e15 || Math.abs(d) < 1e-6) {
            return Double.toString(d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    static void checkLength(long length) {
        if (length > MAX_CHARS) {
            throw new Failure("result is longer than " + MAX_CHARS + " characters");
        }
    }

    static void checkSize(long size) {
        if (size > MAX_ITEMS) {
            throw new Failure("result has more than " + MAX_ITEMS + " items");
        }
    }
}
