package dev.sopctl.runbook.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a POSIX shell command line (as {@code sh}/{@code bash} on a host would) into its simple
 * commands, so that each one can be judged on its own. It follows quoting, escapes, comments,
 * redirections and here-documents exactly; wherever the shell would run or expand something that
 * cannot be known from the text ({@code $(…)}, backquotes, {@code $VAR}, {@code $'…'}, process
 * substitution, subshells, arithmetic), it stops and answers {@link Parse.Opaque} with the reason.
 *
 * <p>Operators {@code | || && ; & |&} and newlines separate commands; which one does not matter to a
 * reader that has to approve every part.
 */
public final class ShellSyntax {
    /** One word after quote removal. */
    public record Word(String text, boolean plain, boolean expands) {
        /**
         * @param plain   written without quotes or backslashes (what a command name must be)
         * @param expands has unquoted glob or brace characters the remote shell expands
         */
        public Word {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A redirection: its operator without the file descriptor ({@code >}, {@code >>}, {@code <&}, …) and its target. */
    public record Redirect(String operator, Word target) {}

    /** One simple command: leading {@code NAME=value} assignments, its words, its redirections. */
    public record SimpleCommand(List<Word> assignments, List<Word> words, List<Redirect> redirects) {
        public SimpleCommand {
            assignments = List.copyOf(assignments);
            words = List.copyOf(words);
            redirects = List.copyOf(redirects);
        }
    }

    /** What a command line is to a reader. */
    public sealed interface Parse {
        /** Every simple command of the line, in order. */
        record Commands(List<SimpleCommand> commands) implements Parse {
            public Commands {
                commands = List.copyOf(commands);
            }
        }

        /** The line runs or expands something that cannot be seen from its text. */
        record Opaque(String reason) implements Parse {}
    }

    private final String text;
    private int pos;
    private final List<SimpleCommand> commands = new ArrayList<>();
    private final List<Word> assignments = new ArrayList<>();
    private final List<Word> words = new ArrayList<>();
    private final List<Redirect> redirects = new ArrayList<>();
    private final List<HereDoc> pendingHereDocs = new ArrayList<>();

    private record HereDoc(String delimiter, boolean literal, boolean stripTabs) {}

    /** Thrown inside the reader only; {@link #parse} turns it into {@link Parse.Opaque}. */
    private static final class OpaqueException extends Exception {
        OpaqueException(String reason) {
            super(reason, null, false, false);
        }
    }

    private ShellSyntax(String text) {
        this.text = text;
    }

    public static Parse parse(String text) {
        ShellSyntax reader = new ShellSyntax(text);
        try {
            reader.readAll();
            return new Parse.Commands(reader.commands);
        } catch (OpaqueException e) {
            return new Parse.Opaque(e.getMessage());
        }
    }

    private void readAll() throws OpaqueException {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '\n') {
                pos++;
                endCommand();
                readHereDocBodies();
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == ';' || c == '&' || c == '|') {
                readSeparator(c);
            } else if (c == '(' || c == ')') {
                throw new OpaqueException("it has a subshell or grouping '" + c + "'");
            } else {
                readWordOrRedirect();
            }
        }
        endCommand();
        if (!pendingHereDocs.isEmpty()) {
            throw new OpaqueException("its here-document has no end line '" + pendingHereDocs.get(0).delimiter() + "'");
        }
    }

    private void readSeparator(char c) throws OpaqueException {
        if (c == '&' && peek(1) == '>') {
            pos++;
            readRedirect("&");
            return;
        }
        pos++;
        if (pos < text.length() && (text.charAt(pos) == c || c == '|' && text.charAt(pos) == '&')) {
            pos++;
        }
        endCommand();
    }

    private void readWordOrRedirect() throws OpaqueException {
        char c = text.charAt(pos);
        if (c == '<' || c == '>') {
            readRedirect("");
            return;
        }
        int start = pos;
        Word word = readWord();
        if (pos < text.length() && (text.charAt(pos) == '<' || text.charAt(pos) == '>')) {
            String written = text.substring(start, pos);
            if (written.chars().allMatch(Character::isDigit)) {
                readRedirect("");
                return;
            }
            if (written.startsWith("{") && written.endsWith("}")) {
                throw new OpaqueException("it redirects to a file descriptor named by a variable (" + written + ")");
            }
        }
        if (words.isEmpty() && word.plain() && isAssignment(word.text())) {
            assignments.add(word);
        } else if (words.isEmpty() && !word.plain() && isAssignment(text.substring(start, pos))) {
            assignments.add(word);
        } else {
            words.add(word);
        }
    }

    private static boolean isAssignment(String written) {
        int eq = written.indexOf('=');
        return eq > 0 && written.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    /** At {@code <} or {@code >} (after an optional fd, or {@code &} for {@code &>}). */
    private void readRedirect(String prefix) throws OpaqueException {
        StringBuilder op = new StringBuilder(prefix);
        char first = text.charAt(pos);
        op.append(first);
        pos++;
        if (pos < text.length() && text.charAt(pos) == '(') {
            throw new OpaqueException("it has a process substitution '" + first + "(…)'");
        }
        if (first == '<' && pos < text.length() && text.charAt(pos) == '<') {
            pos++;
            if (pos < text.length() && text.charAt(pos) == '<') {
                pos++;
                redirects.add(new Redirect("<<<", readTarget("<<<")));
                return;
            }
            boolean stripTabs = pos < text.length() && text.charAt(pos) == '-';
            if (stripTabs) {
                pos++;
            }
            skipBlanks();
            int start = pos;
            Word delimiter = readTarget("<<");
            boolean quoted = text.substring(start, pos).matches(".*['\"\\\\].*");
            pendingHereDocs.add(new HereDoc(delimiter.text(), quoted, stripTabs));
            redirects.add(new Redirect(stripTabs ? "<<-" : "<<", delimiter));
            return;
        }
        while (pos < text.length() && "<>&|".indexOf(text.charAt(pos)) >= 0 && op.length() < 3) {
            op.append(text.charAt(pos));
            pos++;
        }
        redirects.add(new Redirect(op.toString(), readTarget(op.toString())));
    }

    private Word readTarget(String op) throws OpaqueException {
        skipBlanks();
        if (pos >= text.length() || " \t\n;&|()<>".indexOf(text.charAt(pos)) >= 0) {
            throw new OpaqueException("its redirection '" + op + "' has no target");
        }
        return readWord();
    }

    private Word readWord() throws OpaqueException {
        StringBuilder out = new StringBuilder();
        boolean plain = true;
        boolean expands = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (" \t\n;&|()<>".indexOf(c) >= 0) {
                break;
            }
            switch (c) {
                case '\'' -> {
                    plain = false;
                    int end = text.indexOf('\'', pos + 1);
                    if (end < 0) {
                        throw new OpaqueException("it has an unterminated quote");
                    }
                    out.append(text, pos + 1, end);
                    pos = end + 1;
                }
                case '"' -> {
                    plain = false;
                    pos++;
                    readDoubleQuoted(out);
                }
                case '\\' -> {
                    plain = false;
                    if (pos + 1 < text.length() && text.charAt(pos + 1) != '\n') {
                        out.append(text.charAt(pos + 1));
                    }
                    pos += 2;
                }
                case '`' -> throw new OpaqueException("it has a backquoted command substitution");
                case '$' -> {
                    checkDollar();
                    out.append(c);
                    pos++;
                }
                default -> {
                    if ("*?[]{}~".indexOf(c) >= 0) {
                        expands = true;
                    }
                    out.append(c);
                    pos++;
                }
            }
        }
        return new Word(out.toString(), plain, expands);
    }

    private void readDoubleQuoted(StringBuilder out) throws OpaqueException {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\' && pos + 1 < text.length() && "$`\"\\\n".indexOf(text.charAt(pos + 1)) >= 0) {
                if (text.charAt(pos + 1) != '\n') {
                    out.append(text.charAt(pos + 1));
                }
                pos += 2;
                continue;
            }
            if (c == '`') {
                throw new OpaqueException("it has a backquoted command substitution");
            }
            if (c == '$') {
                checkDollar();
            }
            out.append(c);
            pos++;
        }
        throw new OpaqueException("it has an unterminated quote");
    }

    /** At a {@code $}: a lone dollar is literal; anything the shell would expand is opaque. */
    private void checkDollar() throws OpaqueException {
        char next = peek(1);
        if (next == '(') {
            throw new OpaqueException(peek(2) == '(' ? "it has an arithmetic expansion '$((…))'"
                    : "it has a command substitution '$(…)'");
        }
        if (next == '{' || next == '_' || Character.isLetterOrDigit(next) || "@*#?$!-".indexOf(next) >= 0) {
            throw new OpaqueException("it expands a shell variable ('$" + next + "…'), whose value sopctl cannot see");
        }
        if (next == '\'' || next == '"') {
            throw new OpaqueException("it has $'…' or $\"…\" quoting");
        }
    }

    private void readHereDocBodies() throws OpaqueException {
        for (HereDoc doc : pendingHereDocs) {
            while (true) {
                if (pos >= text.length()) {
                    throw new OpaqueException("its here-document has no end line '" + doc.delimiter() + "'");
                }
                int end = text.indexOf('\n', pos);
                String line = text.substring(pos, end < 0 ? text.length() : end);
                pos = end < 0 ? text.length() : end + 1;
                String compared = doc.stripTabs() ? line.replaceFirst("^\t+", "") : line;
                if (compared.equals(doc.delimiter())) {
                    break;
                }
                if (!doc.literal() && (line.indexOf('$') >= 0 || line.indexOf('`') >= 0 || line.indexOf('\\') >= 0)) {
                    throw new OpaqueException("its here-document expands '$', '`' or '\\' (quote the end word to keep it literal)");
                }
            }
        }
        pendingHereDocs.clear();
    }

    private void endCommand() {
        if (!words.isEmpty() || !assignments.isEmpty() || !redirects.isEmpty()) {
            commands.add(new SimpleCommand(assignments, words, redirects));
        }
        assignments.clear();
        words.clear();
        redirects.clear();
    }

    private void skipBlanks() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private char peek(int ahead) {
        return pos + ahead < text.length() ? text.charAt(pos + ahead) : '\0';
    }
}
