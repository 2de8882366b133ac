package dev.sopctl.engine;

import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Host;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.StepKind;
import dev.sopctl.runbook.expr.Scope;
import dev.sopctl.runbook.expr.UndefinedVariableException;
import dev.sopctl.transcript.RunEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step on all its hosts: decides the hosts (a run-time target when the step starts), shows a
 * notice, skips hosts whose condition is false, reports a change as "would run" in --check, asks
 * before a destructive step, fans the step out, publishes its run-wide values and records the
 * changes it made.
 */
final class StepRunner {
    private final RunContext ctx;
    private final FanOut fanOut;
    private final Confirmation confirmation;
    private final HostStep hostStep;
    private final Repairs repairs;

    StepRunner(RunContext ctx, FanOut fanOut, HostStep hostStep) {
        this.ctx = ctx;
        this.fanOut = fanOut;
        this.hostStep = hostStep;
        this.confirmation = new Confirmation(ctx);
        this.repairs = new Repairs(ctx, fanOut, hostStep, confirmation);
    }

    StepResult run(PlannedStep ps) {
        Step s = ps.step();
        List<Host> hosts = ps.hosts();
        String target = ps.runtime() == null ? null : ps.runtime().expression();
        HostResult noTarget = null;
        if (ps.runtime() != null) {
            try {
                hosts = RuntimeTargets.resolve(ctx, ps);
            } catch (UndefinedVariableException e) {
                hosts = List.of();
                noTarget = ctx.mode.makesChanges()
                        ? HostResult.of("", Outcome.FAILED, "its hosts ('on: " + target
                                + "') read '" + e.name() + "', which is not known at this point of the run",
                                "only values published run-wide (publish:) can name a step's hosts")
                        : HostResult.of("", Outcome.UNKNOWN_IN_CHECK, "cannot tell in --check: its hosts ('on: "
                                + target + "') read '" + e.name() + "', which a step not run in --check publishes", null);
            } catch (SopctlException e) {
                hosts = List.of();
                noTarget = HostResult.of("", Outcome.failure(e.exitCode()), ctx.events.redact(e.getMessage()),
                        ctx.events.redact(e.hint()));
            }
        }
        ctx.events.emit(new RunEvent.StepStart(s.id(), ps.number(), s.title(), hosts.stream().map(Host::name).toList(),
                s.kind().yamlName(), s.isDestructive(), target));
        if (noTarget != null) {
            HostStep.end(ctx.events, s, noTarget);
            return new StepResult(s.id(), s.title(), List.of(noTarget), null);
        }
        if (s.isNotice()) {
            String text = Notices.show(ctx, s);
            return new StepResult(s.id(), s.title(), List.of(), text);
        }
        Map<String, HostResult> done = new LinkedHashMap<>();
        List<Host> active = new ArrayList<>();
        for (Host h : hosts) {
            HostResult skip = doneEarlier(s, h);
            skip = skip != null ? skip : whenSkips(s, h);
            if (skip != null) {
                done.put(h.name(), skip);
                HostStep.end(ctx.events, s, skip);
            } else {
                active.add(h);
            }
        }
        if (!active.isEmpty()) {
            if (s.kind() == StepKind.CHANGE && !ctx.mode.makesChanges()) {
                ctx.mode.changeSkipped();
                for (Host h : active) {
                    HostResult r = wouldRun(s, h);
                    done.put(h.name(), r);
                    HostStep.end(ctx.events, s, r);
                }
            } else {
                HostResult refused = s.isDestructive() ? confirmation.ask(s, active) : null;
                if (refused != null) {
                    active.forEach(h -> done.put(h.name(), refused.withHost(h.name())));
                } else {
                    if (s.kind() == StepKind.CHANGE && ctx.locks != null) {
                        Map<String, HostResult> locked = ctx.locks.beforeChange(active);
                        locked.values().forEach(r -> HostStep.end(ctx.events, s, r));
                        done.putAll(locked);
                        active.removeIf(h -> locked.containsKey(h.name()));
                    }
                    if (!active.isEmpty()) {
                        done.putAll(s.anyOne() ? anyOne(s, active) : fanOut.run(s, active));
                        repairs.repair(s, active, done);
                    }
                }
            }
        }
        List<HostResult> ordered = new ArrayList<>();
        for (Host h : hosts) {
            ordered.add(done.get(h.name()));
        }
        if (s.kind() == StepKind.CHANGE && ctx.mode.makesChanges()) {
            for (Host h : hosts) {
                if (made(done.get(h.name()))) {
                    ctx.changes.made(s, h.name(), ctx.hostVars(h));
                }
            }
        }
        HostResult unpublished = Publisher.publish(ctx, s, ordered);
        if (unpublished != null) {
            HostStep.end(ctx.events, s, unpublished);
            ordered.add(unpublished);
        }
        return new StepResult(s.id(), s.title(), ordered, null);
    }

    /**
     * {@code any_one}: the hosts in order until one answers; the others are skipped (not a check's row),
     * those that did not answer saying so. When none answers, the last one's failure stands.
     */
    private Map<String, HostResult> anyOne(Step s, List<Host> hosts) {
        Map<String, HostResult> out = new LinkedHashMap<>();
        String answered = null;
        List<String> silent = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            Host h = hosts.get(i);
            if (answered != null) {
                out.put(h.name(), skipped(s, h, "not asked: " + answered + " answered (any_one)"));
                continue;
            }
            HostResult r = hostStep.result(s, h);
            boolean silentHost = r.outcome() == Outcome.UNREACHABLE || r.outcome() == Outcome.DISCONNECTED;
            if (silentHost && i < hosts.size() - 1) {
                silent.add(h.name());
                out.put(h.name(), skipped(s, h, "did not answer (" + r.message() + "); asking " + hosts.get(i + 1).name()));
                continue;
            }
            answered = h.name();
            out.put(h.name(), hostStep.finish(s, r));
        }
        return out;
    }

    private HostResult skipped(Step s, Host h, String why) {
        HostResult r = HostResult.of(h.name(), Outcome.SKIPPED, why, null);
        HostStep.end(ctx.events, s, r);
        return r;
    }

    /** The change's command ran to its end: what it changed is in place, even when a guard after it failed. */
    private static boolean made(HostResult r) {
        return switch (r.outcome()) {
            case OK, WARNING, DISCONNECTED_AS_EXPECTED -> true;
            case GUARD_FAILED -> r.exitStatus() != null;
            default -> false;
        };
    }

    /** A resumed run: a change completed on this host by the run it continues is not repeated. */
    private HostResult doneEarlier(Step s, Host h) {
        RunOrigin origin = ctx.options.origin();
        if (s.kind() != StepKind.CHANGE || origin == null || origin.resumes() == null
                || !origin.resumes().done(s.id(), h.name())) {
            return null;
        }
        return HostResult.of(h.name(), Outcome.DONE_EARLIER, "done in run " + origin.resumes().run() + "; not repeated",
                null);
    }

    private HostResult whenSkips(Step s, Host h) {
        if (s.when() == null) {
            return null;
        }
        try {
            if (s.when().test(Scope.of(ctx.hostVars(h)))) {
                return null;
            }
            return HostResult.of(h.name(), Outcome.SKIPPED, "condition is false: " + s.when().source(), null);
        } catch (UndefinedVariableException e) {
            return ctx.mode.undecidable(h, e.name(), "condition");
        }
    }

    private HostResult wouldRun(Step s, Host h) {
        try {
            Scope scope = Scope.of(ctx.hostVars(h));
            if (s.isPiped()) {
                Transfers.commandEvents(ctx.events, s, h, StepCommands.pipeEnds(s, scope, ctx.plan.inventory(), ctx.become()),
                        true);
            } else {
                ctx.events.emit(new RunEvent.Command(s.id(), h.name(), StepCommands.render(s, scope, ctx.become()), true,
                        null, null, false));
            }
            return HostResult.of(h.name(), Outcome.WOULD_RUN,
                    "--check: a change, not run" + (s.isDestructive() ? " (destructive: would ask to confirm)" : ""), null);
        } catch (UndefinedVariableException e) {
            return HostResult.of(h.name(), Outcome.UNKNOWN_IN_CHECK,
                    "cannot tell in --check: the command uses '" + e.name() + "', which an earlier step captures", null);
        } catch (SopctlException e) {
            return HostResult.of(h.name(), Outcome.failure(e.exitCode()), e.getMessage(), e.hint());
        }
    }
}
