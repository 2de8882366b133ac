package dev.sopctl.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a transcript file must be before a run appends to it: a regular file reached without a
 * symbolic link (a link could point a run's record anywhere, e.g. into a file another tool reads),
 * empty or already a sopctl transcript (never someone's other file), and not being written by
 * another run at the same time (their lines would interleave and break both chains): the writer
 * holds an exclusive lock on the file for the whole run.
 */
final class TranscriptFileGuard {
    /** Every line the writer writes starts so; a kill can cut a line, never its start. */
    private static final byte[] LINE_START = "{\"time\":\"".getBytes(StandardCharsets.US_ASCII);

    private TranscriptFileGuard() {}

    /** Refuses a symbolic link and anything that is not a regular file (a folder, a device, a pipe). */
    static void checkTarget(Path file) {
        if (Files.isSymbolicLink(file)) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "transcript " + file + " is a symbolic link; sopctl"
                    + " writes a transcript only to the file named, not where a link points",
                    "give the real file, or a new one, with --transcript FILE");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "transcript " + file + " is not a regular file",
                    "give a new file, or an existing transcript, with --transcript FILE");
        }
    }

    /** Refuses a non-empty file whose last line is not a transcript event. */
    static void checkIsTranscript(Path file, byte[] lastLine) {
        if (lastLine == null || startsWith(lastLine, LINE_START)) {
            return;
        }
        throw new SopctlException(ExitCode.INVALID_INPUT, "transcript " + file + " exists and is not a sopctl"
                + " transcript (its last line is not a transcript event); sopctl appends only to its own transcripts",
                "give a new file, or an existing transcript, with --transcript FILE");
    }

    /**
     * Takes the exclusive lock on the open file for as long as it stays open.
     *
     * @throws SopctlException exit 4 naming the run that holds it (its id, operator and start)
     */
    static FileLock lock(FileOutputStream out, Path file) throws IOException {
        FileLock lock;
        try {
            lock = out.getChannel().tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this process: another run in the same shell
        }
        if (lock == null) {
            throw new SopctlException(ExitCode.LOCKED, "transcript " + file + " is being written by another run"
                    + holder(file).map(h -> " (" + h + ")").orElse("") + "; two runs in one file would interleave",
                    "wait for that run to end, or choose another file with --transcript FILE");
        }
        return lock;
    }

    /** The newest run-start in the file, as "run ID by OPERATOR since TIME". */
    private static Optional<String> holder(Path file) {
        String found = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains("\"type\":\"" + TranscriptEvents.RUN_START + "\"")) {
                    found = line;
                }
            }
            if (found == null) {
                return Optional.empty();
            }
            JsonNode n = TranscriptReader.JSON.readTree(found);
            return Optional.of("run " + n.path(TranscriptEvents.RUN).asText("?") + " by "
                    + n.path(TranscriptEvents.OPERATOR).asText("?") + " since " + n.path(TranscriptEvents.TIME).asText("?"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean startsWith(byte[] line, byte[] prefix) {
        if (line.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
