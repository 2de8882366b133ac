package dev.sopctl.engine;

import dev.sopctl.ExitCode;
import dev.sopctl.runbook.OnFailure;
import dev.sopctl.transcript.RunEvent;
import dev.sopctl.yaml.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run from {@code run-start} to {@code run-end}: the steps in order, each step's on-failure rule,
 * and what happens when the run stops after changes (a failure, a decline, an interrupt): the undo
 * of the completed changes, then a final message that says, per host, what is still changed.
 */
final class StepLoop {
    /** Why a run stopped early. */
    private record Stop(Outcome outcome, String message, String hint, boolean recovered) {}

    private final RunContext ctx;
    private final List<StepResult> results = new ArrayList<>();
    /** The step running now, for an interrupt's message. */
    private dev.sopctl.runbook.Step current;

    StepLoop(RunContext ctx) {
        this.ctx = ctx;
    }

    RunResult execute() {
        Instant start = ctx.ticker.now();
        RunOrigin origin = ctx.options.origin();
        ctx.events.emit(new RunEvent.RunStart(ctx.options.operator(), ctx.options.commandLine(), ctx.plan.runbook().name(),
                printableParams(), ctx.options.reason(), false, !ctx.mode.makesChanges(), ctx.plan.inventory().describeSource(),
                origin == null ? null : origin.runbookSha256(), origin == null ? null : new LinkedHashMap<>(origin.args()),
                origin == null ? null : origin.runbooks(),
                origin == null || origin.resumes() == null ? null : origin.resumes().run()));
        RunResult result;
        HostStep hostStep = new HostStep(ctx);
        try (FanOut fanOut = new FanOut(ctx.options.parallel(), hostStep)) {
            StepRunner runner = new StepRunner(ctx, fanOut, hostStep);
            Stop stop;
            try {
                stop = steps(runner);
            } catch (RunInterrupted e) {
                Thread.interrupted(); // the interrupt is handled here; a second one stops the undo
                ctx.events.emit(new RunEvent.Interrupted(null, "interrupted by the operator (Ctrl-C)"));
                stop = new Stop(Outcome.INTERRUPTED, "the run was interrupted" + (current == null ? ""
                        : " during step '" + current.id() + "'" + (current.kind() == dev.sopctl.runbook.StepKind.CHANGE
                                ? " (a change that did not finish: it is not undone; check what it did)" : ""))
                        + "; remote commands were stopped",
                        "check the hosts' state before running again: the transcript shows what ran", false);
            }
            try {
                result = stop == null ? finished(start) : stopped(start, stop, runner);
            } finally {
                if (ctx.locks != null) {
                    ctx.locks.releaseAll();
                }
            }
        }
        ctx.events.emit(new RunEvent.RunEnd(result.outcome().id(), result.exitCode(), result.duration().toMillis(),
                result.message(), result.hint(), result.stillChanged()));
        return result;
    }

    /** @return null when every step ran (in --check: every step was looked at); else why the run stopped */
    private Stop steps(StepRunner runner) {
        for (PlannedStep ps : ctx.plan.steps()) {
            RunInterrupted.check();
            current = ps.step();
            StepResult r = runner.run(ps);
            results.add(r);
            RunLocks.Refusal locked = ctx.locks == null ? null : ctx.locks.refusal();
            if (locked != null) {
                return new Stop(locked.outcome(), locked.message(), locked.hint(), false);
            }
            HostResult notDone = first(r, ExitCode.NOT_DONE);
            if (notDone != null) {
                return new Stop(notDone.outcome(), notDone.message(), notDone.hint(), false);
            }
            if (!r.failed() || !ctx.mode.failureStops()) {
                continue;
            }
            HostResult bad = worstHost(r);
            String message = "step '" + ps.step().id() + "' failed" + (bad.host().isEmpty() ? "" : " on " + bad.host())
                    + ": " + bad.message();
            OnFailure rule = ps.step().onFailure();
            if (rule == OnFailure.CONTINUE) {
                ctx.events.notice(ps.step().id(), null, "step failed; going on (on_failure: continue)");
                continue;
            }
            if (rule == OnFailure.RECOVER) {
                recover(ps, runner);
            }
            return new Stop(bad.outcome(), message, bad.hint(), rule == OnFailure.RECOVER);
        }
        return null;
    }

    private void recover(PlannedStep failed, StepRunner runner) {
        for (String id : failed.step().recover()) {
            PlannedStep rs = ctx.plan.recoveryStep(id);
            current = rs.step();
            ctx.events.notice(failed.step().id(), null, "running recovery step '" + id + "'");
            StepResult r = runner.run(rs);
            results.add(r);
            if (r.failed()) {
                break;
            }
        }
    }

    private RunResult finished(Instant start) {
        int worst = ExitCode.OK;
        String wouldStop = null;
        for (StepResult r : results) {
            worst = ExitCode.worst(worst, r.exitCode());
            if (wouldStop == null && r.failed() && !ctx.mode.makesChanges()) {
                HostResult bad = worstHost(r);
                wouldStop = "step '" + r.stepId() + "'" + (bad.host().isEmpty() ? "" : " on " + bad.host()) + ": "
                        + bad.message();
            }
        }
        if (wouldStop != null) {
            return end(start, worst, Outcome.WOULD_STOP, "--check: the run would stop at " + wouldStop, null, Map.of());
        }
        Outcome outcome = Outcome.failure(worst);
        return end(start, outcome.exitCode(), outcome, worst == ExitCode.OK ? null : summary(worst), null, Map.of());
    }

    /** The run stopped early: the undo of its changes (unless recovery steps ran instead), and what is left changed. */
    private RunResult stopped(Instant start, Stop stop, StepRunner runner) {
        if (!ctx.changes.any()) {
            return end(start, stop.outcome().exitCode(), stop.outcome(), stop.message(), stop.hint(), Map.of());
        }
        Undoer.Report undo = stop.recovered() ? null : new Undoer(ctx).undo(reason(stop));
        Map<String, List<String>> left = ctx.changes.stillChanged();
        StringBuilder message = new StringBuilder(stop.message());
        String hint = stop.hint();
        if (undo != null && undo.ran()) {
            message.append(undo.failed() ? "; the undo failed: " + String.join("; ", undo.failures())
                    : undo.interrupted() ? "; the undo was interrupted" : "; the changes before it were undone");
        } else if (undo != null && undo.refused()) {
            message.append("; the operator refused the undo");
        }
        if (!left.isEmpty()) {
            message.append("; still changed: ").append(describe(left));
            hint = hint != null ? hint
                    : "put back by hand what is still changed, or finish the procedure; the transcript shows every command";
        }
        Outcome outcome = undo != null && undo.failed() ? Outcome.FAILED : stop.outcome();
        return end(start, outcome.exitCode(), outcome, message.toString(), hint, left);
    }

    private static String reason(Stop stop) {
        return stop.outcome() == Outcome.INTERRUPTED ? "interrupted" : stop.outcome() == Outcome.DECLINED
                || stop.outcome() == Outcome.NO_TERMINAL ? "not confirmed" : "a step failed";
    }

    private static String describe(Map<String, List<String>> left) {
        List<String> parts = new ArrayList<>();
        left.forEach((host, steps) -> parts.add(host + ": " + String.join(", ", steps)));
        return String.join("; ", parts);
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

    private RunResult end(Instant start, int code, Outcome outcome, String message, String hint,
            Map<String, List<String>> stillChanged) {
        return new RunResult(ctx.runId, code, outcome, ctx.events.redact(message), ctx.events.redact(hint), results,
                Duration.between(start, ctx.ticker.now()), stillChanged, ctx.events.redactCaptures(ctx.captured));
    }

    private Map<String, Object> printableParams() {
        Map<String, Object> out = new LinkedHashMap<>();
        ctx.plan.params().values().forEach((k, v) -> out.put(k, v instanceof Duration d ? Durations.format(d) : v));
        return out;
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
}
