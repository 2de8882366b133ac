package dev.sopctl.cli;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place failures become messages and exit codes: a {@link SopctlException} prints its
 * message and hint and exits with its code; a usage error prints the problem and a pointer to
 * {@code --help} (64); anything else is a bug, reported as such (stack trace with {@code -v}).
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {
    private final SopctlCommand root;

    ErrorHandler(SopctlCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        if (ex instanceof SopctlException e) {
            err.println("sopctl: " + TerminalText.visible(e.getMessage()));
            if (e.hint() != null) {
                err.println("  hint: " + TerminalText.visible(e.hint()));
            }
            if (verbose()) {
                e.printStackTrace(err);
            }
            err.flush();
            return e.exitCode();
        }
        err.println("sopctl: internal error: " + TerminalText.visible(String.valueOf(ex)));
        if (verbose()) {
            ex.printStackTrace(err);
        } else {
            err.println("  run again with -v for the stack trace, and report it");
        }
        err.flush();
        return ExitCode.CRITICAL;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("sopctl: " + TerminalText.visible(ex.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("  see '" + cl.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ExitCode.USAGE;
    }

    @Override
    public int getExitCode(Throwable exception) {
        return exception instanceof SopctlException e ? e.exitCode() : ExitCode.CRITICAL;
    }

    private boolean verbose() {
        return root.global != null && root.global.verbose;
    }
}
