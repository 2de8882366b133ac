package dev.sopctl.runbook.expr;

import dev.sopctl.output.ByteSizes;
import dev.sopctl.yaml.Durations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The only functions an expression can call. Each checks its argument types and fails with a
 * {@link Failure} that {@link Node.Call} prefixes with the function's name.
 */
final class Functions {
    interface Impl {
        Object apply(List<Object> args);
    }

    /** A function with its arity ({@code max} -1: any number) and a usage line. */
    record Fn(String name, int min, int max, String usage, Impl impl) {
        Object apply(List<Object> args) {
            return impl.apply(args);
        }
    }

    private static final Map<String, Fn> ALL = new TreeMap<>();
    private static final String EMPTY_FIELD = "split(s, ' ') gives an empty field between two spaces;"
            + " fields(s) splits at runs of blanks, like awk";
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    static {
        def("len", 1, 1, "len(string|list|map)", a -> {
            Object x = a.get(0);
            if (x instanceof String s) {
                return (long) s.codePointCount(0, s.length());
            }
            if (x instanceof List<?> l) {
                return (long) l.size();
            }
            if (x instanceof Map<?, ?> m) {
                return (long) m.size();
            }
            throw expected("a string, list or map", x);
        });
        def("empty", 1, 1, "empty(x)", a -> {
            Object x = a.get(0);
            if (x == null) {
                return true;
            }
            if (x instanceof String s) {
                return s.isEmpty();
            }
            if (x instanceof List<?> l) {
                return l.isEmpty();
            }
            if (x instanceof Map<?, ?> m) {
                return m.isEmpty();
            }
            throw expected("a string, list, map or null", x);
        });
        def("contains", 2, 2, "contains(list|string|map, item)", a -> Ops.in(a.get(1), a.get(0)));
        def("without", 2, -1, "without(list, item, ...)", a -> {
            List<?> list = list(a, 0);
            List<Object> remove = new ArrayList<>();
            for (Object x : a.subList(1, a.size())) {
                if (x instanceof List<?> l) {
                    remove.addAll(l);
                } else {
                    remove.add(x);
                }
            }
            List<Object> out = new ArrayList<>();
            for (Object x : list) {
                if (!Ops.in(x, remove)) {
                    out.add(Values.normalize(x));
                }
            }
            return out;
        });
        def("join", 2, 2, "join(list, separator)", a -> {
            List<?> list = list(a, 0);
            String sep = string(a, 1);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(sep);
                }
                out.append(Values.plain(list.get(i)));
                Values.checkLength(out.length());
            }
            return out.toString();
        });
        def("keys", 1, 1, "keys(map)", a -> {
            List<Object> out = new ArrayList<>();
            map(a, 0).keySet().forEach(k -> out.add(String.valueOf(k)));
            return out;
        });
        def("values", 1, 1, "values(map)", a -> {
            List<Object> out = new ArrayList<>();
            map(a, 0).values().forEach(v -> out.add(Values.normalize(v)));
            return out;
        });
        def("lower", 1, 1, "lower(string)", a -> string(a, 0).toLowerCase(Locale.ROOT));
        def("upper", 1, 1, "upper(string)", a -> string(a, 0).toUpperCase(Locale.ROOT));
        def("trim", 1, 1, "trim(string)", a -> string(a, 0).strip());
        def("split", 1, 2, "split(string) or split(string, separator)", a -> {
            String s = string(a, 0);
            if (a.size() == 1) {
                String t = s.strip();
                return t.isEmpty() ? new ArrayList<>() : new ArrayList<Object>(List.of((Object[]) t.split("\\s+")));
            }
            String sep = string(a, 1);
            if (sep.isEmpty()) {
                throw new Failure("the separator is empty");
            }
            return new ArrayList<Object>(List.of((Object[]) s.split(Pattern.quote(sep), -1)));
        });
        def("fields", 1, 1, "fields(string)", a -> {
            String t = string(a, 0).strip();
            return t.isEmpty() ? new ArrayList<>() : new ArrayList<Object>(List.of((Object[]) t.split("\\s+")));
        });
        def("lines", 1, 1, "lines(string)", a -> {
            String s = string(a, 0);
            List<Object> out = new ArrayList<>(List.of((Object[]) s.split("\r?\n", -1)));
            if (!out.isEmpty() && "".equals(out.get(out.size() - 1))) {
                out.remove(out.size() - 1);
            }
            return out;
        });
        def("startswith", 2, 2, "startswith(string, prefix)", a -> string(a, 0).startsWith(string(a, 1)));
        def("endswith", 2, 2, "endswith(string, suffix)", a -> string(a, 0).endsWith(string(a, 1)));
        def("matches", 2, 2, "matches(string, regex)", a -> Regexes.find(Regexes.compile(string(a, 1)), string(a, 0)));
        def("replace", 3, 3, "replace(string, old, new)", a -> {
            String s = string(a, 0);
            String old = string(a, 1);
            String replacement = string(a, 2);
            if (old.isEmpty()) {
                throw new Failure("the text to replace is empty");
            }
            long count = (s.length() - s.replace(old, "").length()) / old.length();
            Values.checkLength(s.length() + count * (replacement.length() - old.length()));
            return s.replace(old, replacement);
        });
        def("int", 1, 1, "int(string|number)", a -> {
            Object x = a.get(0);
            if (x instanceof Long) {
                return x;
            }
            if (x instanceof Double d) {
                if (!(Math.abs(d) < 9.2e18)) {
                    throw new Failure(Values.describe(x) + " can't be an integer");
                }
                return (long) d.doubleValue();
            }
            if (x instanceof String s) {
                try {
                    return Long.parseLong(s.strip());
                } catch (NumberFormatException e) {
                    throw new Failure("'" + s + "' is not an integer", s.isBlank() ? EMPTY_FIELD : null);
                }
            }
            throw expected("a string or a number", x, x instanceof Duration ? "use seconds(d) for a duration" : null);
        });
        def("float", 1, 1, "float(string|number)", a -> {
            Object x = a.get(0);
            if (Values.isNumber(x)) {
                return ((Number) x).doubleValue();
            }
            if (x instanceof String s && DECIMAL.matcher(s.strip()).matches()) {
                return Double.parseDouble(s.strip());
            }
            if (x instanceof String s) {
                throw new Failure("'" + s + "' is not a number", s.isBlank() ? EMPTY_FIELD : null);
            }
            throw expected("a string or a number", x);
        });
        def("str", 1, 1, "str(x)", a -> Values.plain(a.get(0)));
        def("duration", 1, 1, "duration(string|seconds)", a -> {
            Object x = a.get(0);
            if (x instanceof Duration) {
                return x;
            }
            if (x instanceof Long n) {
                return Duration.ofSeconds(n);
            }
            if (x instanceof String s) {
                try {
                    return Durations.parse(s);
                } catch (RuntimeException e) {
                    throw new Failure("'" + s + "' is not a duration (like 30s, 5m, 1h30m, 500ms)");
                }
            }
            throw expected("a string or an integer number of seconds", x);
        });
        def("seconds", 1, 1, "seconds(duration)", a -> {
            Object x = a.get(0);
            if (!(x instanceof Duration d)) {
                throw expected("a duration", x);
            }
            long millis = Ops.exact(d::toMillis);
            return millis % 1000 == 0 ? (Object) (millis / 1000) : (Object) (millis / 1000.0);
        });
        def("pluck", 2, 2, "pluck(list of maps, field)", a -> {
            String field = string(a, 1);
            List<Object> out = new ArrayList<>();
            for (Object x : list(a, 0)) {
                out.add(Values.normalize(element(x).get(field)));
            }
            return out;
        });
        def("where", 3, 3, "where(list of maps, field, value)", a -> {
            String field = string(a, 1);
            List<Object> out = new ArrayList<>();
            for (Object x : list(a, 0)) {
                if (Values.equal(element(x).get(field), a.get(2))) {
                    out.add(Values.normalize(x));
                }
            }
            return out;
        });
        def("first", 1, 1, "first(list)", a -> {
            List<?> l = list(a, 0);
            return l.isEmpty() ? null : Values.normalize(l.get(0));
        });
        def("last", 1, 1, "last(list)", a -> {
            List<?> l = list(a, 0);
            return l.isEmpty() ? null : Values.normalize(l.get(l.size() - 1));
        });
        def("sum", 1, 1, "sum(list)", a -> {
            Object total = 0L;
            boolean first = true;
            for (Object x : list(a, 0)) {
                x = Values.normalize(x);
                if (!Values.isNumber(x) && !(x instanceof Duration)) {
                    throw new Failure("can only add numbers or durations, not " + Values.describe(x));
                }
                total = first ? x : Ops.add(total, x);
                first = false;
            }
            return total;
        });
        def("min", 1, -1, "min(list) or min(a, b, ...)", a -> extreme(a, -1));
        def("max", 1, -1, "max(list) or max(a, b, ...)", a -> extreme(a, 1));
        def("any", 1, 3, "any(list) or any(list, x, condition)", a -> list(a, 0).stream().anyMatch(Truth::of));
        def("all", 1, 3, "all(list) or all(list, x, condition)", a -> list(a, 0).stream().allMatch(Truth::of));
        def("bytes", 1, 1, "bytes(number)", a -> {
            Object x = a.get(0);
            if (!Values.isNumber(x)) {
                throw expected("a number of bytes", x);
            }
            return ByteSizes.human(((Number) x).doubleValue());
        });
        def("round", 1, 2, "round(number) or round(number, digits)", a -> {
            Object x = a.get(0);
            long digits = a.size() > 1 ? integer(a, 1) : 0;
            if (digits < -15 || digits > 15) {
                throw new Failure("digits must be between -15 and 15, not " + digits);
            }
            if (!Values.isNumber(x)) {
                throw expected("a number", x);
            }
            double d = ((Number) x).doubleValue();
            if (x instanceof Long n && digits >= 0) {
                return n;
            }
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new Failure("can't round " + Values.describe(x));
            }
            BigDecimal rounded = (x instanceof Long n ? BigDecimal.valueOf(n) : BigDecimal.valueOf(d))
                    .setScale((int) digits, RoundingMode.HALF_UP);
            if (digits <= 0) {
                try {
                    return rounded.longValueExact();
                } catch (ArithmeticException e) {
                    throw new Failure("number too large");
                }
            }
            return rounded.doubleValue();
        });
        def("index", 2, 2, "index(list, item)", a -> {
            List<?> l = list(a, 0);
            for (int i = 0; i < l.size(); i++) {
                if (Values.equal(l.get(i), a.get(1))) {
                    return (long) i;
                }
            }
            return null;
        });
        def("median", 1, 1, "median(list of numbers)", a -> {
            List<Double> sorted = new ArrayList<>();
            for (Object x : list(a, 0)) {
                if (!Values.isNumber(x)) {
                    throw expected("a list of numbers", x);
                }
                sorted.add(((Number) x).doubleValue());
            }
            if (sorted.isEmpty()) {
                return null;
            }
            java.util.Collections.sort(sorted);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        });
        def("pairs", 2, 2, "pairs(map of lists, separator)", a -> {
            String sep = string(a, 1);
            List<Object> out = new ArrayList<>();
            for (Map.Entry<?, ?> e : map(a, 0).entrySet()) {
                List<?> items = e.getValue() instanceof List<?> l ? l : e.getValue() == null ? List.of() : List.of(e.getValue());
                for (Object item : items) {
                    out.add(e.getKey() + sep + Values.plain(item));
                }
            }
            Values.checkSize(out.size());
            return out;
        });
        // special forms: evaluated by Node.Call itself
        def("default", 2, 2, "default(value, fallback)", null);
        def("defined", 1, 1, "defined('name')", null);
        def("exists", 3, 3, "exists(list, x, condition)", null);
        def("filter", 3, 3, "filter(list, x, condition)", null);
        def("map", 3, 3, "map(list, x, expression)", null);
        def("count", 3, 3, "count(list, x, condition)", null);
    }

    private Functions() {}

    private static void def(String name, int min, int max, String usage, Impl impl) {
        ALL.put(name, new Fn(name, min, max, usage, impl));
    }

    /** The function of that name, or null. */
    static Fn get(String name) {
        return ALL.get(name);
    }

    /** Every function, by name. */
    static Map<String, Fn> all() {
        return Collections.unmodifiableMap(ALL);
    }

    /** All function names, sorted. */
    static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(ALL.keySet()));
    }

    private static Object extreme(List<Object> a, int sign) {
        List<?> items = a.size() == 1 ? list(a, 0) : a;
        Object best = null;
        for (Object x : items) {
            x = Values.normalize(x);
            if (best == null || Integer.signum(Values.compare(x, best)) == sign) {
                if (x == null) {
                    throw new Failure("can't order null");
                }
                best = x;
            }
        }
        return best;
    }

    private static Map<?, ?> element(Object x) {
        if (x instanceof Map<?, ?> m) {
            return m;
        }
        throw new Failure("expected a list of maps, but an item is " + Values.describe(Values.normalize(x)));
    }

    private static List<?> list(List<Object> a, int i) {
        if (a.get(i) instanceof List<?> l) {
            return l;
        }
        throw argument(i, "a list", a.get(i), null);
    }

    private static Map<?, ?> map(List<Object> a, int i) {
        if (a.get(i) instanceof Map<?, ?> m) {
            return m;
        }
        throw argument(i, "a map", a.get(i), null);
    }

    private static String string(List<Object> a, int i) {
        if (a.get(i) instanceof String s) {
            return s;
        }
        throw argument(i, "a string", a.get(i), a.get(i) == null ? null : "use str(x) to turn a value into a string");
    }

    private static long integer(List<Object> a, int i) {
        if (a.get(i) instanceof Long n) {
            return n;
        }
        throw argument(i, "an integer", a.get(i), null);
    }

    private static Failure argument(int i, String what, Object got, String hint) {
        return new Failure("argument " + (i + 1) + " must be " + what + ", not " + Values.describe(got), hint);
    }

    private static Failure expected(String what, Object got) {
        return expected(what, got, null);
    }

    private static Failure expected(String what, Object got, String hint) {
        return new Failure("expected " + what + ", got " + Values.describe(got), hint);
    }
}
