package dev.sopctl.audit;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.transcript.RunEvent;
import dev.sopctl.transcript.TranscriptSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sends a run's audit lines ({@link SyslogLines}) to the local syslog socket (journald and rsyslog
 * both listen on {@code /dev/log}) through util-linux {@code logger}, one process per run reading
 * the lines on its standard input: tag {@code sopctl}, sopctl's pid, facility {@code user},
 * priority notice, or warning for a failure. The JDK cannot send Unix datagrams itself, and
 * {@code logger} is on every Debian system (package bsdutils). A line that cannot be sent never
 * stops the run: sopctl says so once on standard error when the run ends.
 */
public final class SyslogSink implements TranscriptSink, AutoCloseable {
    public static final Path DEFAULT_SOCKET = Path.of("/dev/log");

    private final SyslogLines lines;
    private final Path socket;
    private final PrintWriter problems;
    private Process logger;
    private Writer toLogger;
    private String failed;

    private SyslogSink(String run, Path socket, PrintWriter problems) {
        this.lines = new SyslogLines(run);
        this.socket = socket;
        this.problems = problems;
    }

    /** The sink for one run; {@link #check} first. */
    public static SyslogSink open(String run, Path socket, PrintWriter problems) {
        return new SyslogSink(run, socket, problems);
    }

    /**
     * Checks that there is a syslog socket and a {@code logger}, before anything runs.
     *
     * @throws SopctlException exit 64 naming --syslog when either is missing
     */
    public static void check(Path socket) {
        try {
            BasicFileAttributes a = Files.readAttributes(socket, BasicFileAttributes.class);
            if (!a.isOther()) {
                throw new SopctlException(ExitCode.USAGE, "--syslog: " + socket + " is not a socket");
            }
        } catch (IOException e) {
            throw new SopctlException(ExitCode.USAGE, "--syslog: there is no syslog socket " + socket
                    + " (no journald or syslog daemon on this machine)", "start one, or run without --syslog");
        }
        if (!onPath("logger")) {
            throw new SopctlException(ExitCode.USAGE, "--syslog needs the 'logger' command (util-linux; Debian package"
                    + " bsdutils)", "install it, or run without --syslog");
        }
    }

    @Override
    public void write(String type, Map<String, Object> fields) {
        // only typed events carry what the lines need
    }

    @Override
    public synchronized void accept(RunEvent event) {
        Optional<SyslogLines.Line> line = lines.of(event);
        if (line.isEmpty() || failed != null) {
            return;
        }
        try {
            if (logger == null) {
                start();
            }
            // logger reads one message per line; the priority prefix needs --prio-prefix
            toLogger.write("<" + (line.get().warning() ? 12 : 13) + ">" + line.get().text() + "\n");
            toLogger.flush();
        } catch (IOException e) {
            failed = e.getMessage();
        }
    }

    private void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of("logger", "--socket-errors=on", "--socket=" + socket, "--tag",
                "sopctl", "--id=" + ProcessHandle.current().pid(), "--prio-prefix", "--priority", "user.notice"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        logger = pb.start();
        toLogger = new java.io.OutputStreamWriter(logger.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Ends the logger process; says on standard error when lines could not be sent. */
    @Override
    public synchronized void close() {
        if (logger == null) {
            report();
            return;
        }
        try {
            toLogger.close();
        } catch (IOException e) {
            failed = failed != null ? failed : e.getMessage();
        }
        try {
            if (!logger.waitFor(10, TimeUnit.SECONDS)) {
                logger.destroyForcibly();
                failed = failed != null ? failed : "logger did not finish within 10 s";
            } else if (logger.exitValue() != 0) {
                String err = new String(logger.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                failed = failed != null ? failed : "logger exited " + logger.exitValue() + (err.isEmpty() ? "" : ": " + err);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            logger.destroyForcibly();
        } catch (IOException e) {
            failed = failed != null ? failed : e.getMessage();
        }
        report();
    }

    private void report() {
        if (failed != null) {
            problems.println("sopctl: --syslog: the audit lines could not all be sent to " + socket + ": " + failed
                    + " (the transcript has the run)");
            problems.flush();
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/bin", command));
    }
}
