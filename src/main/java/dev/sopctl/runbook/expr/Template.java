package dev.sopctl.runbook.expr;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.yaml.Location;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Text with {@code {{ expr }}} substitutions: a step's command or message. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * Template t = Template.parse("xl shutdown -w {{ host.vars.mastervm }}", location);
 * String command = t.render(scope, Quoting.SHELL);   // xl shutdown -w mastervm01
 * }</pre>
 *
 * <p>The text outside {@code {{ }}} is written as is. A {@code }}} inside a string literal of
 * the expression does not end it; a literal {@code {{} in the text is written {@code {{ '{{' }}}.
 *
 * <p>With {@link Quoting#SHELL} each value becomes shell words ({@link ShellQuote}): a list one
 * quoted word per item, null an error. A substitution must then stand where the shell reads plain
 * words: not inside quotes, backticks, {@code ${...}}, a comment or after a here-document, where
 * quoting cannot protect it; {@link #requireShellSafe()} checks that when the runbook loads.
 */
public final class Template {
    private final String source;
    private final Location location;
    private final List<Object> parts;
    private final List<Expression> expressions;

    /** One {@code {{ expr }}}: its expression, column, and why it can't be shell-quoted (or null). */
    private record Substitution(Expression expression, int column, String text, String unsafe) {}

    private Template(String source, Location location, List<Object> parts) {
        this.source = source;
        this.location = location;
        this.parts = List.copyOf(parts);
        List<Expression> exprs = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Substitution s) {
                exprs.add(s.expression());
            }
        }
        this.expressions = List.copyOf(exprs);
    }

    /**
     * Parses a template.
     *
     * @throws SopctlException with {@link ExitCode#INVALID_INPUT} for an unterminated or empty
     *     {@code {{} or an invalid expression, naming the location and the column
     */
    public static Template parse(String text, Location at) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
        List<Object> parts = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = text.indexOf("{{", from);
            if (open < 0) {
                if (from < text.length()) {
                    parts.add(text.substring(from));
                }
                break;
            }
            if (open > from) {
                parts.add(text.substring(from, open));
            }
            int close = closing(text, open + 2);
            if (close < 0) {
                throw invalid(at, text, "unterminated '{{' at column " + (open + 1));
            }
            String inner = text.substring(open + 2, close);
            String expr = inner.strip();
            if (expr.isEmpty()) {
                throw invalid(at, text, "empty '{{ }}' at column " + (open + 1));
            }
            int offset = open + 2 + inner.indexOf(expr);
            Expression e = Expression.parseInTemplate(expr, offset, text, at);
            parts.add(new Substitution(e, open + 1, text.substring(open, close + 2), null));
            from = close + 2;
        }
        return new Template(text, at, markUnsafe(parts));
    }

    private static SopctlException invalid(Location at, String text, String what) {
        return new SopctlException(ExitCode.INVALID_INPUT, at + ": invalid template '" + text + "': " + what);
    }

    /**
     * Index of the {@code }}} closing a substitution, skipping string literals and the braces of
     * map literals; -1 if none.
     */
    private static int closing(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != c) {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= text.length()) {
                    return -1;
                }
                i = j;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    private enum Ctx { CODE, SUBSHELL, PAREN, SINGLE, DOUBLE, ANSI, BACKTICK, BRACE, COMMENT }

    /**
     * Follows the shell's quoting through the literal text (a conservative approximation of POSIX
     * sh) and marks each substitution that does not stand in plain-word context.
     */
    private static List<Object> markUnsafe(List<Object> parts) {
        Deque<Ctx> stack = new ArrayDeque<>();
        stack.push(Ctx.CODE);
        boolean heredoc = false;
        boolean wordStart = true;
        List<Object> out = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Substitution s) {
                String unsafe = heredoc ? "after a here-document (<<)"
                        : stack.contains(Ctx.BACKTICK) ? "inside backticks"
                        : switch (stack.peek()) {
                            case SINGLE -> "inside single quotes";
                            case DOUBLE -> "inside double quotes";
                            case ANSI -> "inside $'...'";
                            case BRACE -> "inside ${...}";
                            case COMMENT -> "in a comment";
                            default -> null;
                        };
                out.add(new Substitution(s.expression(), s.column(), s.text(), unsafe));
                wordStart = false;
                continue;
            }
            String t = (String) part;
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                char n = i + 1 < t.length() ? t.charAt(i + 1) : '\0';
                Ctx top = stack.peek();
                switch (top) {
                    case CODE, SUBSHELL, PAREN, BRACE -> {
                        if (c == '\\') {
                            i++;
                        } else if (c == '\'') {
                            stack.push(Ctx.SINGLE);
                        } else if (c == '"') {
                            stack.push(Ctx.DOUBLE);
                        } else if (c == '`') {
                            stack.push(Ctx.BACKTICK);
                        } else if (c == '$' && n == '\'') {
                            stack.push(Ctx.ANSI);
                            i++;
                        } else if (c == '$' && n == '{') {
                            stack.push(Ctx.BRACE);
                            i++;
                        } else if (c == '$' && n == '(') {
                            stack.push(Ctx.SUBSHELL);
                            i++;
                        } else if (top == Ctx.BRACE && c == '}') {
                            stack.pop();
                        } else if (top != Ctx.BRACE && c == '(') {
                            stack.push(Ctx.PAREN);
                        } else if (c == ')' && (top == Ctx.SUBSHELL || top == Ctx.PAREN)) {
                            stack.pop();
                        } else if (c == '#' && wordStart && top != Ctx.BRACE) {
                            stack.push(Ctx.COMMENT);
                        } else if (c == '<' && n == '<') {
                            if (i + 2 < t.length() && t.charAt(i + 2) == '<') {
                                i += 2; // a here-string is a plain word
                            } else {
                                heredoc = true;
                                i++;
                            }
                        }
                    }
                    case SINGLE -> {
                        if (c == '\'') {
                            stack.pop();
                        }
                    }
                    case ANSI -> {
                        if (c == '\\') {
                            i++;
                        } else if (c == '\'') {
                            stack.pop();
                        }
                    }
                    case DOUBLE -> {
                        if (c == '\\') {
                            i++;
                        } else if (c == '"') {
                            stack.pop();
                        } else if (c == '`') {
                            stack.push(Ctx.BACKTICK);
                        } else if (c == '$' && n == '(') {
                            stack.push(Ctx.SUBSHELL);
                            i++;
                        } else if (c == '$' && n == '{') {
                            stack.push(Ctx.BRACE);
                            i++;
                        }
                    }
                    case BACKTICK -> {
                        if (c == '\\') {
                            i++;
                        } else if (c == '`') {
                            stack.pop();
                        }
                    }
                    case COMMENT -> {
                        if (c == '\n') {
                            stack.pop();
                        }
                    }
                }
                wordStart = Character.isWhitespace(c) || ";&|()<>".indexOf(c) >= 0;
            }
            out.add(part);
        }
        return out;
    }

    /**
     * Checks that every substitution stands where shell quoting protects it.
     *
     * @throws SopctlException with {@link ExitCode#INVALID_INPUT} naming the first that does not
     */
    public void requireShellSafe() {
        for (Object part : parts) {
            if (part instanceof Substitution s && s.unsafe() != null) {
                throw new SopctlException(ExitCode.INVALID_INPUT, location + ": in template '" + source + "', "
                        + s.text() + " at column " + s.column() + " is " + s.unsafe()
                        + ", where shell quoting can't protect its value",
                        "write it as a plain word, outside quotes: its value is quoted for you"
                                + " (echo {{ x }}, not echo \"{{ x }}\"); or mark the step as not shell-quoted");
            }
        }
    }

    /**
     * The text with every substitution evaluated and written according to {@code quoting}.
     *
     * @throws SopctlException with {@link ExitCode#INVALID_INPUT} when shell-quoting a template
     *     that fails {@link #requireShellSafe()}
     * @throws UndefinedVariableException for a name the scope lacks
     * @throws EvaluationException when evaluation fails or a shell-quoted value is null, a map,
     *     or contains NUL
     */
    public String render(Scope scope, Quoting quoting) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(quoting, "quoting");
        if (quoting == Quoting.SHELL) {
            requireShellSafe();
        }
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Substitution s) {
                Object value = s.expression().evaluate(scope);
                try {
                    out.append(quoting == Quoting.SHELL ? words(value, s) : Values.plain(value));
                    Values.checkLength(out.length());
                } catch (Failure f) {
                    throw new EvaluationException(location + ": " + f.getMessage() + " in template '" + source + "'",
                            f.hint());
                }
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    private static String words(Object value, Substitution s) {
        String expr = s.expression().source();
        if (value == null) {
            throw new Failure("'" + expr + "' is null",
                    "use default(" + expr + ", ...) if it may be absent");
        }
        if (value instanceof Map<?, ?>) {
            throw new Failure("'" + expr + "' is a map; substitute one of its values, like " + expr + ".name");
        }
        if (!(value instanceof List<?> list)) {
            return word(Values.plain(value), expr);
        }
        StringBuilder out = new StringBuilder();
        for (Object item : list) {
            item = Values.normalize(item);
            if (item == null) {
                throw new Failure("an item of '" + expr + "' is null");
            }
            if (item instanceof List<?> || item instanceof Map<?, ?>) {
                throw new Failure("an item of '" + expr + "' is " + Values.typeName(item)
                        + "; only strings, numbers, booleans and durations become shell words");
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(word(Values.plain(item), expr));
            Values.checkLength(out.length());
        }
        return out.toString();
    }

    private static String word(String text, String expr) {
        if (text.indexOf('\0') >= 0) {
            throw new Failure("the value of '" + expr + "' contains a NUL character,"
                    + " which cannot be passed in a command line");
        }
        return ShellQuote.quote(text);
    }

    /** The top-level names read by all substitutions (see {@link Expression#freeVariables()}). */
    public Set<String> freeVariables() {
        Set<String> all = new LinkedHashSet<>();
        expressions.forEach(e -> all.addAll(e.freeVariables()));
        return Collections.unmodifiableSet(all);
    }

    /** The names that must be defined (see {@link Expression#requiredVariables()}). */
    public Set<String> requiredVariables() {
        Set<String> all = new LinkedHashSet<>();
        expressions.forEach(e -> all.addAll(e.requiredVariables()));
        return Collections.unmodifiableSet(all);
    }

    /** The expressions of the substitutions, in order. */
    public List<Expression> expressions() {
        return expressions;
    }

    /** True when the text has no substitution, so rendering always gives {@link #source()}. */
    public boolean isConstant() {
        return expressions.isEmpty();
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
