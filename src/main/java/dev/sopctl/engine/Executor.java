package dev.sopctl.engine;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Host;
import dev.sopctl.output.ByteSizes;
import dev.sopctl.parse.OutputParser;
import dev.sopctl.parse.ParseException;
import dev.sopctl.parse.Parsers;
import dev.sopctl.runbook.Assertion;
import dev.sopctl.runbook.OnFailure;
import dev.sopctl.runbook.RunbookLoader;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.StepKind;
import dev.sopctl.runbook.expr.Expression;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
import dev.sopctl.runbook.expr.ShellQuote;
import dev.sopctl.runbook.expr.Template;
import dev.sopctl.runbook.expr.UndefinedVariableException;
import dev.sopctl.transcript.Redactor;
import dev.sopctl.transcript.TranscriptSink;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.Transport;
import dev.sopctl.transport.TransportException;
import dev.sopctl.yaml.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a {@link Plan} over a {@link Transport}: step after step; within a step, its hosts in
 * parallel (at most {@code --parallel} at once) or one at a time. Evaluates conditions, parses and
 * captures output, checks guards, waits, asks for confirmation before destructive steps, treats an
 * expected disconnect as success, and applies each step's on-failure rule. Every event goes to the
 * sinks (transcript, terminal) with secrets redacted.
 *
 * <p>In {@link RunMode#CHECK} only probes run: changes are reported as "would run", waits look once
 * instead of waiting, and guards that would stop the run are reported without stopping the preview.
 *
 * <pre>{@code
 * RunResult r = new Executor(transport, confirmer, sinks, Ticker.SYSTEM, options).run(runId, plan);
 * }</pre>
 */
public final class Executor {
    /** How often a piped step's progress is shown. */
    static final Duration LIVE_PROGRESS = Duration.ofMillis(500);
    /** How often the size of a file being written is looked at for progress (a command on its host). */
    static final Duration WATCH_EVERY = Duration.ofSeconds(1);
    private static final Duration WATCH_TIMEOUT = Duration.ofSeconds(10);

    private final Transport transport;
    private final Confirmer confirmer;
    private final List<TranscriptSink> sinks;
    private final Ticker ticker;
    private final RunOptions options;

    public Executor(Transport transport, Confirmer confirmer, List<TranscriptSink> sinks, Ticker ticker,
            RunOptions options) {
        this.transport = transport;
        this.confirmer = confirmer;
        this.sinks = List.copyOf(sinks);
        this.ticker = ticker;
        this.options = options;
    }

    public RunResult run(String runId, Plan plan) {
        List<String> secrets = new ArrayList<>(options.extraSecrets());
        secrets.addAll(plan.params().secrets());
        Run run = new Run(runId, plan, new Emitter(sinks, new Redactor(secrets)));
        return run.execute();
    }

    /** One run's state. */
    private final class Run {
        private final String runId;
        private final Plan plan;
        private final Emitter events;
        private final Scopes scopes;
        private final Map<String, Map<String, Object>> captured = new ConcurrentHashMap<>();
        private final List<StepResult> results = new ArrayList<>();
        private final boolean check = options.mode() == RunMode.CHECK;
        private ExecutorService pool;
        /** --check: a change was skipped, so later probes see the state before it. */
        private boolean changesNotMade;

        Run(String runId, Plan plan, Emitter events) {
            this.runId = runId;
            this.plan = plan;
            this.events = events;
            this.scopes = new Scopes(plan.inventory(), plan.params());
        }

        RunResult execute() {
            Instant start = ticker.now();
            events.emit("run-start", "operator", options.operator(), "command_line", options.commandLine(),
                    "runbook", plan.runbook().name(), "params", printableParams(), "reason", options.reason(),
                    "dry_run", false, "check", check, "inventory", plan.inventory().describeSource());
            RunResult result;
            try {
                result = steps(start);
            } catch (Interrupted e) {
                events.emit("interrupted", "message", "interrupted by the operator (Ctrl-C)");
                result = end(start, ExitCode.NOT_DONE, "interrupted", "the run was interrupted; remote commands were stopped",
                        "check the hosts' state before running again: the transcript shows what ran");
            } finally {
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
            events.emit("run-end", "outcome", result.outcome(), "exit", result.exitCode(), "duration_ms",
                    result.duration().toMillis(), "message", result.message(), "hint", result.hint());
            return result;
        }

        private Map<String, Object> printableParams() {
            Map<String, Object> out = new LinkedHashMap<>();
            plan.params().values().forEach((k, v) -> out.put(k, v instanceof Duration d ? Durations.format(d) : v));
            return out;
        }

        private RunResult steps(Instant start) {
            int worst = ExitCode.OK;
            String wouldStop = null;
            for (PlannedStep ps : plan.steps()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new Interrupted();
                }
                StepResult r = step(ps);
                results.add(r);
                worst = ExitCode.worst(worst, r.exitCode());
                HostResult notDone = first(r, ExitCode.NOT_DONE);
                if (notDone != null) {
                    return end(start, ExitCode.NOT_DONE, notDone.outcome(), notDone.message(), notDone.hint());
                }
                if (!r.failed()) {
                    continue;
                }
                HostResult bad = worstHost(r);
                if (check) {
                    wouldStop = wouldStop == null ? "step '" + ps.step().id() + "' on " + bad.host() + ": " + bad.message() : wouldStop;
                    continue;
                }
                OnFailure rule = ps.step().onFailure();
                if (rule == OnFailure.CONTINUE) {
                    events.emit("notice", "step", ps.step().id(), "message", "step failed; going on (on_failure: continue)");
                    continue;
                }
                if (rule == OnFailure.RECOVER) {
                    recover(ps);
                }
                return end(start, worst, bad.outcome(), "step '" + ps.step().id() + "' failed on " + bad.host()
                        + ": " + bad.message(), bad.hint());
            }
            if (wouldStop != null) {
                return end(start, worst, "would-stop", "--check: the run would stop at " + wouldStop, null);
            }
            String outcome = worst == ExitCode.OK ? "ok" : worst == ExitCode.WARNING ? "warning" : "failed";
            String message = worst == ExitCode.OK ? null : summary(worst);
            return end(start, worst, outcome, message, null);
        }

        private String summary(int code) {
            for (StepResult r : results) {
                for (HostResult h : r.hosts()) {
                    if (h.exitCode() == code && h.message() != null) {
                        return "step '" + r.stepId() + "' on " + h.host() + ": " + h.message();
                    }
                }
            }
            return null;
        }

        private void recover(PlannedStep failed) {
            for (String id : failed.step().recover()) {
                PlannedStep rs = plan.recoveryStep(id);
                events.emit("notice", "step", failed.step().id(), "message", "running recovery step '" + id + "'");
                StepResult r = step(rs);
                results.add(r);
                if (r.failed()) {
                    break;
                }
            }
        }

        private RunResult end(Instant start, int code, String outcome, String message, String hint) {
            return new RunResult(runId, code, outcome, events.redact(message), events.redact(hint), results,
                    Duration.between(start, ticker.now()), events.redactCaptures(captured));
        }

        // ---- one step ----

        private StepResult step(PlannedStep ps) {
            Step s = ps.step();
            List<String> hostNames = ps.hosts().stream().map(Host::name).toList();
            events.emit("step-start", "step", s.id(), "number", ps.number(), "title", s.title(), "hosts", hostNames,
                    "kind", s.kind().yamlName(), "destructive", s.isDestructive());
            if (s.isNotice()) {
                if (s.when() != null && !s.when().test(Scope.of(scopes.forRun(captured)))) {
                    return new StepResult(s.id(), s.title(), List.of(), null);
                }
                String text = renderNotice(s);
                events.emit("notice", "step", s.id(), "message", text);
                return new StepResult(s.id(), s.title(), List.of(), text);
            }
            Map<String, HostResult> done = new LinkedHashMap<>();
            List<Host> active = new ArrayList<>();
            for (Host h : ps.hosts()) {
                HostResult skip = whenSkips(s, h);
                if (skip != null) {
                    done.put(h.name(), skip);
                    endHost(s, skip);
                } else {
                    active.add(h);
                }
            }
            if (!active.isEmpty()) {
                if (s.kind() == StepKind.CHANGE && check) {
                    changesNotMade = true;
                    for (Host h : active) {
                        HostResult r = wouldRun(s, h);
                        done.put(h.name(), r);
                        endHost(s, r);
                    }
                } else {
                    HostResult refused = s.isDestructive() ? confirm(s, active) : null;
                    if (refused != null) {
                        active.forEach(h -> done.put(h.name(), withHost(refused, h.name())));
                    } else {
                        done.putAll(fanOut(s, active));
                    }
                }
            }
            List<HostResult> ordered = new ArrayList<>();
            for (Host h : ps.hosts()) {
                ordered.add(done.get(h.name()));
            }
            return new StepResult(s.id(), s.title(), ordered, null);
        }

        private String renderNotice(Step s) {
            try {
                return s.notice().render(Scope.of(scopes.forRun(captured)), Quoting.NONE);
            } catch (UndefinedVariableException e) {
                return s.notice().source();
            }
        }

        private HostResult whenSkips(Step s, Host h) {
            if (s.when() == null) {
                return null;
            }
            try {
                if (s.when().test(Scope.of(scopes.forHost(h, captured)))) {
                    return null;
                }
                return HostResult.of(h.name(), "skipped", ExitCode.OK, "condition is false: " + s.when().source(), null);
            } catch (UndefinedVariableException e) {
                if (check) {
                    return HostResult.of(h.name(), "unknown-in-check", ExitCode.OK,
                            "cannot tell in --check: the condition uses '" + e.name() + "', which an earlier step captures", null);
                }
                // the step that captures it did not run here (the host failed or was skipped earlier):
                // that failure is already reported; this step cannot be judged, so it does not run
                return HostResult.of(h.name(), "skipped", ExitCode.OK, "not run: its condition uses '" + e.name()
                        + "', which an earlier step did not capture on this host", null);
            }
        }

        private HostResult wouldRun(Step s, Host h) {
            try {
                Scope scope = Scope.of(scopes.forHost(h, captured));
                if (s.isPiped()) {
                    pipedCommandEvents(s, h, StepCommands.pipeEnds(s, scope, plan.inventory(), become()), true);
                } else {
                    events.emit("command", "step", s.id(), "host", h.name(), "command",
                            StepCommands.render(s, scope, become()), "would_run", true);
                }
                return new HostResult(h.name(), "would-run", ExitCode.OK, null,
                        "--check: a change, not run" + (s.isDestructive() ? " (destructive: would ask to confirm)" : ""),
                        null, "", "", Duration.ZERO);
            } catch (UndefinedVariableException e) {
                return HostResult.of(h.name(), "unknown-in-check", ExitCode.OK,
                        "cannot tell in --check: the command uses '" + e.name() + "', which an earlier step captures", null);
            } catch (SopctlException e) {
                return HostResult.of(h.name(), "failed", e.exitCode(), e.getMessage(), e.hint());
            }
        }

        private HostResult confirm(Step s, List<Host> active) {
            List<ConfirmRequest.HostCommand> commands = new ArrayList<>();
            Set<String> prompts = new LinkedHashSet<>();
            Set<String> typed = new LinkedHashSet<>();
            for (Host h : active) {
                Scope scope = Scope.of(scopes.forHost(h, captured));
                commands.add(new ConfirmRequest.HostCommand(h.name(), events.redact(StepCommands.render(s, scope, become()))));
                if (s.isPiped()) {
                    StepCommands.PipeEnds ends = StepCommands.pipeEnds(s, scope, plan.inventory(), become());
                    commands.add(new ConfirmRequest.HostCommand(ends.to().name(), events.redact(ends.receive()
                            + "   (reads " + h.name() + "'s output, through sopctl)")));
                }
                prompts.add(s.destructive().confirm().render(scope, Quoting.NONE));
                if (s.destructive().typed() != null) {
                    typed.add(s.destructive().typed().render(scope, Quoting.NONE));
                }
            }
            String prompt = events.redact(String.join("\n", prompts));
            String typedText = typed.isEmpty() ? null : String.join(",", typed);
            ConfirmAnswer answer = confirmer.confirm(new ConfirmRequest(s.id(), s.title(), prompt, commands, typedText));
            events.emit("confirm", "step", s.id(), "prompt", prompt, "hosts", active.stream().map(Host::name).toList(),
                    "commands", commands.stream().map(c -> c.host() + ": " + c.command()).toList(),
                    "typed", typedText, "answer", answer.transcriptName());
            if (answer == ConfirmAnswer.INTERRUPTED) {
                throw new Interrupted();
            }
            if (answer.approved()) {
                return null;
            }
            String hint = "nothing was changed by this step; the steps before it ran (see the transcript)";
            return switch (answer) {
                case NO_TERMINAL -> HostResult.of("", "no-terminal", ExitCode.NOT_DONE,
                        "stopped before destructive step '" + s.id() + "': it needs a confirmation and there is no terminal",
                        "run it from a terminal, or add --yes to approve it (" + hint + ")");
                case TYPED_WRONG -> HostResult.of("", "declined", ExitCode.NOT_DONE,
                        "stopped before destructive step '" + s.id() + "': the typed text did not match '" + typedText + "'", hint);
                default -> HostResult.of("", "declined", ExitCode.NOT_DONE,
                        "stopped before destructive step '" + s.id() + "': the operator declined", hint);
            };
        }

        private HostResult withHost(HostResult r, String host) {
            return new HostResult(host, r.outcome(), r.exitCode(), r.exitStatus(), r.message(), r.hint(), r.stdout(),
                    r.stderr(), r.duration());
        }

        private Map<String, HostResult> fanOut(Step s, List<Host> hosts) {
            Map<String, HostResult> out = new LinkedHashMap<>();
            if (s.serial() || hosts.size() == 1 || options.parallel() == 1) {
                for (Host h : hosts) {
                    out.put(h.name(), onHost(s, h));
                }
                return out;
            }
            if (pool == null) {
                pool = Executors.newFixedThreadPool(options.parallel(), r -> {
                    Thread t = new Thread(r, "sopctl-host");
                    t.setDaemon(true);
                    return t;
                });
            }
            Map<String, Future<HostResult>> futures = new LinkedHashMap<>();
            for (Host h : hosts) {
                futures.put(h.name(), pool.submit(() -> onHost(s, h)));
            }
            try {
                for (Map.Entry<String, Future<HostResult>> f : futures.entrySet()) {
                    out.put(f.getKey(), f.getValue().get());
                }
            } catch (InterruptedException e) {
                futures.values().forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new Interrupted();
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Interrupted i) {
                    throw i;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(cause);
            }
            return out;
        }

        // ---- one step on one host ----

        private HostResult onHost(Step s, Host h) {
            Instant start = ticker.now();
            HostResult r;
            try {
                r = s.until() == null ? attempt(s, h, start, false).result : waitUntil(s, h, start);
            } catch (UndefinedVariableException e) {
                r = HostResult.of(h.name(), "failed", ExitCode.CRITICAL, e.getMessage(),
                        "an earlier step did not capture it on this host (was it skipped?)");
            } catch (SopctlException e) {
                r = HostResult.of(h.name(), "failed", e.exitCode(), e.getMessage(), e.hint());
            }
            r = new HostResult(r.host(), r.outcome(), r.exitCode(), r.exitStatus(), events.redact(r.message()),
                    events.redact(r.hint()), events.redact(r.stdout()), events.redact(r.stderr()), r.duration());
            endHost(s, r);
            return r;
        }

        private void endHost(Step s, HostResult r) {
            events.emit("step-end", "step", s.id(), "host", r.host(), "outcome", r.outcome(), "exit", r.exitStatus(),
                    "code", r.exitCode(), "duration_ms", r.duration().toMillis(), "message", r.message(), "hint", r.hint());
        }

        private HostResult waitUntil(Step s, Host h, Instant start) {
            Duration timeout = s.until().timeout();
            int attempts = 0;
            while (true) {
                attempts++;
                Attempt a = attempt(s, h, start, true);
                if (!a.notYet) {
                    // the condition held (and the guards were checked), or the command failed for good
                    return a.result;
                }
                Duration elapsed = Duration.between(start, ticker.now());
                if (check) {
                    return HostResult.of(h.name(), "ok", ExitCode.OK, "--check: not true yet: " + s.until().that().source()
                            + " (a run would wait up to " + Durations.format(timeout) + ")", null);
                }
                if (elapsed.compareTo(timeout) >= 0) {
                    return new HostResult(h.name(), "timeout", ExitCode.CRITICAL, null,
                            "waited " + Durations.format(timeout) + " (" + attempts + " checks) and still not: "
                                    + s.until().that().source() + (a.why == null ? "" : " (last: " + a.why + ")"),
                            "look at the host; run the step's command by hand to see its state", "", "", elapsed);
                }
                events.emit("wait", "step", s.id(), "host", h.name(), "condition", s.until().that().source(),
                        "elapsed_ms", elapsed.toMillis(), "timeout_ms", timeout.toMillis(), "attempt", attempts,
                        "why", a.why);
                try {
                    ticker.sleep(s.until().interval());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Interrupted();
                }
            }
        }

        /** One run of the command: its result, and the scope guards and waits read. */
        private final class Attempt {
            HostResult result;
            Scope scope;
            boolean notYet;
            String why;
        }

        private Attempt attempt(Step s, Host h, Instant start, boolean waiting) {
            if (s.isPiped()) {
                return pipedAttempt(s, h, start);
            }
            Attempt a = new Attempt();
            Map<String, Object> vars = scopes.forHost(h, captured);
            String command = StepCommands.render(s, Scope.of(vars), become());
            events.emit("command", "step", s.id(), "host", h.name(), "command", command);
            ExecResult exec;
            Instant sent = ticker.now();
            try {
                exec = s.progress() == null ? transport.exec(h, new RemoteCommand(command, timeoutFor(s)), outputOf(s, h))
                        : execWatchingProgress(s, h, command, vars);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Interrupted();
            } catch (TransportException e) {
                if (Thread.currentThread().isInterrupted()) {
                    // the transport noticed the interrupt as a broken connection: it is still an interrupt
                    throw new Interrupted();
                }
                Duration took = Duration.between(start, ticker.now());
                if (s.expectDisconnect() && e.kind() == TransportException.Kind.DISCONNECTED) {
                    a.result = new HostResult(h.name(), "disconnected-as-expected", ExitCode.OK, null,
                            "the connection dropped, as expected", null, "", "", took);
                    return a;
                }
                if (waiting && (e.kind() == TransportException.Kind.UNREACHABLE
                        || e.kind() == TransportException.Kind.DISCONNECTED)) {
                    a.notYet = true;
                    a.why = "not reachable: " + e.getMessage();
                    return a;
                }
                a.result = new HostResult(h.name(), outcomeOf(e), e.exitCode(), null, e.getMessage(), e.hint(), "", "", took);
                return a;
            }
            Instant received = ticker.now();
            Duration took = Duration.between(start, received);
            Map<String, Object> result = new HashMap<>(vars);
            // sopctl's clock around the command, for a round trip and a clock offset (time/ntp-check)
            result.put("sent_at", epochSeconds(sent));
            result.put("received_at", epochSeconds(received));
            result.put("stdout", exec.stdout());
            result.put("stderr", exec.stderr());
            result.put("exit", (long) exec.exitStatus());
            result.put("out", null);
            if (!s.allowExit().contains(exec.exitStatus()) && !s.expectDisconnect()) {
                if (waiting) {
                    a.notYet = true;
                    a.why = "exit status " + exec.exitStatus();
                    return a;
                }
                a.result = new HostResult(h.name(), "failed", ExitCode.CRITICAL, exec.exitStatus(),
                        "'" + shorten(command) + "' exited with status " + exec.exitStatus() + lastLine(exec),
                        null, exec.stdout(), exec.stderr(), took);
                return a;
            }
            if (s.parse() != null) {
                OutputParser parser = Parsers.named(s.parse()).orElseThrow();
                try {
                    result.put("out", parser.parse(exec.stdout()));
                } catch (ParseException e) {
                    a.result = new HostResult(h.name(), "unparsable", ExitCode.UNKNOWN, exec.exitStatus(),
                            s.parse() + " could not read the output of '" + shorten(command) + "': " + e.getMessage(),
                            "the host may run another version of the tool; the transcript has the raw output",
                            exec.stdout(), exec.stderr(), took);
                    return a;
                }
            }
            capture(s, h, result);
            a.scope = Scope.of(Collections.unmodifiableMap(result));
            if (waiting && !s.until().that().test(a.scope)) {
                a.notYet = true;
                a.why = "condition still false";
                return a;
            }
            a.result = guards(s, h, a.scope, exec, took);
            return a;
        }

        private static double epochSeconds(Instant t) {
            return t.getEpochSecond() + t.getNano() / 1e9;
        }

        /** Evaluates the step's captures into {@code result} and keeps them for later steps on this host. */
        private void capture(Step s, Host h, Map<String, Object> result) {
            // a capture may be null ("not found"): later steps must see it as defined, so no ConcurrentHashMap
            Map<String, Object> mine = captured.computeIfAbsent(h.name(),
                    k -> Collections.synchronizedMap(new LinkedHashMap<>()));
            for (Map.Entry<String, Expression> c : s.capture().entrySet()) {
                Object value = c.getValue().evaluate(Scope.of(result));
                result.put(c.getKey(), value);
                mine.put(c.getKey(), value);
            }
        }

        private OutputListener outputOf(Step s, Host h) {
            return (stream, line) -> events.emit("output", "step", s.id(), "host", h.name(),
                    "stream", stream.name().toLowerCase(java.util.Locale.ROOT), "line", line);
        }

        // ---- transfers: piped steps and progress ----

        /** A piped step: the command's output relayed through sopctl into the receiving command (see {@link PipeRun}). */
        private Attempt pipedAttempt(Step s, Host h, Instant start) {
            Attempt a = new Attempt();
            Map<String, Object> vars = scopes.forHost(h, captured);
            StepCommands.PipeEnds ends = StepCommands.pipeEnds(s, Scope.of(vars), plan.inventory(), become());
            Host to = ends.to();
            String send = ends.send();
            String receive = ends.receive();
            pipedCommandEvents(s, h, ends, false);
            AtomicLong counter = new AtomicLong();
            ProgressReporter progress = ProgressReporter.start(s.id() + "-" + h.name(), counter::get,
                    new TransferMeter(ticker.now(), total(s, vars)), ticker, LIVE_PROGRESS, st -> live(s, h, to, st));
            PipeRun.Outcome o;
            try {
                o = new PipeRun(transport).run(h, new RemoteCommand(send, timeoutFor(s)), outputOf(s, h),
                        to, new RemoteCommand(receive, timeoutFor(s)), outputOf(s, to), counter, s.allowExit());
            } catch (InterruptedException e) {
                transferEnd(s, h, to, progress.finish(true), false, "pipe");
                Thread.currentThread().interrupt();
                throw new Interrupted();
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new Interrupted();
            }
            Duration took = Duration.between(start, ticker.now());
            TransferStatus last = progress.finish(true); // the count is exact whatever happened
            String moved = ByteSizes.human(o.bytes()) + " in " + shortDuration(last.elapsed())
                    + " (" + ByteSizes.human(last.averageRate()) + "/s)";
            PipeVerdict verdict = PipeVerdict.of(o, h, to, send, receive, s.allowExit(), moved);
            transferEnd(s, h, to, last, verdict == null, "pipe");
            if (verdict != null) {
                a.result = new HostResult(h.name(), verdict.outcome(), verdict.code(), o.sent() == null ? null : o.sent().exitStatus(),
                        verdict.message(), verdict.hint(), "", o.sent() == null ? "" : o.sent().stderr(), took);
                return a;
            }
            Map<String, Object> result = new HashMap<>(vars);
            result.put("stdout", "");
            result.put("stderr", o.sent().stderr());
            result.put("exit", (long) o.sent().exitStatus());
            result.put("out", null);
            Map<String, Object> piped = new LinkedHashMap<>();
            piped.put("host", to.name());
            piped.put("exit", (long) o.received().exitStatus());
            piped.put("stdout", o.received().stdout());
            piped.put("stderr", o.received().stderr());
            piped.put("bytes", o.bytes());
            result.put(RunbookLoader.PIPE_RESULT, piped);
            capture(s, h, result);
            HostResult judged = guards(s, h, Scope.of(Collections.unmodifiableMap(result)), o.sent(), took);
            a.result = judged.message() == null && judged.exitCode() == ExitCode.OK
                    ? new HostResult(judged.host(), judged.outcome(), judged.exitCode(), judged.exitStatus(),
                            "relayed " + moved + " to " + to.name(), null, judged.stdout(), judged.stderr(), judged.duration())
                    : judged;
            return a;
        }

        /** The sender's and the receiver's command events; {@code wouldRun} under --check. */
        private void pipedCommandEvents(Step s, Host h, StepCommands.PipeEnds ends, boolean wouldRun) {
            String to = ends.to().name();
            if (wouldRun) {
                events.emit("command", "step", s.id(), "host", h.name(), "command", ends.send(), "would_run", true,
                        "pipe_to", to);
                events.emit("command", "step", s.id(), "host", to, "command", ends.receive(), "would_run", true,
                        "piped_from", h.name());
            } else {
                events.emit("command", "step", s.id(), "host", h.name(), "command", ends.send(), "pipe_to", to);
                events.emit("command", "step", s.id(), "host", to, "command", ends.receive(), "piped_from", h.name());
            }
        }

        /** Runs the command while a second look, every {@link #WATCH_EVERY}, at the size of the file it writes shows its progress. */
        private ExecResult execWatchingProgress(Step s, Host h, String command, Map<String, Object> vars)
                throws TransportException, InterruptedException {
            Scope scope = Scope.of(vars);
            Host watched = StepCommands.progressHost(s, scope, plan.inventory());
            String file = s.progress().file().render(scope, Quoting.NONE);
            String stat = Become.wrap("stat -c %s -- " + ShellQuote.quote(file) + " 2>/dev/null || echo 0", s.as(), become());
            events.emit("notice", "step", s.id(), "host", h.name(), "message", "progress: the size of " + file + " on "
                    + watched.name() + ", looked at every " + Durations.format(WATCH_EVERY) + " ($ " + stat + ")");
            RemoteCommand look = new RemoteCommand(stat, WATCH_TIMEOUT);
            ProgressReporter progress = ProgressReporter.start(s.id() + "-" + h.name(),
                    () -> Long.parseLong(transport.exec(watched, look, OutputListener.NONE).stdout().strip()),
                    new TransferMeter(ticker.now(), total(s, vars)), ticker, WATCH_EVERY, st -> live(s, h, watched, st));
            ExecResult result = null;
            try {
                result = transport.exec(h, new RemoteCommand(command, timeoutFor(s)), outputOf(s, h));
                return result;
            } finally {
                boolean done = result != null && s.allowExit().contains(result.exitStatus());
                transferEnd(s, h, watched, progress.finish(done), done, "watch");
            }
        }

        /** The expected byte count, or -1 when the runbook gives none or it cannot be known (progress then has no ETA). */
        private long total(Step s, Map<String, Object> vars) {
            if (s.progress() == null || s.progress().total() == null) {
                return -1;
            }
            try {
                return s.progress().total().evaluate(Scope.of(vars)) instanceof Number n ? Math.max(-1, n.longValue()) : -1;
            } catch (SopctlException e) {
                return -1;
            }
        }

        private void live(Step s, Host h, Host to, TransferStatus st) {
            events.live("progress", "step", s.id(), "host", h.name(), "to", to.name(), "bytes", st.bytes(),
                    "total", st.total(), "rate", Math.round(st.rate()), "eta_ms", st.eta() == null ? null : st.eta().toMillis(),
                    "elapsed_ms", st.elapsed().toMillis());
        }

        /** @param via "pipe" (bytes relayed by sopctl) or "watch" (the size of the file written on {@code to}) */
        private void transferEnd(Step s, Host h, Host to, TransferStatus st, boolean complete, String via) {
            events.emit("transfer", "step", s.id(), "host", h.name(), "to", to.name(), "via", via, "bytes", st.bytes(),
                    "total", st.total(), "duration_ms", st.elapsed().toMillis(), "rate", Math.round(st.averageRate()),
                    "complete", complete);
        }

        private HostResult guards(Step s, Host h, Scope scope, ExecResult exec, Duration took) {
            List<String> warnings = new ArrayList<>();
            List<String> warningHints = new ArrayList<>();
            for (Assertion g : s.asserts()) {
                if (g.that().test(scope)) {
                    continue;
                }
                String message = g.message().render(scope, Quoting.NONE);
                String hint = g.hint() == null ? null : g.hint().render(scope, Quoting.NONE);
                if (check && changesNotMade) {
                    // the state this guard would see after the skipped changes is unknown: report, don't judge
                    return new HostResult(h.name(), "ok", ExitCode.OK, exec.exitStatus(),
                            "--check: checked again after the changes above; as things are now: " + message, null,
                            exec.stdout(), exec.stderr(), took);
                }
                if (g.severity() == Assertion.Severity.CRITICAL) {
                    return new HostResult(h.name(), "guard-failed", ExitCode.CRITICAL, exec.exitStatus(), message, hint,
                            exec.stdout(), exec.stderr(), took);
                }
                warnings.add(message);
                if (hint != null) {
                    warningHints.add(hint);
                }
            }
            if (!warnings.isEmpty()) {
                // every failing warning of the step is reported, not only the first
                return new HostResult(h.name(), "warning", ExitCode.WARNING, exec.exitStatus(), String.join("; ", warnings),
                        warningHints.isEmpty() ? null : String.join("; ", warningHints), exec.stdout(), exec.stderr(), took);
            }
            return new HostResult(h.name(), "ok", ExitCode.OK, exec.exitStatus(), null, null, exec.stdout(),
                    exec.stderr(), took);
        }

        private Duration timeoutFor(Step s) {
            if (options.timeoutOverride() != null) {
                return options.timeoutOverride();
            }
            return s.timeout() != null ? s.timeout() : plan.inventory().defaults().commandTimeout();
        }

        private String become() {
            return plan.inventory().defaults().become();
        }
    }

    static String outcomeOf(TransportException e) {
        return switch (e.kind()) {
            case TIMEOUT -> "timeout";
            case HOST_KEY_CHANGED, HOST_KEY_UNKNOWN -> "host-key-refused";
            case AUTH_FAILED -> "auth-failed";
            case DISCONNECTED -> "disconnected";
            default -> "unreachable";
        };
    }

    private static HostResult first(StepResult r, int code) {
        return r.hosts().stream().filter(h -> h.exitCode() == code).findFirst().orElse(null);
    }

    private static HostResult worstHost(StepResult r) {
        HostResult worst = r.hosts().get(0);
        for (HostResult h : r.hosts()) {
            if (ExitCode.worst(worst.exitCode(), h.exitCode()) == h.exitCode() && h.exitCode() != worst.exitCode()) {
                worst = h;
            }
        }
        return worst;
    }

    /** 0.6s, 12.3s, 2m5s: tenths while they matter. */
    private static String shortDuration(Duration d) {
        long ms = d.toMillis();
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return Durations.format(Duration.ofSeconds(Math.round(ms / 1000.0)));
    }

    static String shorten(String command) {
        String oneLine = command.replace('\n', ' ');
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }

    static String lastLine(ExecResult exec) {
        String err = exec.stderr().strip();
        if (err.isEmpty()) {
            return "";
        }
        String[] lines = err.split("\n");
        return ": " + lines[lines.length - 1];
    }

    /** Thrown through the run when the operator interrupts it. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }
}
