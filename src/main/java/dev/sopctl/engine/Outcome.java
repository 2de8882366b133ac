package dev.sopctl.engine;

import dev.sopctl.ExitCode;
import java.util.Locale;

/**
 * How a step ended on a host, or how a run ended, with the DESIGN §4 exit code it stands for. The
 * transcript and JSON output write {@link #id()} (lower case, dashed: {@code guard-failed}).
 */
public enum Outcome {
    OK(ExitCode.OK),
    SKIPPED(ExitCode.OK),
    WOULD_RUN(ExitCode.OK),
    UNKNOWN_IN_CHECK(ExitCode.OK),
    DISCONNECTED_AS_EXPECTED(ExitCode.OK),
    /** Resume: a change this host completed in the run being resumed; not repeated. */
    DONE_EARLIER(ExitCode.OK),
    /** An undo put back what its change did. */
    UNDONE(ExitCode.OK),
    WARNING(ExitCode.WARNING),
    FAILED(ExitCode.CRITICAL),
    GUARD_FAILED(ExitCode.CRITICAL),
    TIMEOUT(ExitCode.CRITICAL),
    /** Run level, --check only: a guard or a failure would stop a real run (exit 2 or 3). */
    WOULD_STOP(ExitCode.CRITICAL),
    UNKNOWN(ExitCode.UNKNOWN),
    UNREACHABLE(ExitCode.UNKNOWN),
    DISCONNECTED(ExitCode.UNKNOWN),
    HOST_KEY_REFUSED(ExitCode.UNKNOWN),
    AUTH_FAILED(ExitCode.UNKNOWN),
    UNPARSABLE(ExitCode.UNKNOWN),
    DECLINED(ExitCode.NOT_DONE),
    NO_TERMINAL(ExitCode.NOT_DONE),
    INTERRUPTED(ExitCode.NOT_DONE),
    /** A value known only at run time was not valid (a run-time target outside the scope). */
    INVALID(ExitCode.INVALID_INPUT),
    /** Not started: a target host is locked by another run. */
    LOCKED(ExitCode.LOCKED);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The transcript's name: {@code guard-failed}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A failure with this exit code, for errors that carry only a code. */
    public static Outcome failure(int exitCode) {
        return switch (exitCode) {
            case ExitCode.OK -> OK;
            case ExitCode.WARNING -> WARNING;
            case ExitCode.UNKNOWN -> UNKNOWN;
            case ExitCode.NOT_DONE -> INTERRUPTED;
            case ExitCode.INVALID_INPUT -> INVALID;
            case ExitCode.LOCKED -> LOCKED;
            default -> FAILED;
        };
    }

    @Override
    public String toString() {
        return id();
    }
}
