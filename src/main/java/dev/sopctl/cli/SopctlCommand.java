package dev.sopctl.cli;

import dev.sopctl.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** The root command: global options, help and version; the commands below it are in {@link CommandTree}. */
@Command(name = "sopctl",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "Standard operating procedures of the PVDI / HA estate as safe, audited commands.",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success; every check OK",
            "1:a check is WARNING",
            "2:a check is CRITICAL, or a runbook step failed",
            "3:UNKNOWN: a host unreachable, a host key refused, an output unparsable",
            "4:not started: a target host is locked by another run",
            "5:not done on purpose: declined, no terminal without --yes, interrupted",
            "64:command-line usage error",
            "65:invalid inventory, runbook or parameter value"},
        footer = {"", "Start with 'sopctl runbooks list', and '--dry-run' before anything that changes state."})
public final class SopctlCommand implements Runnable {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandLine.Model.CommandSpec spec;

    final CliContext context;

    SopctlCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line with the whole command tree: for --help, completion and the shell. */
    public static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
        SopctlCommand root = new SopctlCommand(context);
        CommandLine cl = new CommandLine(root);
        CommandTree.attachAll(cl);
        return configure(root, cl, out, err);
    }

    /**
     * The configured command line for {@code args}: only the commands they name when that is
     * certain ({@link CommandPath}), the whole tree otherwise. Parses and runs {@code args} as the
     * whole tree would, with the same messages and exit codes.
     */
    public static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err, String... args) {
        SopctlCommand root = new SopctlCommand(context);
        CommandLine cl = new CommandLine(root);
        CommandPath.of(cl.getCommandSpec(), args).ifPresentOrElse(chain -> CommandTree.attach(cl, chain),
                () -> CommandTree.attachAll(cl));
        return configure(root, cl, out, err);
    }

    /** Streams, error handling, exit codes: after the subcommands are registered, so that they reach each one. */
    private static CommandLine configure(SopctlCommand root, CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        ErrorHandler handler = new ErrorHandler(root);
        cl.setExecutionExceptionHandler(handler);
        cl.setParameterExceptionHandler(handler);
        cl.setExitCodeExceptionMapper(handler);
        cl.getCommandSpec().exitCodeOnUsageHelp(ExitCode.OK);
        cl.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        UsageLayout.apply(cl);
        // a command group typed without its subcommand ('sopctl node') shows its usage
        cl.setExecutionStrategy(parseResult -> {
            CommandLine last = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
            Object command = last.getCommand();
            if (!(command instanceof Runnable) && !(command instanceof java.util.concurrent.Callable)) {
                last.usage(last.getOut());
                return ExitCode.OK;
            }
            root.global.validate(cl);
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cl;
    }

    /** The root of the command a subcommand belongs to. */
    static SopctlCommand root(CommandLine.Model.CommandSpec spec) {
        return (SopctlCommand) spec.root().userObject();
    }
}
