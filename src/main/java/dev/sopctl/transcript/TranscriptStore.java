package dev.sopctl.transcript;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The transcripts folder: one {@code RUNID.jsonl} file per run.
 *
 * <pre>{@code
 * TranscriptStore store = new TranscriptStore(TranscriptStore.defaultDir(System.getenv()));
 * Path file = store.fileFor(RunIds.newRunId(clock));
 * Path shown = store.find("20261123-14");   // unique prefix, or "last"
 * }</pre>
 */
public final class TranscriptStore {
    static final String UNREADABLE = "unreadable";
    private static final String SUFFIX = ".jsonl";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final int LISTED_IN_ERRORS = 10;

    private final Path dir;

    public TranscriptStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /**
     * {@code $XDG_STATE_HOME/sopctl/transcripts} when that variable is set to an absolute path, else
     * {@code $HOME/.local/state/sopctl/transcripts} (the {@code user.home} property without HOME).
     */
    public static Path defaultDir(Map<String, String> env) {
        return stateDir(env).resolve("transcripts");
    }

    /**
     * sopctl's state folder: {@code $XDG_STATE_HOME/sopctl} when that variable is set to an absolute
     * path, else {@code $HOME/.local/state/sopctl} (the {@code user.home} property without HOME).
     */
    public static Path stateDir(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        if (state != null && !state.isBlank() && Path.of(state).isAbsolute()) {
            return Path.of(state, "sopctl");
        }
        String home = env.get("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return Path.of(home, ".local", "state", "sopctl");
    }

    public Path dir() {
        return dir;
    }

    /** {@code DIR/RUNID.jsonl}. */
    public Path fileFor(String runId) {
        if (runId == null || runId.isBlank() || runId.contains("/") || runId.contains("\\") || runId.startsWith(".")) {
            throw new IllegalArgumentException("not a run id: '" + runId + "'");
        }
        return dir.resolve(runId + SUFFIX);
    }

    /**
     * Every transcript in the folder, newest first; an empty list when the folder does not exist.
     * A damaged file is listed with what could be read from it.
     */
    public List<TranscriptSummary> list() {
        return files().stream()
                .map(TranscriptStore::summarize)
                .sorted(Comparator.comparing(TranscriptSummary::start)
                        .thenComparing(TranscriptSummary::id)
                        .reversed())
                .toList();
    }

    /**
     * The transcript named by a run id, a unique prefix of one, a path to a transcript file, or
     * {@code last} (also null or blank) for the newest.
     *
     * @throws SopctlException exit 65 when nothing or more than one transcript matches
     */
    public Path find(String idOrPrefix) {
        String wanted = idOrPrefix == null ? "" : idOrPrefix.strip();
        if (wanted.isEmpty() || wanted.equals("last")) {
            List<TranscriptSummary> all = list();
            if (all.isEmpty()) {
                throw new SopctlException(ExitCode.INVALID_INPUT, "no transcripts in " + dir,
                        "every sopctl run writes one there; --transcript FILE writes elsewhere");
            }
            return all.get(0).path();
        }
        if (wanted.contains("/") || wanted.contains("\\")) {
            Path path = Path.of(wanted);
            if (Files.isRegularFile(path)) {
                return path;
            }
            throw new SopctlException(ExitCode.INVALID_INPUT, "no transcript file " + wanted);
        }
        String id = wanted.endsWith(SUFFIX) ? wanted.substring(0, wanted.length() - SUFFIX.length()) : wanted;
        List<Path> matches = files().stream().filter(f -> idOf(f).startsWith(id)).sorted().toList();
        Path exact = matches.stream().filter(f -> idOf(f).equals(id)).findFirst().orElse(null);
        if (exact != null) {
            return exact;
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "no transcript matches '" + wanted + "' in " + dir,
                    "sopctl transcript list shows the runs recorded there");
        }
        String shown = matches.stream().limit(LISTED_IN_ERRORS).map(TranscriptStore::idOf)
                .collect(Collectors.joining(", "));
        if (matches.size() > LISTED_IN_ERRORS) {
            shown += ", …";
        }
        throw new SopctlException(ExitCode.INVALID_INPUT,
                "'" + wanted + "' matches " + matches.size() + " transcripts: " + shown,
                "give more of the run id");
    }

    /** Summarizes one transcript file from its first and last lines, tolerating damage. */
    public static TranscriptSummary summarize(Path file) {
        String id = idOf(file);
        Map<String, Object> first;
        Map<String, Object> last;
        try {
            first = firstEvent(file);
            Chain.Tail tail = Chain.tail(file);
            last = tail.lastLine() == null
                    ? null
                    : TranscriptReader.parse(new String(tail.lastLine(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new TranscriptSummary(id, file, fallbackStart(id, file), null, null, null, null, UNREADABLE,
                    null, false);
        }
        Map<String, Object> start = first != null && TranscriptEvents.RUN_START.equals(first.get(TranscriptEvents.TYPE))
                ? first
                : Map.of();
        Map<String, Object> end = last != null && TranscriptEvents.RUN_END.equals(last.get(TranscriptEvents.TYPE))
                ? last
                : null;
        Instant started = instant(start.get(TranscriptEvents.TIME));
        return new TranscriptSummary(
                id,
                file,
                started != null ? started : fallbackStart(id, file),
                text(start.get(TranscriptEvents.OPERATOR)),
                text(start.get(TranscriptEvents.RUNBOOK)),
                text(start.get(TranscriptEvents.COMMAND_LINE)),
                text(start.get(TranscriptEvents.REASON)),
                end == null ? TranscriptEvents.OUTCOME_INCOMPLETE
                        : Objects.requireNonNullElse(text(end.get(TranscriptEvents.OUTCOME)), "unknown"),
                end != null && end.get(TranscriptEvents.EXIT) instanceof Number n ? n.intValue() : null,
                Boolean.TRUE.equals(start.get(TranscriptEvents.DRY_RUN)));
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                    .filter(Files::isRegularFile)
                    .collect(Collectors.toCollection(ArrayList::new));
        } catch (IOException e) {
            throw new SopctlException(ExitCode.UNKNOWN, "cannot list transcripts in " + dir + ": " + e.getMessage(),
                    null, e);
        }
    }

    private static String idOf(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }

    private static Map<String, Object> firstEvent(Path file) throws IOException {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            return TranscriptReader.parse(in.readLine());
        }
    }

    private static Instant fallbackStart(String id, Path file) {
        if (id.length() >= 15) {
            try {
                return LocalDateTime.parse(id.substring(0, 15), ID_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // not one of our ids; use the file's time
            }
        }
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    static Instant instant(Object value) {
        if (value instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> words) {
            return words.stream().map(String::valueOf).collect(Collectors.joining(" "));
        }
        return value.toString();
    }
}
