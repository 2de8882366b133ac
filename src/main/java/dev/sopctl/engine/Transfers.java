package dev.sopctl.engine;

import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Host;
import dev.sopctl.output.ByteSizes;
import dev.sopctl.runbook.RunbookLoader;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
import dev.sopctl.runbook.expr.ShellQuote;
import dev.sopctl.transcript.RunEvent;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.TransportException;
import dev.sopctl.yaml.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steps that move data: a piped step (the command's output relayed through sopctl into the
 * receiving command, see {@link PipeRun}) and a command whose progress is watched by the size of
 * the file it writes. Both show live progress and leave one {@code transfer} event.
 */
final class Transfers {
    /** How often a piped step's progress is shown. */
    static final Duration LIVE_PROGRESS = Duration.ofMillis(500);
    /** How often the size of a file being written is looked at for progress (a command on its host). */
    static final Duration WATCH_EVERY = Duration.ofSeconds(1);
    private static final Duration WATCH_TIMEOUT = Duration.ofSeconds(10);

    private final RunContext ctx;
    private final HostStep hostStep;

    Transfers(RunContext ctx, HostStep hostStep) {
        this.ctx = ctx;
        this.hostStep = hostStep;
    }

    Attempt piped(Step s, Host h, Instant start) {
        Map<String, Object> vars = ctx.hostVars(h);
        StepCommands.PipeEnds ends = StepCommands.pipeEnds(s, Scope.of(vars), ctx.plan.inventory(), ctx.become());
        Host to = ends.to();
        commandEvents(ctx.events, s, h, ends, false);
        AtomicLong counter = new AtomicLong();
        ProgressReporter progress = ProgressReporter.start(s.id() + "-" + h.name(), counter::get,
                new TransferMeter(ctx.ticker.now(), total(s, vars)), ctx.ticker, LIVE_PROGRESS, st -> live(s, h, to, st));
        PipeRun.Outcome o;
        OutputCap senderOutput = hostStep.outputOf(s, h);
        OutputCap receiverOutput = hostStep.outputOf(s, to);
        try {
            o = new PipeRun(ctx.transport).run(h, new RemoteCommand(ends.send(), ctx.timeoutFor(s)), senderOutput,
                    to, new RemoteCommand(ends.receive(), ctx.timeoutFor(s)), receiverOutput, counter, s.allowExit());
        } catch (InterruptedException e) {
            end(s, h, to, progress.finish(true), false, "pipe");
            Thread.currentThread().interrupt();
            throw new RunInterrupted();
        } finally {
            senderOutput.finish();
            receiverOutput.finish();
        }
        RunInterrupted.check();
        Duration took = Duration.between(start, ctx.ticker.now());
        TransferStatus last = progress.finish(true); // the count is exact whatever happened
        String moved = ByteSizes.human(o.bytes()) + " in " + shortDuration(last.elapsed())
                + " (" + ByteSizes.human(last.averageRate()) + "/s)";
        PipeVerdict verdict = PipeVerdict.of(o, h, to, ends.send(), ends.receive(), s.allowExit(), moved);
        end(s, h, to, last, verdict == null, "pipe");
        if (verdict != null) {
            return Attempt.done(new HostResult(h.name(), verdict.outcome(), o.sent() == null ? null : o.sent().exitStatus(),
                    verdict.message(), verdict.hint(), "", o.sent() == null ? "" : o.sent().stderr(), took));
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
        hostStep.capture(s, h, result);
        HostResult judged = Guards.judge(s, h, Scope.of(Collections.unmodifiableMap(result)), o.sent(), took);
        return Attempt.done(judged.message() == null && judged.outcome() == Outcome.OK
                ? new HostResult(judged.host(), judged.outcome(), judged.exitStatus(), "relayed " + moved + " to " + to.name(),
                        null, judged.stdout(), judged.stderr(), judged.duration())
                : judged);
    }

    /** Whether a step of the plan may relay data through sopctl: a piped step not known now to be skipped on every host. */
    static boolean mayRelay(Plan plan) {
        return plan.steps().stream().anyMatch(p -> p.step().pipe() != null
                && p.previews().values().stream().anyMatch(v -> !Boolean.FALSE.equals(v.when())));
    }

    /** The sender's and the receiver's command events; {@code wouldRun} under --check. */
    static void commandEvents(Emitter events, Step s, Host h, StepCommands.PipeEnds ends, boolean wouldRun) {
        String to = ends.to().name();
        events.emit(new RunEvent.Command(s.id(), h.name(), ends.send(), wouldRun, to, null, false));
        events.emit(new RunEvent.Command(s.id(), to, ends.receive(), wouldRun, null, h.name(), false));
    }

    /** Runs the command while a look, every {@link #WATCH_EVERY}, at the size of the file it writes shows its progress. */
    ExecResult execWatchingProgress(Step s, Host h, String command, Map<String, Object> vars, OutputListener output)
            throws TransportException, InterruptedException {
        Scope scope = Scope.of(vars);
        Host watched = StepCommands.progressHost(s, scope, ctx.plan.inventory());
        String file = s.progress().file().render(scope, Quoting.NONE);
        String stat = Become.wrap("stat -c %s -- " + ShellQuote.quote(file) + " 2>/dev/null || echo 0", s.as(), ctx.become());
        ctx.events.notice(s.id(), h.name(), "progress: the size of " + file + " on " + watched.name()
                + ", looked at every " + Durations.format(WATCH_EVERY) + " ($ " + stat + ")");
        RemoteCommand look = new RemoteCommand(stat, WATCH_TIMEOUT);
        ProgressReporter progress = ProgressReporter.start(s.id() + "-" + h.name(),
                () -> Long.parseLong(ctx.transport.exec(watched, look, OutputListener.NONE).stdout().strip()),
                new TransferMeter(ctx.ticker.now(), total(s, vars)), ctx.ticker, WATCH_EVERY, st -> live(s, h, watched, st));
        ExecResult result = null;
        try {
            result = ctx.transport.exec(h, new RemoteCommand(command, ctx.timeoutFor(s)), output);
            return result;
        } finally {
            boolean done = result != null && s.allowExit().contains(result.exitStatus());
            end(s, h, watched, progress.finish(done), done, "watch");
        }
    }

    /** The expected byte count, or -1 when the runbook gives none or it cannot be known (progress then has no ETA). */
    private static long total(Step s, Map<String, Object> vars) {
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
        ctx.events.live(new RunEvent.Progress(s.id(), h.name(), to.name(), st.bytes(), st.total(), Math.round(st.rate()),
                st.eta() == null ? null : st.eta().toMillis(), st.elapsed().toMillis()));
    }

    /** @param via "pipe" (bytes relayed by sopctl) or "watch" (the size of the file written on {@code to}) */
    private void end(Step s, Host h, Host to, TransferStatus st, boolean complete, String via) {
        ctx.events.emit(new RunEvent.Transfer(s.id(), h.name(), to.name(), via, st.bytes(), st.total(),
                st.elapsed().toMillis(), Math.round(st.averageRate()), complete));
    }

    /** 0.6s, 12.3s, 2m5s: tenths while they matter. */
    private static String shortDuration(Duration d) {
        long ms = d.toMillis();
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return Durations.format(Duration.ofSeconds(Math.round(ms / 1000.0)));
    }
}
