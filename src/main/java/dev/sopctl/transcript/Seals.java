package dev.sopctl.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sopctl.output.CompactJson;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Each run's final hash, kept apart from its transcript (DESIGN.md §6), so that an edited last
 * line or a cut tail is found: the hash chain alone cannot tell those from a shorter run.
 *
 * <p>One small JSON file per run in the seals folder ({@code STATE/sopctl/seals/RUNID.json}):
 * written {@code open} when the run's transcript is opened, rewritten {@code sealed} with the
 * run's event count and the SHA-256 of its last line when the transcript is closed. A run killed
 * with SIGKILL leaves its seal open, which tells an unfinished run from a tampered one. Writes
 * go to a temporary file first and are moved into place, so a seal is never half written.
 * Thread-safe as far as the file system is: each run writes only its own seal.
 */
public final class Seals {
    /** What a seal says about its run. */
    public record Seal(String run, Path transcript, boolean sealed, long events, String last) {
        public Seal {
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(transcript, "transcript");
        }
    }

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path dir;

    public Seals(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** {@code STATE/sopctl/seals}, beside the transcripts folder (see {@link TranscriptStore#stateDir}). */
    public static Path defaultDir(Map<String, String> env) {
        return TranscriptStore.stateDir(env).resolve("seals");
    }

    public Path dir() {
        return dir;
    }

    /** Records that {@code run} started writing to {@code transcript}. */
    void open(String run, Path transcript) throws IOException {
        write(new Seal(run, absolute(transcript), false, 0, null));
    }

    /** Records {@code run}'s final state: {@code events} lines, the last one hashing to {@code last}. */
    void close(String run, Path transcript, long events, String last) throws IOException {
        write(new Seal(run, absolute(transcript), true, events, last));
    }

    /** The seal of {@code run}, if there is one. */
    public Optional<Seal> find(String run) throws IOException {
        if (!RUN_ID.matcher(run).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(Files.readAllBytes(fileOf(run))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Every seal that names {@code transcript} as its run's file. */
    public List<Seal> of(Path transcript) throws IOException {
        Path target = absolute(transcript);
        List<Seal> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".json"))::iterator) {
                try {
                    Seal s = read(Files.readAllBytes(f));
                    if (s.transcript().equals(target)) {
                        out.add(s);
                    }
                } catch (IOException e) {
                    // another run's seal being replaced, or not a seal: not this transcript's
                }
            }
        }
        return out;
    }

    private void write(Seal seal) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", seal.run());
        m.put("transcript", seal.transcript().toString());
        m.put("state", seal.sealed() ? "sealed" : "open");
        if (seal.sealed()) {
            m.put("events", seal.events());
            m.put("last", seal.last());
        }
        Path tmp = posix
                ? Files.createTempFile(dir, ".seal-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".seal-", ".tmp");
        try {
            Files.write(tmp, CompactJson.bytes(m));
            try {
                Files.move(tmp, fileOf(seal.run()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, fileOf(seal.run()), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Path fileOf(String run) {
        if (!RUN_ID.matcher(run).matches()) {
            throw new IllegalArgumentException("not a run id: '" + run + "'");
        }
        return dir.resolve(run + ".json");
    }

    private static Seal read(byte[] bytes) throws IOException {
        JsonNode n = Reading.JSON.readTree(bytes);
        if (n == null || !n.isObject() || !n.path("run").isTextual() || !n.path("transcript").isTextual()) {
            throw new IOException("not a seal");
        }
        boolean sealed = "sealed".equals(n.path("state").asText());
        return new Seal(n.get("run").asText(), Path.of(n.get("transcript").asText()), sealed,
                n.path("events").asLong(0), n.path("last").isTextual() ? n.get("last").asText() : null);
    }

    /** A databind mapper only for reading seals back (verify, list), not on the path of every run. */
    private static final class Reading {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
