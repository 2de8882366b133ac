package dev.sopctl.runbook.expr;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.yaml.Location;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed runbook expression ({@code when}, {@code assert}, {@code until}, {@code capture}).
 * Immutable and thread-safe; parse once when the runbook loads, evaluate as often as needed.
 *
 * <pre>{@code
 * Expression e = Expression.parse("host.zone.storage == 'shared' and len(vms) > 0", location);
 * if (e.test(Scope.of(Map.of("host", host, "vms", vms)))) { ... }
 * }</pre>
 *
 * <p>The language has literals, variables, operators and a fixed set of functions; no
 * assignment, loops, reflection or access to Java. Evaluation is bounded: strings and lists it
 * builds are limited to 1,000,000 characters or items, and regular expressions to 1,000
 * characters and a fixed amount of backtracking.
 */
public final class Expression {
    private final String source;
    private final Location location;
    private final Node root;
    private final Set<String> free;
    private final Set<String> required;

    private Expression(String source, Location location, Node root) {
        this.source = source;
        this.location = location;
        this.root = root;
        Set<String> f = new LinkedHashSet<>();
        Set<String> r = new LinkedHashSet<>();
        root.names(f, r, false);
        this.free = Collections.unmodifiableSet(f);
        this.required = Collections.unmodifiableSet(r);
    }

    /**
     * Parses an expression.
     *
     * @param at where the expression is written, for messages
     * @throws SopctlException with {@link ExitCode#INVALID_INPUT}:
     *     {@code "<at>: invalid expression '<source>': <what> at column N"}
     */
    public static Expression parse(String source, Location at) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        try {
            return new Expression(source, at, Parser.parse(source));
        } catch (Lexer.ParseError e) {
            throw new SopctlException(ExitCode.INVALID_INPUT, at + ": invalid expression '" + source + "': "
                    + e.getMessage() + " at column " + (e.offset + 1) + (e.more != null ? " (" + e.more + ")" : ""));
        }
    }

    /** Parses an expression found inside a template; errors name the template and its column. */
    static Expression parseInTemplate(String source, int offset, String template, Location at) {
        try {
            return new Expression(source, at, Parser.parse(source));
        } catch (Lexer.ParseError e) {
            throw new SopctlException(ExitCode.INVALID_INPUT, at + ": invalid expression '" + source
                    + "' in template '" + template + "': " + e.getMessage() + " at column "
                    + (offset + e.offset + 1) + (e.more != null ? " (" + e.more + ")" : ""));
        }
    }

    /**
     * The value: a {@code String}, {@code Long}, {@code Double}, {@code Boolean},
     * {@code Duration}, {@code List}, {@code Map} or null.
     *
     * @throws UndefinedVariableException for a top-level name the scope lacks
     * @throws EvaluationException for any other failure (exit code CRITICAL)
     */
    public Object evaluate(Scope scope) {
        return evaluate(scope, new Eval.Budget());
    }

    /** {@link #evaluate(Scope)} within a budget of items visited and time. */
    Object evaluate(Scope scope, Eval.Budget budget) {
        Objects.requireNonNull(scope, "scope");
        try {
            return root.eval(Eval.of(scope, source, budget));
        } catch (Failure f) {
            throw new EvaluationException(location + ": " + f.getMessage() + " in '" + source + "'", f.hint());
        } catch (Failure.Undefined u) {
            Set<String> names = scope.names();
            String guess = Suggest.closest(u.name, names);
            String hint = names.isEmpty() ? null : "defined names: " + shortList(names);
            throw new UndefinedVariableException(u.name, location + ": undefined variable '" + u.name + "' in '"
                    + source + "'" + (guess != null ? "; did you mean '" + guess + "'?" : ""), hint);
        } catch (StackOverflowError e) {
            throw new EvaluationException(location + ": a value is nested too deeply in '" + source + "'");
        }
    }

    private static String shortList(Set<String> names) {
        Set<String> sorted = new TreeSet<>(names);
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (String name : sorted) {
            if (n++ == 30) {
                return out.append(", ...").toString();
            }
            out.append(n > 1 ? ", " : "").append(name);
        }
        return out.toString();
    }

    /** The truthiness of the value (see {@link Truth}). */
    public boolean test(Scope scope) {
        return Truth.of(evaluate(scope));
    }

    /**
     * The top-level variable names the expression reads, in order of appearance, excluding
     * function names: {@code host.vars.x + len(vms)} reads {@code host} and {@code vms}. Includes
     * names only checked by {@code defined(...)} or guarded by {@code default(...)}.
     */
    public Set<String> freeVariables() {
        return free;
    }

    /**
     * The free variables that must be defined, i.e. without those appearing only in
     * {@code defined(...)} or as the first argument of {@code default(...)}: a plan can check
     * these before running anything.
     */
    public Set<String> requiredVariables() {
        return required;
    }

    public String source() {
        return source;
    }

    public Location location() {
        return location;
    }

    @Override
    public String toString() {
        return source;
    }
}
