package dev.sopctl.runbook.expr;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Bounded regular expressions: patterns and inputs have size limits, and a match that backtracks
 * too long is stopped (the input is read through a counting {@link CharSequence}).
 */
final class Regexes {
    static final int MAX_PATTERN = 1_000;
    /** Character reads per match before giving up: well under a second. */
    static final long MAX_STEPS = 50_000_000L;

    private Regexes() {}

    /** Compiles, or throws a {@link Failure} saying what is wrong. */
    static Pattern compile(String regex) {
        if (regex.length() > MAX_PATTERN) {
            throw new Failure("regular expression is longer than " + MAX_PATTERN + " characters");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new Failure("invalid regular expression '" + regex + "': " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    /** Whether the pattern is found anywhere in the input. */
    static boolean find(Pattern pattern, String input) {
        if (input.length() > Values.MAX_CHARS) {
            throw new Failure("regular expression input is longer than " + Values.MAX_CHARS + " characters");
        }
        try {
            return pattern.matcher(new Bounded(input)).find();
        } catch (TooLong e) {
            throw new Failure("regular expression '" + pattern.pattern() + "' took too long; simplify it");
        } catch (StackOverflowError e) {
            throw new Failure("regular expression '" + pattern.pattern() + "' is too complex for this input");
        }
    }

    private static final class TooLong extends RuntimeException {
        TooLong() {
            super(null, null, false, false);
        }
    }

    private static final class Bounded implements CharSequence {
        private final String text;
        private long steps;

        Bounded(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if (++steps > MAX_STEPS) {
                throw new TooLong();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
