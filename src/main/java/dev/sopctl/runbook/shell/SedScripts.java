package dev.sopctl.runbook.shell;

import dev.sopctl.runbook.shell.ShellSyntax.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a {@code sed} invocation only prints: no {@code -i}, no script from a file, and scripts
 * without the commands that write or execute ({@code w}, {@code W}, {@code e}, and the {@code s}
 * flags {@code w} and {@code e}). A script it cannot read to the end counts as writing.
 */
final class SedScripts {
    private static final String PRINTING_COMMANDS = "pPdDnNgGhHxlz=qQF{}";

    private SedScripts() {}

    static Optional<String> whyNot(String name, List<Word> args) {
        if (!ProbeRules.plain(args)) {
            return Optional.of("an argument of 'sed' is expanded by the remote shell, so sopctl cannot check it");
        }
        List<String> scripts = new ArrayList<>();
        boolean scriptGiven = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).text();
            if (a.startsWith("--expression=")) {
                scripts.add(a.substring("--expression=".length()));
                scriptGiven = true;
            } else if (a.equals("--expression") || a.matches("-[nErsuz]*e")) {
                if (i + 1 >= args.size()) {
                    return Optional.of("'sed " + a + "' has no script");
                }
                scripts.add(args.get(++i).text());
                scriptGiven = true;
            } else if (a.startsWith("-i") || a.startsWith("--in-place") || a.matches("-[nErsuz]*i.*")) {
                return Optional.of("'sed " + a + "' edits files in place");
            } else if (a.matches("-[nErsuz]+") || a.equals("--quiet") || a.equals("--silent") || a.equals("--posix")
                    || a.equals("--regexp-extended") || a.equals("--debug") || a.equals("--")) {
                continue;
            } else if (a.startsWith("-")) {
                return Optional.of("'sed " + a + "' is not one of its printing options (-n, -E, -r, -e SCRIPT)");
            } else if (!scriptGiven) {
                scripts.add(a);
                scriptGiven = true;
            }
        }
        for (String script : scripts) {
            Optional<String> why = new Reader(script).whyNot();
            if (why.isPresent()) {
                return why;
            }
        }
        return scriptGiven ? Optional.empty() : Optional.of("'sed' has no script");
    }

    /** A sed script, command by command. */
    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String script) {
            this.s = script;
        }

        Optional<String> whyNot() {
            try {
                while (true) {
                    skip(" \t\n;");
                    if (pos >= s.length()) {
                        return Optional.empty();
                    }
                    if (s.charAt(pos) == '#') {
                        toEndOfLine();
                        continue;
                    }
                    address();
                    skip(" \t");
                    if (pos < s.length() && s.charAt(pos) == ',') {
                        pos++;
                        skip(" \t");
                        address();
                    }
                    skip(" \t");
                    if (pos < s.length() && s.charAt(pos) == '!') {
                        pos++;
                        skip(" \t");
                    }
                    Optional<String> why = command();
                    if (why.isPresent()) {
                        return why;
                    }
                }
            } catch (IndexOutOfBoundsException | IllegalStateException e) {
                return Optional.of("sopctl cannot read the sed script '" + s + "' to the end");
            }
        }

        private Optional<String> command() {
            char c = s.charAt(pos++);
            if (PRINTING_COMMANDS.indexOf(c) >= 0) {
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++; // q5, l 70
                }
                return Optional.empty();
            }
            switch (c) {
                case ':', 'b', 't', 'T', 'r', 'R', 'v' -> {
                    while (pos < s.length() && s.charAt(pos) != '\n' && s.charAt(pos) != ';') {
                        pos++;
                    }
                    return Optional.empty();
                }
                case 'a', 'i', 'c' -> {
                    toEndOfLine();
                    return Optional.empty();
                }
                case 's' -> {
                    char delimiter = s.charAt(pos++);
                    delimited(delimiter);
                    delimited(delimiter);
                    while (pos < s.length() && "gpiImM0123456789".indexOf(s.charAt(pos)) >= 0) {
                        pos++;
                    }
                    if (pos < s.length() && (s.charAt(pos) == 'w' || s.charAt(pos) == 'e')) {
                        return Optional.of("the sed flag 's///" + s.charAt(pos) + "' "
                                + (s.charAt(pos) == 'w' ? "writes a file" : "runs a command"));
                    }
                    return endOfCommand();
                }
                case 'y' -> {
                    char delimiter = s.charAt(pos++);
                    delimited(delimiter);
                    delimited(delimiter);
                    return endOfCommand();
                }
                case 'w', 'W' -> {
                    return Optional.of("the sed command '" + c + "' writes a file");
                }
                case 'e' -> {
                    return Optional.of("the sed command 'e' runs a command");
                }
                default -> {
                    return Optional.of("'" + c + "' is not a sed command sopctl knows to be read-only");
                }
            }
        }

        private Optional<String> endOfCommand() {
            skip(" \t");
            if (pos < s.length() && ";\n}#".indexOf(s.charAt(pos)) < 0) {
                return Optional.of("sopctl cannot read the sed script '" + s + "' after '" + s.substring(0, pos) + "'");
            }
            return Optional.empty();
        }

        private void address() {
            if (pos >= s.length()) {
                return;
            }
            char c = s.charAt(pos);
            if (Character.isDigit(c) || c == '+' || c == '~') {
                pos++;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '~')) {
                    pos++;
                }
            } else if (c == '$') {
                pos++;
            } else if (c == '/' || c == '\\') {
                char delimiter = c == '/' ? '/' : s.charAt(++pos);
                pos++;
                delimited(delimiter);
                while (pos < s.length() && (s.charAt(pos) == 'I' || s.charAt(pos) == 'M')) {
                    pos++;
                }
            }
        }

        /** Up to and past the next {@code delimiter} not escaped by a backslash. */
        private void delimited(char delimiter) {
            while (true) {
                char c = s.charAt(pos++);
                if (c == '\\') {
                    pos++;
                } else if (c == delimiter) {
                    return;
                } else if (c == '\n' && delimiter != '\n') {
                    throw new IllegalStateException("newline inside a regular expression");
                }
            }
        }

        private void toEndOfLine() {
            while (pos < s.length() && s.charAt(pos) != '\n') {
                pos += s.charAt(pos) == '\\' ? 2 : 1;
            }
        }

        private void skip(String chars) {
            while (pos < s.length() && chars.indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }
    }
}
