package dev.sopctl;

import dev.sopctl.cli.CliContext;
import dev.sopctl.cli.ConnectHint;
import dev.sopctl.transport.ssh.SshWarmUp;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Training driver for the JDK's ahead-of-time cache (JEP 483/514): runs several sopctl commands in
 * this one JVM, because a JVM in {@code -XX:AOTMode=record} records only itself, and one command per
 * JVM would leave the classes of all other commands out of the cache. Used by the build
 * ({@code ClassDataTraining}) and by the Debian package's postinst, never by operators.
 *
 * <p>The file lists one command per line: the exit code it must end with, then its arguments, all
 * separated by tabs; blank lines and lines starting with {@code #} are skipped.
 *
 * <pre>{@code
 * java -XX:AOTMode=record -XX:AOTConfiguration=sopctl.aotconf -cp sopctl.jar dev.sopctl.AotTraining runs.tsv
 * java -XX:AOTMode=create -XX:AOTConfiguration=sopctl.aotconf -XX:AOTCache=sopctl.aot -cp sopctl.jar
 * }</pre>
 * Exits 0 when every command ended with its expected code, 2 naming the first that did not, 65 for a
 * file that cannot be read or a malformed line (nothing run), 64 without exactly one argument.
 */
public final class AotTraining {
    private AotTraining() {}

    /** One training command: the arguments and the exit code it must end with, from {@code line} of the file. */
    record Command(int line, int expectedExit, List<String> args) {
        Command {
            args = List.copyOf(args);
        }
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        if (args.length != 1) {
            err.println("usage: java -cp sopctl.jar dev.sopctl.AotTraining FILE (one command a line: EXIT<TAB>ARG<TAB>...)");
            return ExitCode.USAGE;
        }
        Path file = Path.of(args[0]);
        List<Command> commands;
        try {
            commands = parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("aot-training: cannot read " + file + ": " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("aot-training: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        for (Command c : commands) {
            String[] argv = c.args().toArray(String[]::new);
            if (ConnectHint.mayConnect(argv)) {  // as Main.main: the warm-up's classes belong in the cache too
                SshWarmUp.start();
            }
            int code = Main.run(CliContext.system(), out, err, argv);
            out.flush();
            if (code != c.expectedExit()) {
                err.println("aot-training: " + file + ":" + c.line() + ": sopctl " + String.join(" ", c.args())
                        + " exited " + code + ", expected " + c.expectedExit());
                return ExitCode.CRITICAL;
            }
        }
        return ExitCode.OK;
    }

    /** The commands of {@code lines}; every malformed line is named in the exception's message. */
    static List<Command> parse(Path file, List<String> lines) {
        List<Command> commands = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            String where = file + ":" + (i + 1) + ": ";
            if (!fields[0].matches("\\d{1,3}")) {
                problems.add(where + "'" + fields[0] + "' is not an exit code (EXIT<TAB>ARG<TAB>...)");
            } else if (fields.length < 2 || Arrays.stream(fields, 1, fields.length).anyMatch(String::isEmpty)) {
                problems.add(where + "no command after the exit code, or an empty argument (two tabs in a row)");
            } else {
                commands.add(new Command(i + 1, Integer.parseInt(fields[0]), List.of(fields).subList(1, fields.length)));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        if (commands.isEmpty()) {
            throw new IllegalArgumentException(file + ": no command to run");
        }
        return commands;
    }
}
