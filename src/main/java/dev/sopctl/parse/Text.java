package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Small helpers the parsers share: splitting output into lines and wording parse errors. */
final class Text {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

    private Text() {}

    /** The output's lines without their terminators ({@code \n} or {@code \r\n}); null is no lines. */
    static List<String> lines(String stdout) {
        return stdout == null ? List.of() : stdout.lines().toList();
    }

    /** The line without ANSI colour sequences (crmsh and grep colourise on a terminal). */
    static String noAnsi(String line) {
        return line.indexOf('\u001B') < 0 ? line : ANSI.matcher(line).replaceAll("");
    }

    /** Number of leading spaces (a TAB counts as one). */
    static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Whitespace-separated words of a line (TABs and runs of spaces collapse). */
    static List<String> words(String line) {
        String s = line.strip();
        return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
    }

    /** 1-based number of the first non-blank line, or 0 when there is none. */
    static int firstNonBlank(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return i + 1;
            }
        }
        return 0;
    }

    static ParseException at(String parser, int lineNumber, String expected, String got) {
        return new ParseException(parser + ": line " + lineNumber + ": expected " + expected + " but got '"
                + abbreviate(got.strip()) + "'");
    }

    static ParseException empty(String parser, String expected) {
        return new ParseException(parser + ": empty output; expected " + expected);
    }

    static String abbreviate(String text) {
        return XlListParser.abbreviate(text);
    }

    static Long number(String parser, int lineNumber, String digits, String line) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw at(parser, lineNumber, "a whole number for '" + digits + "'", line);
        }
    }

    static <T> List<T> copy(List<T> list) {
        return List.copyOf(new ArrayList<>(list));
    }
}
