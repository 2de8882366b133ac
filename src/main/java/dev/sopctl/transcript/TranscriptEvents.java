package dev.sopctl.transcript;

/**
 * The event types and field names of a transcript (DESIGN.md §6), the vocabulary shared by the
 * engine that writes events and the reader, verifier and renderer that read them.
 *
 * <p>Every line also carries the envelope written by {@link TranscriptWriter}: {@code time}
 * (ISO-8601 instant with milliseconds, UTC), {@code run} (the run id), {@code seq} (1-based),
 * {@code type}, and last {@code prev} (hex SHA-256 of the previous line).
 *
 * <table>
 * <caption>Fields by event type</caption>
 * <tr><th>type</th><th>fields</th></tr>
 * <tr><td>{@code run-start}</td><td>operator (user@host), command_line, runbook, params (map),
 *     reason, dry_run, check, inventory</td></tr>
 * <tr><td>{@code step-start}</td><td>step, title, hosts (list), kind (probe|change),
 *     destructive</td></tr>
 * <tr><td>{@code command}</td><td>step, host, command (exact, after templating); in a piped step the
 *     sender's has pipe_to (the receiving host), the receiver's piped_from (the sending host)</td></tr>
 * <tr><td>{@code output}</td><td>step, host, stream (stdout|stderr), line</td></tr>
 * <tr><td>{@code step-end}</td><td>step, host, outcome (see {@code OUTCOME_*}), exit (int or null),
 *     duration_ms, message</td></tr>
 * <tr><td>{@code confirm}</td><td>step, prompt, hosts, commands, answer (see {@code ANSWER_*})</td></tr>
 * <tr><td>{@code notice}</td><td>step (optional), host (optional), message; when a command's output was cut:
 *     cut (true), and for the transcript's own cap stream, omitted_bytes, omitted_lines, total_bytes, sha256</td></tr>
 * <tr><td>{@code transfer}</td><td>step, host, to, via (pipe|watch), bytes, total (-1: unknown),
 *     duration_ms, rate (bytes/s, average), complete — once, when a transfer with progress ends. Its
 *     live progress events are shown, not recorded.</td></tr>
 * <tr><td>{@code interrupted}</td><td>step (optional), message</td></tr>
 * <tr><td>{@code wait}</td><td>step, host, condition, elapsed_ms, timeout_ms, attempt, why</td></tr>
 * <tr><td>{@code undo-plan}</td><td>reason, undos (each step, host, command; newest first) — after a
 *     stop that left changes made; the operator's answer follows as a {@code confirm} of step
 *     {@code undo}</td></tr>
 * <tr><td>{@code undo}</td><td>step, host, command, outcome (undone|failed|not-run|…), exit, duration_ms,
 *     message — one per change undone; its command also has a {@code command} event with undo=true</td></tr>
 * <tr><td>{@code lock}</td><td>host, action (taken|taken-over|broken|waiting|held|released|not-released),
 *     dir, message, owner (run, operator, control_host, machine_id, boot_id, pid, pid_start_ms, since,
 *     runbook, reason) — the run lock on a target host (DESIGN §5)</td></tr>
 * <tr><td>{@code run-end}</td><td>outcome, exit, duration_ms, message, hint; still_changed (host → step
 *     ids whose change was made and is not undone) when any</td></tr>
 * </table>
 */
public final class TranscriptEvents {
    public static final String RUN_START = "run-start";
    public static final String STEP_START = "step-start";
    public static final String COMMAND = "command";
    public static final String OUTPUT = "output";
    public static final String CONFIRM = "confirm";
    public static final String STEP_END = "step-end";
    public static final String RUN_END = "run-end";
    public static final String NOTICE = "notice";
    public static final String INTERRUPTED = "interrupted";
    public static final String TRANSFER = "transfer";
    public static final String WAIT = "wait";
    /** The undo plan after a stop (reason, undos), then one {@code undo} event per change undone. */
    public static final String UNDO_PLAN = "undo-plan";
    public static final String UNDO = "undo";
    public static final String LOCK = "lock";

    // envelope, written by TranscriptWriter; callers may not pass these
    public static final String TIME = "time";
    public static final String RUN = "run";
    public static final String SEQ = "seq";
    public static final String TYPE = "type";
    public static final String PREV = "prev";

    // run-start
    public static final String OPERATOR = "operator";
    public static final String COMMAND_LINE = "command_line";
    public static final String RUNBOOK = "runbook";
    public static final String PARAMS = "params";
    public static final String REASON = "reason";
    public static final String DRY_RUN = "dry_run";
    public static final String CHECK = "check";
    public static final String INVENTORY = "inventory";

    // steps
    public static final String STEP = "step";
    public static final String TITLE = "title";
    public static final String HOSTS = "hosts";
    public static final String HOST = "host";
    public static final String KIND = "kind";
    public static final String DESTRUCTIVE = "destructive";
    /** The exact command of a {@code command} event. */
    public static final String COMMAND_TEXT = "command";
    public static final String STREAM = "stream";
    public static final String LINE = "line";
    public static final String OUTCOME = "outcome";
    public static final String EXIT = "exit";
    public static final String DURATION_MS = "duration_ms";
    public static final String MESSAGE = "message";

    // piped commands and transfers
    public static final String PIPE_TO = "pipe_to";
    public static final String PIPED_FROM = "piped_from";
    public static final String TO = "to";
    public static final String BYTES = "bytes";
    public static final String TOTAL = "total";
    public static final String RATE = "rate";
    public static final String COMPLETE = "complete";

    // undo
    /** On a {@code command} event: the command undoes an earlier change of its step. */
    public static final String UNDO_FLAG = "undo";
    public static final String UNDOS = "undos";
    public static final String STILL_CHANGED = "still_changed";

    // confirm
    public static final String PROMPT = "prompt";
    public static final String COMMANDS = "commands";
    public static final String ANSWER = "answer";

    public static final String KIND_PROBE = "probe";
    public static final String KIND_CHANGE = "change";
    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";

    public static final String OUTCOME_OK = "ok";
    public static final String OUTCOME_FAILED = "failed";
    public static final String OUTCOME_SKIPPED = "skipped";
    public static final String OUTCOME_GUARD_FAILED = "guard-failed";
    public static final String OUTCOME_DISCONNECTED_AS_EXPECTED = "disconnected-as-expected";
    public static final String OUTCOME_TIMEOUT = "timeout";
    public static final String OUTCOME_UNREACHABLE = "unreachable";
    /** The outcome of a transcript without {@code run-end}: killed, or still running. */
    public static final String OUTCOME_INCOMPLETE = "incomplete";

    public static final String ANSWER_YES = "yes";
    public static final String ANSWER_NO = "no";
    public static final String ANSWER_TYPED_OK = "typed-ok";
    public static final String ANSWER_TYPED_WRONG = "typed-wrong";
    public static final String ANSWER_AUTO_YES = "auto-yes";
    public static final String ANSWER_NO_TERMINAL = "no-terminal";

    private TranscriptEvents() {}
}
