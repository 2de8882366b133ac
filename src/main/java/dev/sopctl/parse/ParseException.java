package dev.sopctl.parse;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;

/** Output that does not match its format; exit 3 (UNKNOWN). The message names the parser and the line. */
public class ParseException extends SopctlException {
    public ParseException(String message) {
        super(ExitCode.UNKNOWN, message);
    }

    /** With a hint for the operator, shown instead of the general one about tool versions. */
    public ParseException(String message, String hint) {
        super(ExitCode.UNKNOWN, message, hint);
    }
}
