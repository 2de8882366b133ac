package dev.sopctl;

/**
 * Every failure sopctl reports to the operator. Carries the exit code of DESIGN.md §4 and an
 * optional hint (what to do about it). The message is one operator-readable sentence, or several
 * lines when validation collected several problems.
 */
public class SopctlException extends RuntimeException {
    private final int exitCode;
    private final String hint;

    public SopctlException(int exitCode, String message) {
        this(exitCode, message, null, null);
    }

    public SopctlException(int exitCode, String message, String hint) {
        this(exitCode, message, hint, null);
    }

    public SopctlException(int exitCode, String message, String hint, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What the operator can do about it; null when there is nothing to add. */
    public String hint() {
        return hint;
    }
}
