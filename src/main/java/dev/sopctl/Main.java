package dev.sopctl;

import dev.sopctl.cli.CliContext;
import dev.sopctl.cli.ConnectHint;
import dev.sopctl.cli.SopctlCommand;
import dev.sopctl.cli.VersionProvider;
import dev.sopctl.transport.ssh.SshWarmUp;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point. {@link #run} builds the command line for its arguments and returns the exit code
 * without exiting, for tests and the interactive shell; {@link #main} is the only {@code System.exit} in sopctl.
 *
 * <pre>{@code
 * int code = Main.run(CliContext.system(), new PrintWriter(out), new PrintWriter(err), "inventory", "list");
 * }</pre>
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (ConnectHint.mayConnect(args)) {
            SshWarmUp.start();
        }
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(CliContext.system(), out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(CliContext context, PrintWriter out, PrintWriter err, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // the same two lines picocli prints, without first building the whole command tree
            // (most of the time `sopctl --version` took; a version check in a script pays it)
            for (String line : VersionProvider.lines()) {
                out.println(line);
            }
            out.flush();
            return ExitCode.OK;
        }
        // only the commands the arguments name are built (most of the time a short command took)
        return SopctlCommand.commandLine(context, out, err, args).execute(args);
    }
}
