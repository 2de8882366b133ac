package dev.sopctl.transcript;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One run, as {@code sopctl transcript list} shows it: read from the transcript's {@code run-start}
 * and {@code run-end} events.
 *
 * @param id the run id (the file name without {@code .jsonl})
 * @param path the transcript file
 * @param start when the run started; from {@code run-start}, else from the id, else the file's
 *     modification time
 * @param operator user@host, or null when unknown
 * @param runbook the runbook name, or null (ad-hoc {@code exec}, or unknown)
 * @param commandLine the command line as typed, or null
 * @param reason the {@code --reason}, or null
 * @param outcome the {@code run-end} outcome; {@code incomplete} without {@code run-end} (killed or
 *     still running); {@code unreadable} when the file could not be read
 * @param exitCode the {@code run-end} exit code, or null
 * @param dryRun whether the run was a {@code --dry-run}
 */
public record TranscriptSummary(
        String id,
        Path path,
        Instant start,
        String operator,
        String runbook,
        String commandLine,
        String reason,
        String outcome,
        Integer exitCode,
        boolean dryRun) {
    public TranscriptSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Whether the transcript ends with {@code run-end}. */
    public boolean complete() {
        return !TranscriptEvents.OUTCOME_INCOMPLETE.equals(outcome) && !TranscriptStore.UNREADABLE.equals(outcome);
    }
}
