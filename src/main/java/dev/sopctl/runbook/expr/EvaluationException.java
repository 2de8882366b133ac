package dev.sopctl.runbook.expr;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;

/**
 * An expression or template failed while it was evaluated: a type mismatch, a null where a value
 * was needed, a regular expression that took too long. A runtime failure of the step that
 * evaluated it, so the exit code is {@link ExitCode#CRITICAL}. The message starts with the
 * location of the expression in its runbook and quotes the expression.
 */
public class EvaluationException extends SopctlException {
    public EvaluationException(String message) {
        super(ExitCode.CRITICAL, message);
    }

    public EvaluationException(String message, String hint) {
        super(ExitCode.CRITICAL, message, hint);
    }

    public EvaluationException(String message, String hint, Throwable cause) {
        super(ExitCode.CRITICAL, message, hint, cause);
    }
}
