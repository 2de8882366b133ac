package dev.sopctl.cli;

import dev.sopctl.ExitCode;
import dev.sopctl.transcript.TranscriptStore;
import dev.sopctl.transport.TransportPool;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.SystemCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.shell.jline3.PicocliCommands;

/**
 * {@code sopctl shell}: the same commands at an interactive prompt, with completion and history.
 * Global options given to {@code shell} apply to every line; errors print and the shell goes on;
 * SSH connections are kept between commands ({@link TransportPool}); the prompt names the inventory;
 * confirmations are asked through the shell's line reader; Ctrl-C stops the running command (exit 5
 * for that command) and returns to the prompt.
 */
@Command(name = "shell", description = {"An interactive sopctl prompt: every command, with Tab completion (commands,",
    "options, hosts, roles, zones, clusters, runbooks and their parameters) and history. Options given here",
    "(like -i FILE) apply to every command typed. SSH connections stay open between commands, so a second",
    "command on the same hosts opens none; 'time COMMAND' says how long one took."},
        footer = {"", "Example:", "  sopctl -i inventory.yaml shell", "  sopctl> node shutdown node1 --dry-run",
            "  sopctl> exit"})
final class ShellCommand implements Callable<Integer> {
    private static final int HISTORY_LINES = 2000;
    private static final Duration DEFAULT_IDLE_CLOSE = Duration.ofMinutes(10);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--idle-close", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10m",
            description = "Close the SSH connections kept open between commands after this long unused (default: ${DEFAULT-VALUE}).")
    Duration idleClose;

    @Override
    public Integer call() throws IOException {
        SopctlCommand root = SopctlCommand.root(spec);
        if (root.context.terminal() == null) {
            // a pipe or a closed stdin would feed commands and confirmations that nobody typed
            throw new CommandLine.ParameterException(spec.commandLine(), "sopctl shell needs a terminal:"
                    + " standard input or output is not one (a pipe, a file or closed); for scripts, run"
                    + " the commands directly: sopctl COMMAND …");
        }
        if (idleClose.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--idle-close must be 1s or more, found "
                    + dev.sopctl.yaml.Durations.format(idleClose));
        }
        List<String> sticky = stickyOptions(root);
        try (Terminal terminal = TerminalBuilder.builder().name("sopctl").system(true).build()) {
            return loop(root.context, terminal, sticky, idleClose);
        }
    }

    /** Reads and runs lines until exit/quit or end of input; returns the last command's exit code. */
    static int loop(CliContext base, Terminal terminal, List<String> sticky) {
        return loop(base, terminal, sticky, DEFAULT_IDLE_CLOSE);
    }

    /**
     * As {@link #loop(CliContext, Terminal, List)}; SSH connections stay open between commands (one
     * per host, shared by every command with the same inventory and SSH options) until they are
     * unused for {@code idleClose} or the shell ends.
     */
    static int loop(CliContext base, Terminal terminal, List<String> sticky, Duration idleClose) {
        CommandLine completion = SopctlCommand.commandLine(base, new PrintWriter(PrintWriter.nullWriter()),
                new PrintWriter(PrintWriter.nullWriter()));
        EstateNames names = estateNames(base, sticky);
        SystemCompleter commands = new PicocliCommands(completion).compileCompleters();
        commands.compile();
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("sopctl")
                .completer(new ShellCompleter(commands, names)).parser(new DefaultParser())
                .variable(LineReader.HISTORY_FILE, historyFile(base))
                .variable(LineReader.HISTORY_FILE_SIZE, HISTORY_LINES)
                .build();
        PrintWriter out = terminal.writer();
        int last = ExitCode.OK;
        out.println("sopctl shell: Tab completes, 'help' lists commands, 'time COMMAND' times one, 'exit' leaves.");
        try (TransportPool pool = new TransportPool(idleClose)) {
            CliContext context = base.withTerminal(new JlineTerminalIo(reader)).withTransportPool(pool);
            while (true) {
                String line;
                try {
                    line = reader.readLine("sopctl[" + names.label() + "]> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return last;
                }
                List<String> words = reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
                boolean timed = !words.isEmpty() && words.get(0).equals("time");
                if (timed) {
                    words = words.subList(1, words.size());
                }
                if (words.isEmpty()) {
                    continue;
                }
                if (words.get(0).equals("exit") || words.get(0).equals("quit")) {
                    return last;
                }
                List<String> args = new ArrayList<>(sticky);
                args.addAll(words.get(0).equals("help") ? List.of("--help") : words);
                if (startsAShell(completion, args)) {
                    out.println("You are in the sopctl shell already; type a command, or 'exit' to leave.");
                    out.flush();
                    continue;
                }
                long started = System.nanoTime();
                last = execute(context, terminal, out, args);
                if (last != ExitCode.OK) {
                    out.println("(exit " + last + ")");
                }
                if (timed) {
                    out.println(String.format(java.util.Locale.ROOT, "(took %.3f s)", (System.nanoTime() - started) / 1e9));
                }
                out.flush();
            }
        }
    }

    /** One command line, with Ctrl-C interrupting it (not the shell). */
    private static int execute(CliContext context, Terminal terminal, PrintWriter out, List<String> args) {
        Thread worker = Thread.currentThread();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> worker.interrupt());
        try {
            String[] argv = args.toArray(String[]::new);
            // only the commands the line names: ~3 ms a line instead of ~25 ms for the whole tree
            return SopctlCommand.commandLine(context, out, out, argv).execute(argv);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            Thread.interrupted();
        }
    }

    /** The names to complete, for the inventory and runbook folder the sticky options name. */
    private static EstateNames estateNames(CliContext base, List<String> sticky) {
        SopctlCommand root = new SopctlCommand(base);
        try {
            new CommandLine(root).parseArgs(sticky.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            // the first command reports it
        }
        return new EstateNames(base.environment(), base.workingDir(), root.global.inventory, root.global.runbooks);
    }

    /** Whether {@code args} name the shell command itself (a nested shell would share this terminal). */
    private static boolean startsAShell(CommandLine commands, List<String> args) {
        try {
            List<CommandLine> parsed = commands.parseArgs(args.toArray(String[]::new)).asCommandLineList();
            return parsed.get(parsed.size() - 1).getCommand() instanceof ShellCommand;
        } catch (CommandLine.ParameterException e) {
            return false; // the run itself reports it
        }
    }

    /**
     * The shell's history, kept between sessions like a login shell's: {@code STATE/sopctl/history},
     * readable by its owner only (typed lines may name hosts and reasons). Lines typed with a
     * leading space are not kept (jline's default, as in bash's ignorespace).
     */
    private static Path historyFile(CliContext context) {
        Path file = TranscriptStore.stateDir(context.environment()).resolve("history");
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // jline reports a history it cannot write once, as a warning; the shell works without it
        }
        return file;
    }

    /** The global options the shell was started with, minus the word 'shell' itself. */
    private List<String> stickyOptions(SopctlCommand root) {
        List<String> original = root.spec.commandLine().getParseResult().originalArgs();
        List<String> sticky = new ArrayList<>(original);
        sticky.remove("shell");
        // the shell's own option is not one the commands take
        for (int i = 0; i < sticky.size(); i++) {
            if (sticky.get(i).equals("--idle-close")) {
                sticky.subList(i, Math.min(i + 2, sticky.size())).clear();
                i--;
            } else if (sticky.get(i).startsWith("--idle-close=")) {
                sticky.remove(i--);
            }
        }
        return sticky;
    }

    /** Confirmations and passphrases through the shell's line reader. */
    private record JlineTerminalIo(LineReader reader) implements TerminalIo {
        @Override
        public PrintWriter writer() {
            return reader.getTerminal().writer();
        }

        @Override
        public int width() {
            int w = reader.getTerminal().getWidth();
            return w > 0 ? w : TerminalIo.super.width();
        }

        /** An answer is not a command: it stays out of the history (a later '!' or Up must not replay it). */
        @Override
        public String readLine(String prompt) {
            Object before = reader.getVariable(LineReader.DISABLE_HISTORY);
            reader.setVariable(LineReader.DISABLE_HISTORY, true);
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                throw new PromptInterruptedException();
            } catch (EndOfFileException e) {
                return null;
            } finally {
                reader.setVariable(LineReader.DISABLE_HISTORY, before == null ? false : before);
            }
        }

        @Override
        public char[] readSecret(String prompt) {
            String line = readLineMasked(prompt);
            return line == null ? null : line.toCharArray();
        }

        private String readLineMasked(String prompt) {
            Object before = reader.getVariable(LineReader.DISABLE_HISTORY);
            reader.setVariable(LineReader.DISABLE_HISTORY, true);
            try {
                return reader.readLine(prompt, '*');
            } catch (UserInterruptException | EndOfFileException e) {
                return null;
            } finally {
                reader.setVariable(LineReader.DISABLE_HISTORY, before == null ? false : before);
            }
        }
    }
}
