package dev.sopctl.cli;

import dev.sopctl.report.CheckReport;
import dev.sopctl.report.JunitReport;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import picocli.CommandLine;

/**
 * The {@code --junit FILE} of {@code sopctl check}: proven writable before anything connects (a
 * temporary file is made beside it), written there at the end and moved into place, so a reader
 * never sees half a report. Closing without writing removes the temporary file.
 */
final class JunitFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private boolean moved;

    private JunitFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** @throws CommandLine.ParameterException (64) naming the file and why it cannot be written */
    static JunitFile prepare(CommandLine cl, Path file) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) {
            throw new CommandLine.ParameterException(cl, "--junit " + file + ": is a folder, not a file");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(cl, "--junit " + file + ": the folder " + dir + " does not exist");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new CommandLine.ParameterException(cl, "--junit " + file + ": the file exists and cannot be written");
        }
        try {
            return new JunitFile(target, Files.createTempFile(dir, ".sopctl-junit-", ".tmp"));
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cl, "--junit " + file + ": cannot write in " + dir + " ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * Writes the report. A failure here is said on {@code err} and does not change the exit code,
     * which never depends on whether a report was asked for.
     */
    void write(CheckReport report, Instant started, java.io.PrintWriter err) {
        try {
            try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                JunitReport.write(report, started, w);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (IOException e) {
            err.println("sopctl: --junit " + target + ": cannot write the report: " + e.getMessage());
            err.flush();
        }
    }

    @Override
    public void close() {
        if (!moved) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // a temporary file left behind is harmless; the run's own result matters more
            }
        }
    }
}
