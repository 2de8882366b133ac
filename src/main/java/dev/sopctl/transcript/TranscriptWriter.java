package dev.sopctl.transcript;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.output.CompactJson;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Appends a run's events to a JSON Lines file (DESIGN.md §6), one line per event, written and
 * flushed before {@link #write} returns, so a run killed at any moment leaves a valid prefix.
 *
 * <p>Each line is a JSON object: {@code time} (ISO-8601 UTC instant with milliseconds),
 * {@code run}, {@code seq} (1-based, per run), {@code type}, the caller's fields with every secret
 * value replaced by {@code ***} (see {@link Redactor}), and last {@code prev}: the hex SHA-256 of
 * the previous line's bytes without its newline, or 64 zeros for a file's first line. Field names
 * are listed in {@link TranscriptEvents}.
 *
 * <p>Appending to a file that already holds lines (for example a {@code --transcript FILE} used
 * twice) continues the hash chain from its last line and starts {@code seq} again at 1 under the
 * new run id; {@link TranscriptVerifier} accepts that. The file must be a transcript already, is
 * never reached through a symbolic link, and is locked for the run (see {@link TranscriptFileGuard}). A new file is created with mode 0600 (and
 * new folders with 0700) where the file system is POSIX.
 *
 * <p>Thread-safe: {@link #write} is synchronized, so events from a fan-out are whole lines in one
 * order. A failed write (disk full) throws {@link SopctlException} with exit 3 naming the file;
 * after that the writer refuses further events, since the file may end in a partial line.
 *
 * <pre>{@code
 * try (TranscriptWriter transcript = TranscriptWriter.open(store.fileFor(runId), runId, redactor, clock)) {
 *     transcript.write(TranscriptEvents.RUN_START, Map.of("operator", "alice@ops1", ...));
 *     ...
 * }
 * }</pre>
 */
public final class TranscriptWriter implements TranscriptSink, AutoCloseable {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> ENVELOPE = Set.of(TranscriptEvents.TIME, TranscriptEvents.RUN,
            TranscriptEvents.SEQ, TranscriptEvents.TYPE, TranscriptEvents.PREV);
    private final Path file;
    private final String runId;
    private final Redactor redactor;
    private final Clock clock;
    private final OutputStream out;
    private final Seals seals; // null: not sealed
    private long seq;
    private String prev;
    private boolean closed;
    private SopctlException failure;

    private TranscriptWriter(Path file, String runId, Redactor redactor, Clock clock, OutputStream out, String prev,
            Seals seals) {
        this.file = file;
        this.seals = seals;
        this.runId = runId;
        this.redactor = redactor;
        this.clock = clock;
        this.out = out;
        this.prev = prev;
    }

    /**
     * Opens {@code file} for appending, creating it and its folders when missing; the run is not sealed.
     *
     * @throws SopctlException exit 3 when the file cannot be created, read or opened
     */
    public static TranscriptWriter open(Path file, String runId, Redactor redactor, Clock clock) {
        return open(file, runId, redactor, clock, null);
    }

    /**
     * Opens {@code file} for appending, as {@link #open(Path, String, Redactor, Clock)}, and keeps the
     * run's seal in {@code seals}: opened now, sealed with the final hash by {@link #close()}.
     *
     * @param seals where the run's seal is kept; null for none
     * @throws SopctlException exit 3 when the file or the seal cannot be written; 65 for a symbolic link, not a
     *     regular file or not a transcript; 4 when another run is writing to it
     */
    public static TranscriptWriter open(Path file, String runId, Redactor redactor, Clock clock, Seals seals) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(redactor, "redactor");
        Objects.requireNonNull(clock, "clock");
        TranscriptFileGuard.checkTarget(file);
        OutputStream out = null;
        try {
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent, attributes(posix, "rwx------"));
            }
            try {
                Files.createFile(file, attributes(posix, "rw-------"));
            } catch (FileAlreadyExistsException e) {
                // appending to an existing transcript: keep its mode
            }
            TranscriptFileGuard.checkTarget(file); // again: a link may have been put there meanwhile
            // FileOutputStream, not a FileChannel: an interrupted thread (Ctrl-C) must still be able to
            // write the 'interrupted' event, and interruptible channels close themselves on interrupt.
            Chain.Tail tail;
            if (file.getFileSystem() == FileSystems.getDefault()) {
                // the tail is read before the lock is taken: closing any other descriptor of the file
                // would release a POSIX lock; a size that moved in between means another writer came first
                for (int attempt = 1; ; attempt++) {
                    tail = Chain.tail(file);
                    FileOutputStream stream = new FileOutputStream(file.toFile(), true);
                    out = stream;
                    TranscriptFileGuard.lock(stream, file); // released when the stream closes
                    if (stream.getChannel().size() == tail.size()) {
                        break;
                    }
                    closeQuietly(out);
                    out = null;
                    if (attempt == 3) {
                        throw new IOException("the file keeps changing while it is opened: another program writes to it");
                    }
                }
            } else {
                tail = Chain.tail(file);
                out = Files.newOutputStream(file, StandardOpenOption.APPEND);
            }
            TranscriptFileGuard.checkIsTranscript(file, tail.lastLine());
            if (!tail.endsWithNewline()) {
                out.write('\n'); // close a line cut by a kill, so our first line starts on its own
                out.flush();
            }
            String prev = tail.lastLine() == null ? Chain.START : Chain.hash(tail.lastLine());
            if (seals != null) {
                seals.open(runId, file);
            }
            return new TranscriptWriter(file, runId, redactor, clock, out, prev, seals);
        } catch (SopctlException e) {
            closeQuietly(out);
            throw e;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            closeQuietly(out);
            throw new SopctlException(ExitCode.UNKNOWN, "cannot open transcript " + file + ": " + describe(e),
                    "choose another file with --transcript FILE", e);
        }
    }

    private static FileAttribute<?>[] attributes(boolean posix, String permissions) {
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }

    /**
     * Appends one event and flushes it.
     *
     * @param fields plain values (String, Number, Boolean, null, Map, List; anything else is written
     *     as its {@code toString()}); a field may not be named time, run, seq, type or prev
     * @throws SopctlException exit 3 when the line cannot be written
     * @throws IllegalStateException after {@link #close()}
     * @throws IllegalArgumentException a field uses an envelope name
     */
    @Override
    public synchronized void write(String type, Map<String, Object> fields) {
        Objects.requireNonNull(type, "type");
        if (closed) {
            throw new IllegalStateException("transcript " + file + " is closed");
        }
        if (failure != null) {
            throw failure;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put(TranscriptEvents.TIME, TIME.format(clock.instant()));
        event.put(TranscriptEvents.RUN, runId);
        event.put(TranscriptEvents.SEQ, seq + 1);
        event.put(TranscriptEvents.TYPE, type);
        if (fields != null) {
            fields.forEach((name, value) -> {
                if (ENVELOPE.contains(name)) {
                    throw new IllegalArgumentException("transcript field '" + name + "' is reserved");
                }
                event.put(name, redactor.redactDeep(plain(value)));
            });
        }
        event.put(TranscriptEvents.PREV, prev);
        byte[] json;
        try {
            json = CompactJson.bytes(event);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("transcript event '" + type + "' is not plain values: " + e.getMessage(), e);
        }
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        try {
            out.write(line); // one write call per line: a kill leaves whole lines and at most one cut tail
            out.flush();
        } catch (IOException e) {
            failure = new SopctlException(ExitCode.UNKNOWN, "cannot write transcript " + file + ": " + describe(e),
                    "free space on that file system, or choose another file with --transcript FILE", e);
            throw failure;
        }
        seq++;
        prev = Chain.hash(json);
    }

    /** Converts values Jackson should not see as beans (paths, durations, enums...) to strings. */
    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        if (value instanceof Object[] array) {
            return plain(java.util.Arrays.asList(array));
        }
        if (value instanceof Optional<?> optional) {
            return plain(optional.orElse(null));
        }
        return value.toString();
    }

    /** The file this writer appends to. */
    public Path file() {
        return file;
    }

    /** The run id written on every line. */
    public String runId() {
        return runId;
    }

    /** How many events this writer has written. */
    public synchronized long events() {
        return seq;
    }

    /**
     * Flushes and closes the file and seals the run (when opened with seals and every event was
     * written); later calls do nothing.
     *
     * @throws SopctlException exit 3 when the file cannot be closed or the seal cannot be written
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new SopctlException(ExitCode.UNKNOWN, "cannot close transcript " + file + ": " + describe(e), null, e);
        }
        if (seals != null && failure == null && seq > 0) {
            try {
                seals.close(runId, file, seq, prev);
            } catch (IOException e) {
                throw new SopctlException(ExitCode.UNKNOWN, "cannot seal transcript " + file + " in " + seals.dir() + ": "
                        + describe(e), "the run's transcript is complete, but an edited last line could go unnoticed", e);
            }
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(OutputStream out) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }
}
