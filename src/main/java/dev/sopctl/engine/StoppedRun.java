package dev.sopctl.engine;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.transcript.SealCheck;
import dev.sopctl.transcript.Seals;
import dev.sopctl.transcript.TranscriptReader;
import dev.sopctl.transcript.TranscriptVerifier;
import dev.sopctl.transcript.VerifyResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run that stopped (failed, declined, interrupted, killed), read back from its transcript for
 * {@code sopctl resume}: which runbook with which parameters, its content hash, and which changes
 * it completed on which hosts (a change counts when its command ran to its end and no undo put it
 * back afterwards). Refuses (exit 2) a transcript that fails verification, and (exit 65) a run
 * that finished, a dry-run, a --check run, or one that did not record what resume needs.
 *
 * @param run            the run id
 * @param runbook        the runbook's name
 * @param runbookSha256  the runbook file's SHA-256 when it ran
 * @param args           its parameters as typed
 * @param inventory      the inventory it ran against (as recorded), or null
 * @param runbooks       its {@code --runbooks DIR}, or null
 * @param reason         its {@code --reason}, or null
 * @param outcome        how it ended (run-end's outcome), or {@code killed} when it has no run-end
 * @param changes        per change step id, the hosts where it completed and is still in place
 */
public record StoppedRun(String run, String runbook, String runbookSha256, Map<String, String> args, String inventory,
        String runbooks, String reason, String outcome, Map<String, Set<String>> changes) {
    /** Outcomes of a change step's step-end that mean its command ran to its end. */
    private static final Set<String> MADE = Set.of("ok", "warning", "disconnected-as-expected", "done-earlier");

    /** Reads the run {@code run} (null: the last run in the file) from a transcript file. */
    public static StoppedRun read(Path file, String run, Seals seals) {
        VerifyResult verified = new TranscriptVerifier().verify(file);
        if (!verified.ok()) {
            throw new SopctlException(ExitCode.CRITICAL, "cannot resume from " + file + ": the transcript fails"
                    + " verification: " + verified.problem() + (verified.badLine() > 0 ? " (line " + verified.badLine()
                    + ")" : ""), "a run is resumed only from an intact transcript; 'sopctl transcript verify' says more");
        }
        List<Map<String, Object>> all = TranscriptReader.read(file);
        String id = run != null && all.stream().anyMatch(e -> run.equals(e.get("run"))) ? run : lastRun(all, file);
        for (SealCheck.RunCheck c : SealCheck.check(file, seals)) {
            if (c.run().equals(id) && c.verdict().damaged()) {
                throw new SopctlException(ExitCode.CRITICAL, "cannot resume run " + id + ": its transcript fails"
                        + " verification: " + c.message(), "a run is resumed only from an intact transcript");
            }
        }
        List<Map<String, Object>> events = all.stream().filter(e -> id.equals(e.get("run"))).toList();
        Map<String, Object> start = events.stream().filter(e -> "run-start".equals(e.get("type"))).findFirst()
                .orElseThrow(() -> refused("run " + id + " has no run-start in " + file));
        if (Boolean.TRUE.equals(start.get("dry_run"))) {
            throw refused("run " + id + " was a dry-run: it changed nothing, so there is nothing to resume; run it");
        }
        if (Boolean.TRUE.equals(start.get("check"))) {
            throw refused("run " + id + " was a --check run: it changed nothing, so there is nothing to resume; run it");
        }
        Map<String, Object> end = events.stream().filter(e -> "run-end".equals(e.get("type"))).reduce((a, b) -> b)
                .orElse(null);
        String outcome = end == null ? "killed" : String.valueOf(end.get("outcome"));
        if (end != null && ("ok".equals(outcome) || "warning".equals(outcome))) {
            throw refused("run " + id + " finished (" + outcome + "): there is nothing to resume");
        }
        if (!(start.get("runbook_sha256") instanceof String sha) || !(start.get("args") instanceof Map<?, ?> rawArgs)) {
            throw refused("run " + id + " did not record its runbook's content and parameters (an ad-hoc exec, or a"
                    + " sopctl before resume existed), so it cannot be resumed");
        }
        Map<String, String> args = new LinkedHashMap<>();
        rawArgs.forEach((k, v) -> args.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        return new StoppedRun(id, String.valueOf(start.get("runbook")), sha, args, text(start.get("inventory")),
                text(start.get("runbooks")), text(start.get("reason")), outcome, completedChanges(events));
    }

    private static Map<String, Set<String>> completedChanges(List<Map<String, Object>> events) {
        Map<String, String> kinds = new HashMap<>();
        Map<String, Set<String>> done = new LinkedHashMap<>();
        for (Map<String, Object> e : events) {
            String type = String.valueOf(e.get("type"));
            String step = text(e.get("step"));
            String host = text(e.get("host"));
            switch (type) {
                case "step-start" -> kinds.put(step, text(e.get("kind")));
                case "step-end" -> {
                    String outcome = text(e.get("outcome"));
                    boolean made = MADE.contains(outcome) || "guard-failed".equals(outcome) && e.get("exit") != null;
                    if ("change".equals(kinds.get(step)) && made && host != null && !host.isEmpty()) {
                        done.computeIfAbsent(step, k -> new LinkedHashSet<>()).add(host);
                    }
                }
                case "undo" -> {
                    if ("undone".equals(text(e.get("outcome"))) && done.containsKey(step)) {
                        done.get(step).remove(host);
                    }
                }
                default -> { }
            }
        }
        done.values().removeIf(Set::isEmpty);
        return done;
    }

    private static String lastRun(List<Map<String, Object>> events, Path file) {
        List<String> runs = new ArrayList<>();
        events.stream().filter(e -> "run-start".equals(e.get("type"))).forEach(e -> runs.add(text(e.get("run"))));
        if (runs.isEmpty()) {
            throw refused("no run in " + file);
        }
        return runs.get(runs.size() - 1);
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static SopctlException refused(String message) {
        return new SopctlException(ExitCode.INVALID_INPUT, message, "sopctl transcript list shows the runs and how they ended");
    }
}
