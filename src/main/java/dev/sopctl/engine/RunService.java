package dev.sopctl.engine;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.InventoryLoader;
import dev.sopctl.inventory.InventoryLocator;
import dev.sopctl.lock.ControlHost;
import dev.sopctl.lock.LockScript;
import dev.sopctl.runbook.ParameterValidator;
import dev.sopctl.runbook.ParameterValues;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.runbook.RunbookRepository;
import dev.sopctl.transcript.Redactor;
import dev.sopctl.transcript.RunIds;
import dev.sopctl.transcript.Seals;
import dev.sopctl.transcript.TranscriptSink;
import dev.sopctl.transcript.TranscriptStore;
import dev.sopctl.transcript.TranscriptWriter;
import dev.sopctl.transport.Transport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one engine call behind every runbook command: find the inventory and the runbook, check the
 * parameters, plan, then either stop there (dry-run) or execute, writing the transcript in both
 * cases. The transport is built only when something will really run, on a background thread
 * while the run plans ({@link TransportAhead}).
 */
public final class RunService {
    private final Map<String, String> environment;
    private final Path workingDir;
    private final String operator;
    private final Function<Inventory, Transport> transports;
    private final Confirmer confirmer;
    private final List<TranscriptSink> sinks;
    private final Ticker ticker;
    private final Clock clock;
    /** A sink made for each real run once its id is known (the syslog audit), or null. */
    private final Function<String, TranscriptSink> perRun;

    /**
     * @param transports builds the transport for an inventory (called at most once per run, never for a dry-run)
     * @param sinks      where run events go besides the transcript (the terminal)
     */
    public RunService(Map<String, String> environment, Path workingDir, String operator,
            Function<Inventory, Transport> transports, Confirmer confirmer, List<TranscriptSink> sinks, Ticker ticker,
            Clock clock) {
        this(environment, workingDir, operator, transports, confirmer, sinks, ticker, clock, null);
    }

    private RunService(Map<String, String> environment, Path workingDir, String operator,
            Function<Inventory, Transport> transports, Confirmer confirmer, List<TranscriptSink> sinks, Ticker ticker,
            Clock clock, Function<String, TranscriptSink> perRun) {
        this.environment = Map.copyOf(environment);
        this.workingDir = workingDir;
        this.operator = operator;
        this.transports = transports;
        this.confirmer = confirmer;
        this.sinks = List.copyOf(sinks);
        this.ticker = ticker;
        this.clock = clock;
        this.perRun = perRun;
    }

    /**
     * This service with one more sink per real run, made from the run's id before it starts (an
     * {@link AutoCloseable} sink is closed when the run ends). Dry-runs do not get one.
     */
    public RunService withRunSink(Function<String, TranscriptSink> sink) {
        return new RunService(environment, workingDir, operator, transports, confirmer, sinks, ticker, clock, sink);
    }

    /** What a run produced: the plan always; the result unless it was a dry-run. */
    /** @param redactor hides this run's secret values in anything printed from the plan or result */
    public record Outcome(int exitCode, Plan plan, RunResult result, String runId, Path transcript, Redactor redactor) {}

    /** Runs a named runbook (packaged or from {@code --runbooks}). */
    public Outcome run(String runbookName, RunRequest request) {
        RunbookRepository repository = RunbookRepository.load(request.runbooks());
        Runbook runbook = repository.get(runbookName);
        return run(runbook, request, sha256(repository.source(runbookName).text()));
    }

    /** A runbook the caller has read by name, with the SHA-256 of its text for run-start (and resume). */
    public Outcome run(Runbook runbook, String runbookSha256, RunRequest request) {
        return run(runbook, request, runbookSha256);
    }

    /** The SHA-256 (hex) of a runbook's text, as run-start records it. */
    public static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a runbook built in code (for {@code sopctl exec}). */
    public Outcome run(Runbook runbook, RunRequest request) {
        return run(runbook, request, null);
    }

    private Outcome run(Runbook runbook, RunRequest request, String runbookSha256) {
        Inventory inventory = loadInventory(request.inventory());
        // parameters before the transport: a bad one stops the run having built nothing
        ParameterValues params = ParameterValidator.validate(runbook, request.params(), inventory, environment);
        if (request.dryRun()) {
            return run(runbook, request, inventory, params, null, runbookSha256);
        }
        try (TransportAhead transport = TransportAhead.start(transports, inventory)) {
            return run(runbook, request, inventory, params, transport, runbookSha256);
        }
    }

    /** @param transport null for a dry-run */
    private Outcome run(Runbook runbook, RunRequest request, Inventory inventory, ParameterValues params,
            TransportAhead transport, String runbookSha256) {
        List<String> secrets = new ArrayList<>(inventory.secretValues(environment));
        secrets.addAll(params.secrets());
        Redactor redactor = new Redactor(secrets);
        try {
            RunOrigin origin = new RunOrigin(runbookSha256, request.params(),
                    request.runbooks() == null ? null : request.runbooks().toAbsolutePath().toString(), request.resumes());
            return run(runbook, request, inventory, params, secrets, redactor, transport, origin);
        } catch (SopctlException e) {
            // an error may quote a value (a host name templated from a secret): it is printed as well
            throw new SopctlException(e.exitCode(), redactor.redact(e.getMessage()), redactor.redact(e.hint()), e);
        }
    }

    private Outcome run(Runbook runbook, RunRequest request, Inventory inventory, ParameterValues params,
            List<String> secrets, Redactor redactor, TransportAhead transports, RunOrigin origin) {
        Plan plan = Planner.plan(runbook, params, inventory);
        String runId = RunIds.newRunId(clock);
        Path file = request.transcript() != null ? request.transcript()
                : new TranscriptStore(TranscriptStore.defaultDir(environment)).fileFor(runId);
        try (TranscriptWriter transcript = TranscriptWriter.open(file, runId, redactor, clock,
                new Seals(Seals.defaultDir(environment)))) {
            if (request.dryRun()) {
                transcript.write("run-start", dryRunStart(runbook, plan, request, inventory, redactor));
                transcript.write("plan", Map.of("plan", new PlanFormatter(redactor).asJson(plan)));
                transcript.write("run-end", Map.of("outcome", "dry-run", "exit", 0, "duration_ms", 0));
                return new Outcome(0, plan, null, runId, file, redactor);
            }
            List<TranscriptSink> all = new ArrayList<>();
            all.add(transcript);
            all.addAll(sinks);
            TranscriptSink extra = perRun == null ? null : perRun.apply(runId);
            if (extra != null) {
                all.add(extra);
            }
            RunOptions options = new RunOptions(request.mode(), request.parallel(), request.timeout(), operator,
                    request.commandLine(), request.reason(), secrets, lockOptions(request), origin);
            try (Transport transport = transports.get()) {
                RunResult result = new Executor(transport, confirmer, all, ticker, options).run(runId, plan);
                return new Outcome(result.exitCode(), plan, result, runId, file, redactor);
            } finally {
                if (extra instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        // a sink that cannot finish says so itself; the run's outcome stands
                    }
                }
            }
        }
    }

    private Map<String, Object> dryRunStart(Runbook runbook, Plan plan, RunRequest request, Inventory inventory,
            Redactor redactor) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("operator", operator);
        m.put("command_line", request.commandLine());
        m.put("runbook", runbook.name());
        m.put("params", new PlanFormatter(redactor).asJson(plan).get("params"));
        m.put("reason", request.reason());
        m.put("dry_run", true);
        m.put("check", false);
        m.put("inventory", inventory.describeSource());
        return m;
    }

    /** The run locks every real run takes on the hosts it may change; {@code SOPCTL_LOCK_DIR} moves them. */
    private RunLockOptions lockOptions(RunRequest request) {
        String dir = environment.getOrDefault("SOPCTL_LOCK_DIR", LockScript.DEFAULT_DIR);
        LockScript script;
        try {
            script = new LockScript(dir);
        } catch (IllegalArgumentException e) {
            throw new SopctlException(ExitCode.USAGE, "SOPCTL_LOCK_DIR: " + e.getMessage(),
                    "set it to the same absolute path for every operator, or unset it for " + LockScript.DEFAULT_DIR);
        }
        return new RunLockOptions(script, request.waitLock(), request.breakLock(), ControlHost.local());
    }

    public Inventory loadInventory(Path explicit) {
        Path file = InventoryLocator.locate(explicit, environment, workingDir);
        return InventoryLoader.load(file, environment);
    }
}
