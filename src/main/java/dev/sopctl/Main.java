package dev.sopctl;

import dev.sopctl.cli.CliContext;
import dev.sopctl.cli.SopctlCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point. {@link #run} builds the command tree and returns the exit code without exiting, for
 * tests and the interactive shell; {@link #main} is the only {@code System.exit} in sopctl.
 *
 * <pre>{@code
 * int code = Main.run(CliContext.system(), new PrintWriter(out), new PrintWriter(err), "inventory", "list");
 * }</pre>
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(CliContext.system(), out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(CliContext context, PrintWriter out, PrintWriter err, String... args) {
        return SopctlCommand.commandLine(context, out, err).execute(args);
    }
}
