package dev.sopctl.runbook.expr;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Quoting for POSIX sh (bash, dash, busybox ash): the result is read back by the shell as exactly
 * one word equal to the input, whatever the input holds (spaces, newlines, quotes, {@code $(..)},
 * backticks, {@code ; | &}, globs, non-ASCII).
 *
 * <p>Words made only of {@code A-Z a-z 0-9 @ % + = : , . / _ -} stay bare, except those that
 * look like a variable assignment ({@code NAME=...}) or are shell reserved words ({@code if},
 * {@code do}, ...): in command position those would change the command's meaning. Everything else
 * is single-quoted, with each {@code '} written as {@code '\''}; the empty string is {@code ''}.
 *
 * <p>Quoting cannot stop a command from reading a value that starts with {@code -} as an option
 * ({@code rm {{ file }}} with {@code -rf}): validate such parameters by type or write
 * {@code rm -- {{ file }}}. A NUL character cannot be passed in a command line at all and is
 * refused with an {@link EvaluationException}.
 */
public final class ShellQuote {
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=");
    private static final Set<String> RESERVED = Set.of(
            "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until",
            "for", "in", "function", "select", "time", "coproc");

    private ShellQuote() {}

    /** The value as one shell word. */
    public static String quote(String value) {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\0') >= 0) {
            throw new EvaluationException(
                    "a value contains a NUL character, which cannot be passed in a command line",
                    "check where the value comes from; binary data can't be a command argument");
        }
        if (value.isEmpty()) {
            return "''";
        }
        if (BARE.matcher(value).matches()
                && !ASSIGNMENT.matcher(value).lookingAt()
                && !RESERVED.contains(value)) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
