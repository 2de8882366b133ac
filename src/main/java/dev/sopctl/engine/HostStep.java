package dev.sopctl.engine;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Host;
import dev.sopctl.output.ByteSizes;
import dev.sopctl.parse.OutputParser;
import dev.sopctl.parse.ParseException;
import dev.sopctl.parse.Parsers;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.expr.Expression;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
import dev.sopctl.runbook.expr.UndefinedVariableException;
import dev.sopctl.transcript.RunEvent;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.TransportException;
import dev.sopctl.yaml.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One step on one host: the command (again and again while it waits {@code until} a condition),
 * its output parsed and captured, its guards, and its {@code step-end} event. Piped steps and
 * progress are handed to {@link Transfers}.
 */
final class HostStep {
    /** An IPv4/IPv6 address or a DNS name, as a step's run-time {@code address} must render. */
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]{0,252}");
    private final RunContext ctx;
    private final Transfers transfers;

    HostStep(RunContext ctx) {
        this.ctx = ctx;
        this.transfers = new Transfers(ctx, this);
    }

    /** The step on the host, ended with its {@code step-end} (unless a repair will decide it). */
    HostResult run(Step s, Host h) {
        return finish(s, result(s, h));
    }

    /** Emits the step's end on the host, unless the result waits for a repair ({@link Repairs}). */
    HostResult finish(Step s, HostResult r) {
        if (!Repairs.wanted(ctx, s, r)) {
            end(ctx.events, s, r);
        }
        return r;
    }

    /** The step on the host, judged, without its {@code step-end}. */
    HostResult result(Step s, Host h) {
        Instant start = ctx.ticker.now();
        HostResult r;
        try {
            Host at = reach(s, h);
            HostResult elsewhere = at == h ? null : ctx.mode.reachedElsewhere(h, at.address());
            if (elsewhere != null) {
                r = elsewhere;
            } else {
                if (at != h) {
                    ctx.events.notice(s.id(), h.name(), "reaching " + h.name() + " at " + at.address()
                            + " (its inventory address is " + h.address() + ")");
                }
                r = s.until() == null ? attempt(s, h, at, start, false).result() : waitUntil(s, h, at, start);
            }
        } catch (UndefinedVariableException e) {
            r = HostResult.of(h.name(), Outcome.FAILED, e.getMessage(),
                    "an earlier step did not capture it on this host (was it skipped?)");
        } catch (SopctlException e) {
            r = HostResult.of(h.name(), Outcome.failure(e.exitCode()), e.getMessage(), e.hint());
        }
        r = ctx.mode.judge(r);
        Emitter ev = ctx.events;
        return new HostResult(r.host(), r.outcome(), r.exitStatus(), ev.redact(r.message()), ev.redact(r.hint()),
                ev.redact(r.stdout()), ev.redact(r.stderr()), r.duration());
    }

    static void end(Emitter events, Step s, HostResult r) {
        events.emit(new RunEvent.StepEnd(s.id(), r.host(), r.outcome().id(), r.exitStatus(), r.exitCode(),
                r.duration().toMillis(), r.message(), r.hint()));
    }

    /**
     * The host as this step reaches it: at the step's {@code address} when it names another one than the
     * inventory's (a node the run re-addressed; the transport opens a connection there).
     */
    private Host reach(Step s, Host h) {
        if (s.address() == null || s.isPiped()) {
            return h;
        }
        String at = s.address().render(Scope.of(ctx.hostVars(h)), Quoting.NONE).strip();
        if (!ADDRESS.matcher(at).matches()) {
            throw new SopctlException(ExitCode.CRITICAL, "address '" + at + "' (address: " + s.address().source()
                    + ") is not an IP address or host name", "the runbook computes it from what an earlier step captured");
        }
        return at.equals(h.address()) ? h : h.withAddress(at);
    }

    private HostResult waitUntil(Step s, Host h, Host at, Instant start) {
        Duration timeout = s.until().timeout();
        int attempts = 0;
        while (true) {
            attempts++;
            Attempt a = attempt(s, h, at, start, true);
            if (!a.notYet()) {
                // the condition held (and the guards were checked), or the command failed for good
                return a.result();
            }
            HostResult now = ctx.mode.notYet(s, h);
            if (now != null) {
                return now;
            }
            Duration elapsed = Duration.between(start, ctx.ticker.now());
            if (elapsed.compareTo(timeout) >= 0) {
                return new HostResult(h.name(), Outcome.TIMEOUT, null,
                        "waited " + Durations.format(timeout) + " (" + attempts + " checks) and still not: "
                                + s.until().that().source() + (a.why() == null ? "" : " (last: " + a.why() + ")"),
                        "look at the host; run the step's command by hand to see its state", "", "", elapsed);
            }
            ctx.events.emit(new RunEvent.Wait(s.id(), h.name(), s.until().that().source(), elapsed.toMillis(),
                    timeout.toMillis(), attempts, a.why()));
            try {
                ctx.ticker.sleep(s.until().interval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunInterrupted();
            }
        }
    }

    private Attempt attempt(Step s, Host h, Host at, Instant start, boolean waiting) {
        if (s.isPiped()) {
            return transfers.piped(s, h, start);
        }
        Map<String, Object> vars = ctx.hostVars(h);
        String command = StepCommands.render(s, Scope.of(vars), ctx.become());
        ctx.events.emit(RunEvent.Command.of(s.id(), h.name(), command));
        ExecResult exec;
        OutputCap output = outputOf(s, h);
        Instant sent = ctx.ticker.now();
        try {
            exec = s.progress() == null
                    ? ctx.transport.exec(at, new RemoteCommand(command, ctx.timeoutFor(s)), output)
                    : transfers.execWatchingProgress(s, h, command, vars, output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunInterrupted();
        } catch (TransportException e) {
            // the transport may notice the interrupt as a broken connection: it is still an interrupt
            RunInterrupted.check();
            return failedToRun(s, h, e, start, waiting);
        } finally {
            output.finish();
        }
        if (exec.truncated()) {
            String cap = ByteSizes.human(RemoteCommand.DEFAULT_OUTPUT_CAP);
            ctx.events.emit(new RunEvent.OutputCut(s.id(), h.name(), null, "the output was longer than " + cap
                    + "; parse, captures and the summary saw only its first " + cap, null, null, null, null));
        }
        Instant received = ctx.ticker.now();
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
                return Attempt.notYet("exit status " + exec.exitStatus());
            }
            return Attempt.done(new HostResult(h.name(), Outcome.FAILED, exec.exitStatus(),
                    "'" + shorten(command) + "' exited with status " + exec.exitStatus() + lastLine(exec),
                    null, exec.stdout(), exec.stderr(), took));
        }
        if (s.parse() != null) {
            OutputParser parser = Parsers.named(s.parse()).orElseThrow();
            try {
                result.put("out", parser.parse(exec.stdout()));
            } catch (ParseException e) {
                return Attempt.done(new HostResult(h.name(), Outcome.UNPARSABLE, exec.exitStatus(),
                        s.parse() + " could not read the output of '" + shorten(command) + "': " + e.getMessage(),
                        e.hint() != null ? e.hint() : "the host may run another version of the tool; the transcript has the raw output",
                        exec.stdout(), exec.stderr(), took));
            }
        }
        capture(s, h, result);
        Scope scope = Scope.of(Collections.unmodifiableMap(result));
        if (waiting && !s.until().that().test(scope)) {
            return Attempt.notYet(s.until().progress() == null ? "condition still false"
                    : s.until().progress().render(scope, Quoting.NONE));
        }
        return Attempt.done(Guards.judge(s, h, scope, exec, took));
    }

    private Attempt failedToRun(Step s, Host h, TransportException e, Instant start, boolean waiting) {
        Duration took = Duration.between(start, ctx.ticker.now());
        if (s.expectDisconnect() && e.kind() == TransportException.Kind.DISCONNECTED) {
            return Attempt.done(new HostResult(h.name(), Outcome.DISCONNECTED_AS_EXPECTED, null,
                    "the connection dropped, as expected", null, "", "", took));
        }
        if (waiting && (e.kind() == TransportException.Kind.UNREACHABLE
                || e.kind() == TransportException.Kind.DISCONNECTED)) {
            return Attempt.notYet("not reachable: " + e.getMessage());
        }
        return Attempt.done(new HostResult(h.name(), outcomeOf(e), null, e.getMessage(), e.hint(), "", "", took));
    }

    /** Evaluates the step's captures into {@code result} and keeps them for later steps on this host. */
    void capture(Step s, Host h, Map<String, Object> result) {
        for (Map.Entry<String, Expression> c : s.capture().entrySet()) {
            Object value = c.getValue().evaluate(Scope.of(result));
            result.put(c.getKey(), value);
            ctx.keep(h.name(), c.getKey(), value);
        }
    }

    private static double epochSeconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    /** Where a command's output goes: the transcript and terminal, bounded (call {@link OutputCap#finish} after). */
    OutputCap outputOf(Step s, Host h) {
        return new OutputCap(ctx.events, s.id(), h.name());
    }

    static Outcome outcomeOf(TransportException e) {
        return switch (e.kind()) {
            case TIMEOUT -> Outcome.TIMEOUT;
            case HOST_KEY_CHANGED, HOST_KEY_UNKNOWN -> Outcome.HOST_KEY_REFUSED;
            case AUTH_FAILED -> Outcome.AUTH_FAILED;
            case DISCONNECTED -> Outcome.DISCONNECTED;
            case CONFIG -> Outcome.INVALID;
            default -> e.exitCode() == ExitCode.CRITICAL ? Outcome.FAILED : Outcome.UNREACHABLE;
        };
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
}
