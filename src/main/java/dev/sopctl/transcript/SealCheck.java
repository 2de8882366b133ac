package dev.sopctl.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares each run of a transcript whose hash chain holds with its seal (see {@link Seals}): the
 * part of {@code sopctl transcript verify} that finds an edited last line or a cut tail.
 * Stateless and thread-safe.
 */
public final class SealCheck {
    /** What the seal says about one run. */
    public enum Verdict {
        /** The run's event count and last line are the sealed ones. */
        SEALED(false),
        /** Fewer events than sealed: lines were cut from the end. */
        CUT(true),
        /** The last line differs from the sealed one, or lines follow it. */
        EDITED(true),
        /** Never sealed and no run-end: killed (SIGKILL) or still running. Incomplete, not damaged. */
        UNFINISHED(false),
        /** A run-end that was never sealed: added or edited afterwards, or sopctl died while closing. */
        UNSEALED_END(true),
        /** No seal at all: the tail cannot be checked. */
        NO_SEAL(false),
        /** Sealed for this file, but none of its lines are left in it. */
        MISSING(true);

        private final boolean damaged;

        Verdict(boolean damaged) {
            this.damaged = damaged;
        }

        public boolean damaged() {
            return damaged;
        }
    }

    /** One run's verdict and a sentence saying it. */
    public record RunCheck(String run, Verdict verdict, String message) {}

    private record RunTail(long events, String lastHash, int lastLine, boolean ended) {}

    private SealCheck() {}

    /**
     * The runs of {@code file} (whose chain {@link TranscriptVerifier} found intact) against their seals.
     *
     * @throws SopctlException exit 3 when the file or the seals cannot be read
     */
    public static List<RunCheck> check(Path file, Seals seals) {
        try {
            return checkRuns(file, seals);
        } catch (IOException e) {
            throw new SopctlException(ExitCode.UNKNOWN, "cannot check the seals of " + file + ": " + e.getMessage(), null, e);
        }
    }

    private static List<RunCheck> checkRuns(Path file, Seals seals) throws IOException {
        Map<String, RunTail> runs = tails(file);
        List<RunCheck> out = new ArrayList<>();
        for (Map.Entry<String, RunTail> e : runs.entrySet()) {
            out.add(judge(e.getKey(), e.getValue(), seals.find(e.getKey()), seals));
        }
        for (Seals.Seal s : seals.of(file)) {
            if (!runs.containsKey(s.run()) && s.sealed()) {
                out.add(new RunCheck(s.run(), Verdict.MISSING, "run " + s.run() + " was sealed with " + s.events()
                        + " events in this file, but none of its lines are left — cut from the end"));
            }
        }
        return out;
    }

    private static RunCheck judge(String run, RunTail t, Optional<Seals.Seal> found, Seals seals) {
        if (found.isEmpty()) {
            return new RunCheck(run, Verdict.NO_SEAL, "run " + run + " has no seal in " + seals.dir()
                    + ", so an edited last line or a cut tail cannot be found (a run from before seals, or its seal"
                    + " was removed)");
        }
        Seals.Seal s = found.get();
        if (!s.sealed()) {
            return t.ended()
                    ? new RunCheck(run, Verdict.UNSEALED_END, "run " + run + " ends with a run-end (line " + t.lastLine()
                            + ") but was never sealed — the run-end was added or edited afterwards, or sopctl died"
                            + " while closing the transcript")
                    : new RunCheck(run, Verdict.UNFINISHED, "run " + run + " is incomplete: no run-end and its seal was"
                            + " never closed — it was killed (e.g. SIGKILL) or is still running; not damaged");
        }
        if (t.events() < s.events()) {
            return new RunCheck(run, Verdict.CUT, "run " + run + ": the seal records " + s.events()
                    + " events, the file has " + t.events() + " — lines cut from the end");
        }
        if (t.events() > s.events()) {
            return new RunCheck(run, Verdict.EDITED, "run " + run + ": the file has " + t.events()
                    + " events, the seal records " + s.events() + " — lines added after the run ended");
        }
        if (!t.lastHash().equals(s.last())) {
            return new RunCheck(run, Verdict.EDITED, "run " + run + ": its last line (line " + t.lastLine()
                    + ") is not the one sealed — edited");
        }
        return new RunCheck(run, Verdict.SEALED, "run " + run + ": sealed, " + s.events() + " events");
    }

    /** Per run, in file order: its event count, the hash and line number of its last line, and whether that is a run-end. */
    private static Map<String, RunTail> tails(Path file) throws IOException {
        Map<String, RunTail> runs = new LinkedHashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
            int lineNumber = 0;
            while (true) {
                buffer.reset();
                int b;
                boolean any = false;
                while ((b = in.read()) >= 0 && b != '\n') {
                    buffer.write(b);
                    any = true;
                }
                if (b < 0 && !any) {
                    break;
                }
                lineNumber++;
                byte[] line = buffer.toByteArray();
                JsonNode node = parse(line);
                if (node != null && node.path(TranscriptEvents.RUN).isTextual()) {
                    String run = node.get(TranscriptEvents.RUN).asText();
                    long before = runs.containsKey(run) ? runs.get(run).events() : 0;
                    boolean ended = TranscriptEvents.RUN_END.equals(node.path(TranscriptEvents.TYPE).asText());
                    runs.put(run, new RunTail(before + 1, Chain.hash(line), lineNumber, ended));
                }
                if (b < 0) {
                    break;
                }
            }
        }
        return runs;
    }

    private static JsonNode parse(byte[] line) {
        try {
            JsonNode node = line.length == 0 ? null : TranscriptReader.JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null; // a line cut by a kill
        }
    }
}
