package dev.sopctl;

/** The exit codes of DESIGN.md §4; the only place they are spelled. */
public final class ExitCode {
    /** Success; every check OK. */
    public static final int OK = 0;
    /** A check is WARNING (serving, without redundancy). */
    public static final int WARNING = 1;
    /** A check is CRITICAL, or a runbook step failed. */
    public static final int CRITICAL = 2;
    /** A host was unreachable, a host key refused, or an output could not be parsed. */
    public static final int UNKNOWN = 3;
    /** Not started: something the run needs is held by another run (the message names who and since when). */
    public static final int LOCKED = 4;
    /** Not done on purpose: declined, confirmation needed without a terminal, or interrupted. */
    public static final int NOT_DONE = 5;
    /** Command-line usage error. */
    public static final int USAGE = 64;
    /** Invalid inventory, runbook or parameter value. */
    public static final int INVALID_INPUT = 65;

    private ExitCode() {}

    /** The worse of two outcomes for a run's final code: UNKNOWN outranks CRITICAL outranks WARNING. */
    public static int worst(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int code) {
        return switch (code) {
            case OK -> 0;
            case WARNING -> 1;
            case CRITICAL -> 2;
            case UNKNOWN -> 3;
            case NOT_DONE -> 4;
            default -> 5;
        };
    }
}
