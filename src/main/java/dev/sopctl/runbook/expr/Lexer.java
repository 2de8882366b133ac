package dev.sopctl.runbook.expr;

import dev.sopctl.yaml.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits an expression into tokens; offsets are 0-based into the source. */
final class Lexer {
    enum Kind { INT, DECIMAL, DURATION, STRING, NAME, OP, END }

    record Token(Kind kind, String text, Object value, int start, int end) {
        boolean is(String op) {
            return (kind == Kind.OP || kind == Kind.NAME) && text.equals(op);
        }
    }

    /** A syntax error at an offset of the source. */
    static final class ParseError extends RuntimeException {
        final int offset;
        /** More to say after the location, or null. */
        final String more;

        ParseError(String what, int offset) {
            this(what, offset, null);
        }

        ParseError(String what, int offset, String more) {
            super(what, null, false, false);
            this.offset = offset;
            this.more = more;
        }
    }

    private static final Pattern DURATION = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+(?![A-Za-z0-9_])");
    private static final Set<String> TWO_CHAR_OPS = Set.of("==", "!=", "<=", ">=", "=~");
    private static final String ONE_CHAR_OPS = "<>+-*/%()[],.{}:";

    private final String src;
    private int pos;

    private Lexer(String src) {
        this.src = src;
    }

    static List<Token> tokens(String src) {
        Lexer lexer = new Lexer(src);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            out.add(t);
        } while (t.kind() != Kind.END);
        return out;
    }

    private Token next() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= src.length()) {
            return new Token(Kind.END, "", null, start, start);
        }
        char c = src.charAt(pos);
        if (c >= '0' && c <= '9') {
            return number(start);
        }
        if (c == '\'' || c == '"') {
            return string(start, c);
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Kind.NAME, src.substring(start, pos), null, start, pos);
        }
        if (pos + 1 < src.length() && TWO_CHAR_OPS.contains(src.substring(pos, pos + 2))) {
            pos += 2;
            return new Token(Kind.OP, src.substring(start, pos), null, start, pos);
        }
        if (ONE_CHAR_OPS.indexOf(c) >= 0) {
            pos++;
            return new Token(Kind.OP, String.valueOf(c), null, start, pos);
        }
        throw new ParseError(switch (c) {
            case '=' -> "unexpected '=' (compare with '==')";
            case '!' -> "unexpected '!' (write 'not')";
            case '&' -> "unexpected '&' (write 'and')";
            case '|' -> "unexpected '|' (write 'or')";
            case '?' -> "unexpected '?' (a conditional is written: if CONDITION then A else B)";
            default -> "unexpected character '" + c + "'";
        }, start);
    }

    private Token number(int start) {
        Matcher duration = DURATION.matcher(src).region(start, src.length());
        if (duration.lookingAt()) {
            pos = duration.end();
            String text = src.substring(start, pos);
            try {
                return new Token(Kind.DURATION, text, Durations.parse(text), start, pos);
            } catch (RuntimeException e) {
                throw new ParseError("duration '" + text + "' is too large", start);
            }
        }
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            pos++;
        }
        boolean decimal = false;
        if (pos + 1 < src.length() && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
            decimal = true;
            pos++;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
            throw new ParseError("invalid number '" + src.substring(start, pos + 1)
                    + "' (a duration is a whole number followed by ms, s, m, h or d)", start);
        }
        String text = src.substring(start, pos);
        if (decimal) {
            return new Token(Kind.DECIMAL, text, Double.parseDouble(text), start, pos);
        }
        try {
            return new Token(Kind.INT, text, Long.parseLong(text), start, pos);
        } catch (NumberFormatException e) {
            throw new ParseError("integer " + text + " is too large", start);
        }
    }

    /** The escapes a string literal knows, as runbooks/README.md documents them. */
    static final String ESCAPES = "\\\\ \\' \\\" \\n \\t \\r \\uXXXX";

    /** The character of a unicode escape (backslash, u, four hex digits) whose u was just read. */
    private char unicode() {
        if (pos + 4 > src.length() || !src.substring(pos, pos + 4).matches("[0-9A-Fa-f]{4}")) {
            throw new ParseError("'\\u' needs four hex digits, like \\u00e9", pos - 2);
        }
        char c = (char) Integer.parseInt(src.substring(pos, pos + 4), 16);
        pos += 4;
        return c;
    }

    private Token string(int start, char quote) {
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new ParseError("unterminated string", start);
            }
            char c = src.charAt(pos++);
            if (c == quote) {
                return new Token(Kind.STRING, src.substring(start, pos), value.toString(), start, pos);
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (pos >= src.length()) {
                throw new ParseError("unterminated string", start);
            }
            char e = src.charAt(pos++);
            switch (e) {
                case '\\', '\'', '"' -> value.append(e);
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case 'u' -> value.append(unicode());
                default -> throw new ParseError("unknown escape '\\" + e
                        + "' (known: " + ESCAPES + ")", pos - 2);
            }
        }
    }
}
