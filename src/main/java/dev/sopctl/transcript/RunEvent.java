package dev.sopctl.transcript;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One event of a run: the one vocabulary the engine emits and every sink (the transcript writer,
 * the terminal renderer) consumes. {@link #type()} and {@link #fields()} are what the transcript
 * records (names as in {@link TranscriptEvents}; DESIGN §6). Values are plain: String, Number,
 * Boolean, null, List, Map.
 */
public sealed interface RunEvent {
    /** The transcript's event type: {@code step-start}. */
    String type();

    /** The transcript's fields, in the order they are written. */
    Map<String, Object> fields();

    /** This event with every text in it passed through {@code redact} (secrets become {@code ***}). */
    default RunEvent redacted(UnaryOperator<Object> redact) {
        RecordComponent[] parts = getClass().getRecordComponents();
        Object[] values = new Object[parts.length];
        Class<?>[] types = new Class<?>[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                Object v = parts[i].getAccessor().invoke(this);
                values[i] = v instanceof String || v instanceof List || v instanceof Map ? redact.apply(v) : v;
                types[i] = parts[i].getType();
            }
            return getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot redact " + type() + " event", e);
        }
    }

    /**
     * @param runbookSha256 the SHA-256 of the runbook's file as it ran (null for an ad-hoc exec), for resume
     * @param args          the parameters as typed (text), for resume; null when not known
     * @param runbooks      {@code --runbooks DIR}, or null
     * @param resumes       the run this one continues ({@code sopctl resume}), or null
     */
    record RunStart(String operator, List<String> commandLine, String runbook, Map<String, Object> params,
            String reason, boolean dryRun, boolean check, String inventory, String runbookSha256,
            Map<String, Object> args, String runbooks, String resumes) implements RunEvent {
        public RunStart(String operator, List<String> commandLine, String runbook, Map<String, Object> params,
                String reason, boolean dryRun, boolean check, String inventory) {
            this(operator, commandLine, runbook, params, reason, dryRun, check, inventory, null, null, null, null);
        }

        public String type() {
            return TranscriptEvents.RUN_START;
        }

        public Map<String, Object> fields() {
            Map<String, Object> m = Fields.of("operator", operator, "command_line", commandLine, "runbook", runbook,
                    "params", params, "reason", reason, "dry_run", dryRun, "check", check, "inventory", inventory);
            Fields.optional(m, "runbook_sha256", runbookSha256);
            Fields.optional(m, "args", args);
            Fields.optional(m, "runbooks", runbooks);
            Fields.optional(m, "resumes", resumes);
            return m;
        }
    }

    /** @param target for a step whose hosts are decided at run time: its {@code on} expression, else null */
    record StepStart(String step, int number, String title, List<String> hosts, String kind, boolean destructive,
            String target) implements RunEvent {
        public String type() {
            return TranscriptEvents.STEP_START;
        }

        public Map<String, Object> fields() {
            Map<String, Object> m = Fields.of("step", step, "number", number, "title", title, "hosts", hosts,
                    "kind", kind, "destructive", destructive);
            Fields.optional(m, "target", target);
            return m;
        }
    }

    /**
     * @param wouldRun  --check: shown, not run
     * @param pipeTo    the sender of a piped step: the receiving host, else null
     * @param pipedFrom the receiver of a piped step: the sending host, else null
     * @param undo      the command undoes an earlier change of this step
     */
    record Command(String step, String host, String command, boolean wouldRun, String pipeTo, String pipedFrom,
            boolean undo) implements RunEvent {
        public static Command of(String step, String host, String command) {
            return new Command(step, host, command, false, null, null, false);
        }

        public String type() {
            return TranscriptEvents.COMMAND;
        }

        public Map<String, Object> fields() {
            Map<String, Object> m = Fields.of("step", step, "host", host, "command", command);
            if (wouldRun) {
                m.put("would_run", true);
            }
            Fields.optional(m, "pipe_to", pipeTo);
            Fields.optional(m, "piped_from", pipedFrom);
            if (undo) {
                m.put("undo", true);
            }
            return m;
        }
    }

    record Output(String step, String host, String stream, String line) implements RunEvent {
        public String type() {
            return TranscriptEvents.OUTPUT;
        }

        public Map<String, Object> fields() {
            return Fields.of("step", step, "host", host, "stream", stream, "line", line);
        }
    }

    /** @param step the step asked about, or {@code undo} for the undo plan */
    record Confirm(String step, String prompt, List<String> hosts, List<String> commands, String typed, String answer)
            implements RunEvent {
        public String type() {
            return TranscriptEvents.CONFIRM;
        }

        public Map<String, Object> fields() {
            return Fields.of("step", step, "prompt", prompt, "hosts", hosts, "commands", commands, "typed", typed,
                    "answer", answer);
        }
    }

    record Wait(String step, String host, String condition, long elapsedMs, long timeoutMs, int attempt, String why)
            implements RunEvent {
        public String type() {
            return TranscriptEvents.WAIT;
        }

        public Map<String, Object> fields() {
            return Fields.of("step", step, "host", host, "condition", condition, "elapsed_ms", elapsedMs,
                    "timeout_ms", timeoutMs, "attempt", attempt, "why", why);
        }
    }

    /** @param via {@code pipe} (bytes relayed by sopctl) or {@code watch} (a file's size on {@code to}) */
    record Transfer(String step, String host, String to, String via, long bytes, long total, long durationMs, long rate,
            boolean complete) implements RunEvent {
        public String type() {
            return TranscriptEvents.TRANSFER;
        }

        public Map<String, Object> fields() {
            return Fields.of("step", step, "host", host, "to", to, "via", via, "bytes", bytes, "total", total,
                    "duration_ms", durationMs, "rate", rate, "complete", complete);
        }
    }

    /** A transfer's live progress: shown, never recorded. {@code etaMs} is null when unknown. */
    record Progress(String step, String host, String to, long bytes, long total, long rate, Long etaMs, long elapsedMs)
            implements RunEvent {
        public String type() {
            return "progress";
        }

        public Map<String, Object> fields() {
            return Fields.of("step", step, "host", host, "to", to, "bytes", bytes, "total", total, "rate", rate,
                    "eta_ms", etaMs, "elapsed_ms", elapsedMs);
        }
    }

    /** @param step the step it belongs to, or null; @param host the host it is about, or null */
    record Notice(String step, String host, String message) implements RunEvent {
        public String type() {
            return TranscriptEvents.NOTICE;
        }

        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            Fields.optional(m, "step", step);
            Fields.optional(m, "host", host);
            m.put("message", message);
            return m;
        }
    }

    /**
     * A notice that a command's output was cut (the transcript keeps its head and tail, the result its
     * first bytes): said even in quiet mode. Sizes and the SHA-256 are null where not known.
     */
    record OutputCut(String step, String host, String stream, String message, Long omittedBytes, Long omittedLines,
            Long totalBytes, String sha256) implements RunEvent {
        public String type() {
            return TranscriptEvents.NOTICE;
        }

        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            Fields.optional(m, "step", step);
            Fields.optional(m, "host", host);
            Fields.optional(m, "stream", stream);
            m.put("cut", true);
            m.put("message", message);
            Fields.optional(m, "omitted_bytes", omittedBytes);
            Fields.optional(m, "omitted_lines", omittedLines);
            Fields.optional(m, "total_bytes", totalBytes);
            Fields.optional(m, "sha256", sha256);
            return m;
        }
    }

    /** @param exit the command's exit status or null; @param code the DESIGN §4 code of the outcome */
    record StepEnd(String step, String host, String outcome, Integer exit, int code, long durationMs, String message,
            String hint) implements RunEvent {
        public String type() {
            return TranscriptEvents.STEP_END;
        }

        public Map<String, Object> fields() {
            return Fields.of("step", step, "host", host, "outcome", outcome, "exit", exit, "code", code,
                    "duration_ms", durationMs, "message", message, "hint", hint);
        }
    }

    record Interrupted(String step, String message) implements RunEvent {
        public String type() {
            return TranscriptEvents.INTERRUPTED;
        }

        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            Fields.optional(m, "step", step);
            m.put("message", message);
            return m;
        }
    }

    /**
     * The undo about to run after a stop: why, and each change's undo, newest first, as
     * {@code host: command} under its step.
     */
    record UndoPlan(String reason, List<Map<String, Object>> undos) implements RunEvent {
        public String type() {
            return TranscriptEvents.UNDO_PLAN;
        }

        public Map<String, Object> fields() {
            return Fields.of("reason", reason, "undos", undos);
        }
    }

    /** One change's undo on one host, after it ran (or was not run: outcome {@code not-run}). */
    record Undo(String step, String host, String command, String outcome, Integer exit, long durationMs, String message)
            implements RunEvent {
        public String type() {
            return TranscriptEvents.UNDO;
        }

        public Map<String, Object> fields() {
            return Fields.of("step", step, "host", host, "command", command, "outcome", outcome, "exit", exit,
                    "duration_ms", durationMs, "message", message);
        }
    }

    /** @param stillChanged per host, the steps whose change was made and not undone (empty when none) */
    record RunEnd(String outcome, int exit, long durationMs, String message, String hint,
            Map<String, List<String>> stillChanged) implements RunEvent {
        public String type() {
            return TranscriptEvents.RUN_END;
        }

        public Map<String, Object> fields() {
            Map<String, Object> m = Fields.of("outcome", outcome, "exit", exit, "duration_ms", durationMs,
                    "message", message, "hint", hint);
            if (stillChanged != null && !stillChanged.isEmpty()) {
                m.put("still_changed", stillChanged);
            }
            return m;
        }
    }

    /**
     * The run lock on a host (DESIGN §5): {@code taken}, {@code taken-over} (its owner was provably
     * gone), {@code broken} (--break-lock, confirmed), {@code waiting}, {@code held} (the run does
     * not start), {@code released}, {@code not-released}.
     *
     * @param owner the lock's recorded owner (ours for taken/released, the other run's otherwise), or null
     */
    record Lock(String host, String action, String dir, String message, Map<String, Object> owner) implements RunEvent {
        public String type() {
            return TranscriptEvents.LOCK;
        }

        public Map<String, Object> fields() {
            Map<String, Object> m = Fields.of("host", host, "action", action, "dir", dir);
            Fields.optional(m, "message", message);
            Fields.optional(m, "owner", owner);
            return m;
        }
    }

    /** Building field maps. */
    final class Fields {
        private Fields() {}

        static Map<String, Object> of(Object... keyValues) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
            return m;
        }

        static void optional(Map<String, Object> m, String key, Object value) {
            if (value != null) {
                m.put(key, value);
            }
        }
    }
}
