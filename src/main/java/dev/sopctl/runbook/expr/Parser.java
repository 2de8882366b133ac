package dev.sopctl.runbook.expr;

import dev.sopctl.runbook.expr.Lexer.Kind;
import dev.sopctl.runbook.expr.Lexer.ParseError;
import dev.sopctl.runbook.expr.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recursive descent over the grammar, lowest precedence first:
 *
 * <pre>
 * expr       := 'if' expr 'then' expr 'else' expr | or
 * or         := and ('or' and)*
 * and        := not ('and' not)*
 * not        := 'not' not | comparison
 * comparison := additive (('==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=' | 'in' | 'not' 'in' | '=~') additive)?
 * additive   := multiplicative (('+' | '-') multiplicative)*
 * multiplicative := unary (('*' | '/' | '%') unary)*
 * unary      := '-' unary | postfix
 * postfix    := primary ('.' NAME | '[' or ']')*
 * primary    := INT | DECIMAL | DURATION | STRING | 'true' | 'false' | 'null'
 *             | NAME | FUNCTION '(' (expr (',' expr)*)? ')' | '[' (expr (',' expr)* ','?)? ']'
 *             | '{' ((NAME | STRING) ':' expr (',' (NAME | STRING) ':' expr)* ','?)? '}' | '(' expr ')'
 * </pre>
 *
 * <p>The list forms ({@link ListForm}) take a name as their second argument, bound to each item
 * in the third: {@code exists(out.processes, p, p.user == 'orchard')}.
 */
final class Parser {
    static final int MAX_SOURCE = 10_000;
    static final int MAX_DEPTH = 50;
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "true", "false", "null", "if", "then",
            "else");
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=", "=~");

    private final List<Token> tokens;
    private int at;
    private int depth;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The tree of a whole expression; a {@link ParseError} says what is wrong and where. */
    static Node parse(String source) {
        if (source.length() > MAX_SOURCE) {
            throw new ParseError("expression is longer than " + MAX_SOURCE + " characters", MAX_SOURCE);
        }
        Parser parser = new Parser(Lexer.tokens(source));
        if (parser.peek().kind() == Kind.END) {
            throw new ParseError("empty expression", 0);
        }
        Node root = parser.expr();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw new ParseError("unexpected '" + rest.text() + "'"
                    + (rest.kind() == Kind.NAME || rest.kind() == Kind.STRING ? " (missing operator?)" : ""),
                    rest.start());
        }
        return root;
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.END) {
            at++;
        }
        return t;
    }

    private Token expect(String op, String what) {
        Token t = peek();
        if (!t.is(op)) {
            throw new ParseError("expected " + what + ", found " + shown(t), t.start());
        }
        return next();
    }

    private static String shown(Token t) {
        return t.kind() == Kind.END ? "the end" : "'" + t.text() + "'";
    }

    private void enter(Token t) {
        if (++depth > MAX_DEPTH) {
            throw new ParseError("expression is nested too deeply", t.start());
        }
    }

    private void leave() {
        depth--;
    }

    private Node expr() {
        Token t = peek();
        if (t.kind() != Kind.NAME || !t.is("if")) {
            return or();
        }
        next();
        enter(t);
        Node condition = expr();
        expect("then", "'then' (if CONDITION then A else B)");
        Node then = expr();
        expect("else", "'else' (if CONDITION then A else B)");
        Node otherwise = expr();
        leave();
        return new Node.Cond(condition, then, otherwise, t.start(), otherwise.end());
    }

    private Node or() {
        Node left = and();
        while (peek().is("or")) {
            next();
            Node right = and();
            left = new Node.Logic(false, left, right, left.start(), right.end());
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (peek().is("and")) {
            next();
            Node right = not();
            left = new Node.Logic(true, left, right, left.start(), right.end());
        }
        return left;
    }

    private Node not() {
        Token t = peek();
        if (t.kind() == Kind.NAME && t.is("not")) {
            next();
            enter(t);
            Node operand = not();
            leave();
            return new Node.Not(operand, t.start(), operand.end());
        }
        return comparison();
    }

    private Node comparison() {
        Node left = additive();
        String op = comparisonOperator();
        if (op == null) {
            return left;
        }
        Token opToken = tokens.get(at - 1);
        Node right = additive();
        if (comparisonOperator() != null) {
            throw new ParseError("comparisons can't be chained; join them with 'and'", tokens.get(at - 1).start());
        }
        if (op.equals("=~")) {
            Pattern literal = null;
            if (right instanceof Node.Literal lit && lit.value() instanceof String regex) {
                literal = compile(regex, right.start());
            }
            return new Node.Match(left, right, literal, left.start(), right.end());
        }
        if (right instanceof Node.Literal lit && lit.value() == null && !op.equals("==") && !op.equals("!=")) {
            throw new ParseError("'" + op + "' can't compare with null", opToken.start());
        }
        return new Node.Binary(op, left, right, left.start(), right.end());
    }

    private String comparisonOperator() {
        Token t = peek();
        if (t.kind() == Kind.OP && COMPARISONS.contains(t.text())) {
            next();
            return t.text();
        }
        if (t.kind() == Kind.NAME && t.is("in")) {
            next();
            return "in";
        }
        if (t.kind() == Kind.NAME && t.is("not") && peek(1).kind() == Kind.NAME && peek(1).is("in")) {
            next();
            next();
            return "not in";
        }
        return null;
    }

    private Node additive() {
        Node left = multiplicative();
        while (peek().kind() == Kind.OP && (peek().is("+") || peek().is("-"))) {
            String op = next().text();
            Node right = multiplicative();
            left = new Node.Binary(op, left, right, left.start(), right.end());
        }
        return left;
    }

    private Node multiplicative() {
        Node left = unary();
        while (peek().kind() == Kind.OP && (peek().is("*") || peek().is("/") || peek().is("%"))) {
            String op = next().text();
            Node right = unary();
            left = new Node.Binary(op, left, right, left.start(), right.end());
        }
        return left;
    }

    private Node unary() {
        Token t = peek();
        if (t.kind() == Kind.OP && t.is("-")) {
            next();
            enter(t);
            Node operand = unary();
            leave();
            return new Node.Negate(operand, t.start(), operand.end());
        }
        return postfix();
    }

    private Node postfix() {
        Node node = primary();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.OP && t.is(".")) {
                next();
                Token name = peek();
                if (name.kind() != Kind.NAME) {
                    throw new ParseError("expected a name after '.', found " + shown(name), name.start());
                }
                next();
                node = new Node.Attr(node, name.text(), node.start(), name.end());
            } else if (t.kind() == Kind.OP && t.is("[")) {
                next();
                enter(t);
                Node index = expr();
                leave();
                Token close = expect("]", "']'");
                node = new Node.Index(node, index, node.start(), close.end());
            } else if (t.kind() == Kind.OP && t.is("(")) {
                throw new ParseError("only functions can be called, like len(x)", t.start());
            } else {
                return node;
            }
        }
    }

    private Node primary() {
        Token t = next();
        switch (t.kind()) {
            case INT, DECIMAL, DURATION, STRING -> {
                return new Node.Literal(t.value(), t.start(), t.end());
            }
            case NAME -> {
                return name(t);
            }
            case END -> throw new ParseError("expected a value, but the expression ends", t.start());
            default -> {
                // an operator
            }
        }
        if (t.is("(")) {
            enter(t);
            Node inner = expr();
            leave();
            expect(")", "')'");
            return inner;
        }
        if (t.is("[")) {
            enter(t);
            List<Node> items = new ArrayList<>();
            while (!peek().is("]")) {
                items.add(expr());
                if (!peek().is(",")) {
                    break;
                }
                next();
            }
            leave();
            Token close = expect("]", "',' or ']'");
            return new Node.ListOf(List.copyOf(items), t.start(), close.end());
        }
        if (t.is("{")) {
            return mapOf(t);
        }
        throw new ParseError("expected a value, found '" + t.text() + "'", t.start());
    }

    private Node mapOf(Token open) {
        enter(open);
        List<String> keys = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        while (!peek().is("}")) {
            Token key = next();
            if (key.kind() != Kind.NAME && key.kind() != Kind.STRING) {
                throw new ParseError("expected a map key (a name or a string), found " + shown(key), key.start());
            }
            String k = key.kind() == Kind.NAME ? key.text() : (String) key.value();
            if (keys.contains(k)) {
                throw new ParseError("duplicate map key '" + k + "'", key.start());
            }
            expect(":", "':' after the map key");
            keys.add(k);
            values.add(expr());
            if (!peek().is(",")) {
                break;
            }
            next();
        }
        leave();
        Token close = expect("}", "',' or '}'");
        return new Node.MapOf(List.copyOf(keys), List.copyOf(values), open.start(), close.end());
    }

    private Node name(Token t) {
        switch (t.text()) {
            case "true":
                return new Node.Literal(true, t.start(), t.end());
            case "false":
                return new Node.Literal(false, t.start(), t.end());
            case "null":
                return new Node.Literal(null, t.start(), t.end());
            default:
                break;
        }
        if (t.text().equals("if")) {
            throw new ParseError("a conditional inside an expression needs parentheses: (if C then A else B)",
                    t.start());
        }
        if (KEYWORDS.contains(t.text())) {
            throw new ParseError("expected a value, found '" + t.text() + "'", t.start());
        }
        if (!peek().is("(")) {
            return new Node.Var(t.text(), t.start(), t.end());
        }
        Functions.Fn fn = Functions.get(t.text());
        if (fn == null) {
            String guess = Suggest.closest(t.text(), Functions.names());
            throw new ParseError("unknown function '" + t.text() + "'"
                    + (guess != null ? " (did you mean '" + guess + "'?)" : ""), t.start(),
                    "functions: " + String.join(", ", Functions.names()));
        }
        Token open = next();
        enter(open);
        List<Node> args = new ArrayList<>();
        while (!peek().is(")")) {
            args.add(expr());
            if (!peek().is(",")) {
                break;
            }
            next();
        }
        leave();
        Token close = expect(")", "',' or ')'");
        if (ListForm.named(fn.name()).isPresent() && args.size() == 2) {
            throw new ParseError(fn.name() + "() takes a list, a name for each item and an expression, like "
                    + fn.name() + "(list, x, x > 0) (" + fn.usage() + ")", t.start());
        }
        if (args.size() < fn.min() || (fn.max() >= 0 && args.size() > fn.max())) {
            throw new ParseError(fn.name() + "() takes " + arity(fn) + ", not " + args.size()
                    + " (" + fn.usage() + ")", t.start());
        }
        if (ListForm.named(fn.name()).isPresent() && args.size() == 3) {
            if (!(args.get(1) instanceof Node.Var item)) {
                throw new ParseError(fn.name() + "() needs a name for each item as argument 2, like "
                        + fn.name() + "(list, x, ...)", args.get(1).start());
            }
            return new Node.Each(ListForm.named(fn.name()).orElseThrow(), args.get(0), item.name(), args.get(2),
                    t.start(), close.end());
        }
        check(fn, args);
        return new Node.Call(fn.name(), List.copyOf(args), t.start(), close.end());
    }

    private static String arity(Functions.Fn fn) {
        String n = fn.min() == fn.max() ? String.valueOf(fn.min())
                : fn.max() < 0 ? "at least " + fn.min() : fn.min() + " to " + fn.max();
        return n + (fn.min() == 1 && fn.max() == 1 ? " argument" : " arguments");
    }

    /** What can be checked before running: defined()'s argument, literal regular expressions. */
    private static void check(Functions.Fn fn, List<Node> args) {
        if (fn.name().equals("defined")) {
            Node arg = args.get(0);
            boolean ok = arg instanceof Node.Var
                    || (arg instanceof Node.Literal lit && lit.value() instanceof String);
            if (!ok) {
                throw new ParseError("defined() takes a variable name, like defined('node') or defined(node)",
                        arg.start());
            }
        }
        if (fn.name().equals("matches") && args.get(1) instanceof Node.Literal lit
                && lit.value() instanceof String regex) {
            compile(regex, args.get(1).start());
        }
    }

    private static Pattern compile(String regex, int offset) {
        try {
            return Regexes.compile(regex);
        } catch (Failure f) {
            throw new ParseError(f.getMessage(), offset);
        }
    }
}
