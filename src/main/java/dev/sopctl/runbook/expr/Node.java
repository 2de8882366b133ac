package dev.sopctl.runbook.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The syntax tree; each node evaluates itself. Offsets are into the expression source. */
sealed interface Node {
    int start();

    int end();

    Object eval(Eval ctx);

    /**
     * Adds the top-level names this node reads to {@code free}, and to {@code required} unless
     * {@code guarded} (inside {@code default()} or {@code defined()}).
     */
    void names(Set<String> free, Set<String> required, boolean guarded);

    record Literal(Object value, int start, int end) implements Node {
        @Override
        public Object eval(Eval ctx) {
            return value;
        }

        @Override
        public void names(Set<String> free, Set<String> required, boolean guarded) {}
    }

    record Var(String name, int start, int end) implements Node {
        @Override
        public Object eval(Eval ctx) {
            if (!ctx.scope().has(name)) {
                if (ctx.lenient()) {
                    return null;
                }
                throw new Failure.Undefined(name);
            }
            Object value = ctx.scope().get(name);
            if (value instanceof NamedExpression named) {
                try {
                    return named.expression().evaluate(ctx.root());
                } catch (UndefinedVariableException e) {
                    if (ctx.lenient()) {
                        return null; // default(var, x) where the var reads a capture this host lacks
                    }
                    throw e; // "not known yet" to a plan, like a name read directly
                } catch (EvaluationException e) {
                    throw new Failure("var '" + name + "' failed: " + e.getMessage(), e.hint());
                }
            }
            return Values.normalize(value);
        }

        @Override
        public void names(Set<String> free, Set<String> required, boolean guarded) {
            free.add(name);
            if (!guarded) {
                required.add(name);
            }
        }
    }

    record ListOf(List<Node> items, int start, int end) implements Node {
        @Override
        public Object eval(Eval ctx) {
            List<Object> out = new ArrayList<>(items.size());
            for (Node item : items) {
                out.add(item.eval(ctx));
            }
            return out;
        }

        @Override
        public void names(Set<String> free, Set<String> required, boolean guarded) {
            items.forEach(i -> i.names(free, required, guarded));
        }
    }

    /** {@code {key: value, 'other key': value}}: keys in the order written. */
    record MapOf(List<String> keys, List<Node> values, int start, int end) implements Node {
        @Override
        public Object eval(Eval ctx) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                out.put(keys.get(i), values.get(i).eval(ctx));
            }
            return out;
        }

        @Override
        public void names(Set<String> free, Set<String> required, boolean guarded) {
            values.forEach(v -> v.names(free, required, guarded));
        }
    }

    /** {@code if condition then a else b}: only the branch taken is evaluated. */
    record Cond(Node condition, Node then, Node otherwise, int start, int end) implements Node {
        @Override
        public Object eval(Eval ctx) {
            return Truth.of(condition.eval(ctx)) ? then.eval(ctx) : otherwise.eval(ctx);
        }

        @Override
        public void names(Set<String> free, Set<String> required, boolean guarded) {
            condition.names(free, required, guarded);
            then.names(free, required, guarded);
            otherwise.names(free, required, guarded);
        }
    }

    /**
     * A predicate or transform over a list with a bound name: {@code exists(list, x, body)},
     * {@code all}, {@code any}, {@code filter}, {@code map}, {@code count}. The body sees each item
     * as {@code x}; every item visited counts against the evaluation's budget.
     */
    record Each(ListForm form, Node list, String var, Node body, int start, int end) implements Node {
        @Override
        public Object eval(Eval ctx) {
            Object l = list.eval(ctx);
            if (!(l instanceof List<?> items)) {
                throw new Failure(form.function() + "(): argument 1 must be a list, not " + Values.describe(l)
                        + " (in '" + ctx.text(list) + "')", l instanceof Map<?, ?>
                        ? "use keys(m) or values(m) to go over a map" : l == null
                        ? "use default(" + ctx.text(list) + ", []) where it may be absent" : null);
            }
            List<Object> out = new ArrayList<>();
            long count = 0;
            for (Object raw : items) {
                ctx.budget().step();
                Object item = Values.normalize(raw);
                Object value = body.eval(ctx.binding(var, item));
                boolean yes = form != ListForm.MAP && Truth.of(value);
                switch (form) {
                    case EXISTS, ANY -> {
                        if (yes) {
                            return true;
                        }
                    }
                    case ALL -> {
                        if (!yes) {
                            return false;
                        }
                    }
                    case FILTER -> {
                        if (yes) {
                            out.add(item);
                        }
                    }
                    case MAP -> out.add(value);
                    case COUNT -> count += yes ? 1 : 0;
                }
            }
            return switch (form) {
                case EXISTS, ANY -> false;
                case ALL -> true;
                case COUNT -> count;
                case FILTER, MAP -> out;
            };
        }

        @Override
        public void names(Set<String> free, Set<String> required, boolean guarded) {
            list.names(free, required, guarded);
            Set<String> bodyFree = new LinkedHashSet<>();
            Set<String> bodyRequired = new LinkedHashSet<>();
            body.names(bodyFree, bodyRequired, guarded);
            bodyFree.remove(var);
            bodyRequired.remove(var);
            free.addAll(bodyFree);
            required.addAll(bodyRequired);
        }
    }

    /** {@code target.name}: a map's key, null when absent. */
    record Attr(Node target, String name, int start, int end) implements Node {
        @Override
        public Object eval(Eval ctx) {
            Object t = target.eval(ctx);
            if (t == null) {
                if (ctx.lenient()) {
                    return null;
                }
                throw nullTarget(ctx, target, this);
            }
            if (t instanceof Map<?, ?> map) {
                return Values.normalize(map.get(name));
            }
            throw new Failure("'" + ctx.text(target) + "' is " + Values.describe(t)
                    + ", not a map, so it has no '." + name + "'");
        }

        @Override
        public void names(Set<String> free, Set<String> required, boolean guarded) {
            target.names(free, required, guarded);
        }
    }

    /** {@code target[index]}: a list item (negative counts from the end), a map key, a character. */
    record Index(Node target, Node index, int start, int end) implements Node {
        @Override
        public Object eval(Eval ctx) {
            Object t = target.eval(ctx);
            if (t == null) {
                if (ctx.lenient()) {
                    return null;
                }
                throw nullTarget(ctx, target, this);
            }
            Object i = index.eval(ctx);
            if (t instanceof Map<?, ?> map) {
                if (!(i instanceof String key)) {
                    throw new Failure("a map key must be a string, not " + Values.describe(i)
                            + " (in '" + ctx.text(this) + "')");
                }
                return Values.normalize(map.get(key));
            }
            if (t instanceof List<?> list) {
                int at = position(ctx, i, list.size());
                return at < 0 ? null : Values.normalize(list.get(at));
            }
            if (t instanceof String s) {
                int count = s.codePointCount(0, s.length());
                int at = position(ctx, i, count);
                if (at < 0) {
                    return null;
                }
                int from = s.offsetByCodePoints(0, at);
                return s.substring(from, s.offsetByCodePoints(from, 1));
            }
            throw new Failure("'" + ctx.text(target) + "' is " + Values.describe(t)
                    + "; only lists, maps and strings can be indexed");
        }

        private int position(Eval ctx, Object i, int size) {
            if (!(i instanceof Long n)) {
                throw new Failure("an index must be an integer, not " + Values.describe(i)
                        + " (in '" + ctx.text(this) + "')");
            }
            long at = n < 0 ? size + n : n;
            if (at < 0 || at >= size) {
                if (ctx.lenient()) {
                    return -1;
                }
                throw new Failure("index " + n + " is out of range: '" + ctx.text(target) + "' has "
                        + size + (size == 1 ? " item" : " items"));
            }
            return (int) at;
        }

        @Override
        public void names(Set<String> free, Set<String> required, boolean guarded) {
            target.names(free, required, guarded);
            index.names(free, required, guarded);
        }
    }

    private static Failure nullTarget(Eval ctx, Node target, Node whole) {
        return new Failure("'" + ctx.text(target) + "' is null",
                "use default(" + ctx.text(whole) + ", ...) where it may be absent");
    }

    record Negate(Node operand, int start, int end) implements Node {
        @Override
        public Object eval(Eval ctx) {
            return Ops.negate(operand.eval(ctx));
        }

        @Override
        public void names(Set<String> free, Set<String> required, boolean guarded) {
            operand.names(free, required, guarded);
        }
    }

    record Not(Node operand, int start, int end) implements Node {
        @Override
        public Object eval(Eval ctx) {
            return !Truth.of(operand.eval(ctx));
        }

        @Override
        public void names(Set<String> free, Set<String> required, boolean guarded) {
            operand.names(free, required, guarded);
        }
    }

    /** {@code and} / {@code or}, short-circuit, always a boolean. */
    record Logic(boolean and, Node left, Node right, int start, int end) implements Node {
        @Override
        public Object eval(Eval ctx) {
            boolean l = Truth.of(left.eval(ctx));
            if (and ? !l : l) {
                return l;
            }
            return Truth.of(right.eval(ctx));
        }

        @Override
        public void names(Set<String> free, Set<String> required, boolean guarded) {
            left.names(free, required, guarded);
            right.names(free, required, guarded);
        }
    }

    /** Arithmetic, comparison and membership operators. */
    record Binary(String op, Node left, Node right, int start, int end) implements Node {
        @Override
        public Object eval(Eval ctx) {
            Object l = left.eval(ctx);
            Object r = right.eval(ctx);
            return Ops.binary(op, l, r);
        }

        @Override
        public void names(Set<String> free, Set<String> required, boolean guarded) {
            left.names(free, required, guarded);
            right.names(free, required, guarded);
        }
    }

    /** {@code text =~ regex}: whether the regex is found in the text. */
    record Match(Node left, Node right, Pattern literal, int start, int end) implements Node {
        @Override
        public Object eval(Eval ctx) {
            Object text = left.eval(ctx);
            Object regex = right.eval(ctx);
            if (!(text instanceof String s)) {
                throw new Failure("'=~' needs a string on the left, not " + Values.describe(text));
            }
            if (!(regex instanceof String r)) {
                throw new Failure("'=~' needs a regular expression string on the right, not "
                        + Values.describe(regex));
            }
            return Regexes.find(literal != null ? literal : Regexes.compile(r), s);
        }

        @Override
        public void names(Set<String> free, Set<String> required, boolean guarded) {
            left.names(free, required, guarded);
            right.names(free, required, guarded);
        }
    }

    /** A call of one of {@link Functions}; {@code default} and {@code defined} see their arguments unevaluated. */
    record Call(String name, List<Node> args, int start, int end) implements Node {
        @Override
        public Object eval(Eval ctx) {
            if (name.equals("default")) {
                Object value = args.get(0).eval(ctx.asLenient());
                return value != null ? value : args.get(1).eval(ctx);
            }
            if (name.equals("defined")) {
                Node arg = args.get(0);
                String variable = arg instanceof Var v ? v.name() : (String) ((Literal) arg).value();
                return ctx.scope().has(variable);
            }
            List<Object> values = new ArrayList<>(args.size());
            for (Node arg : args) {
                values.add(arg.eval(ctx));
            }
            try {
                return Functions.get(name).apply(values);
            } catch (Failure f) {
                throw new Failure(name + "(): " + f.getMessage(), f.hint());
            }
        }

        @Override
        public void names(Set<String> free, Set<String> required, boolean guarded) {
            if (name.equals("defined")) {
                Node arg = args.get(0);
                free.add(arg instanceof Var v ? v.name() : (String) ((Literal) arg).value());
                return;
            }
            for (int i = 0; i < args.size(); i++) {
                args.get(i).names(free, required, guarded || (i == 0 && name.equals("default")));
            }
        }
    }
}
