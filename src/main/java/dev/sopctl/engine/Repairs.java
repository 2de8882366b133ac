package dev.sopctl.engine;

import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Host;
import dev.sopctl.runbook.Repair;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.StepKind;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
import dev.sopctl.transcript.RunEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A check step's {@code repair}, with the runbook's fix switch on: on each host where the check
 * failed (a failed guard, a WARNING or CRITICAL report) its repairs whose condition holds run, in
 * order, confirmed like any change, recorded for the undo; then the check runs again there, and
 * that verdict is the step's one {@code step-end} on the host ("repaired: …"). In --check the
 * repairs are shown as would-run. A host where no repair applies keeps the check's verdict.
 */
final class Repairs {
    private final RunContext ctx;
    private final FanOut fanOut;
    private final HostStep hostStep;
    private final Confirmation confirmation;

    Repairs(RunContext ctx, FanOut fanOut, HostStep hostStep, Confirmation confirmation) {
        this.ctx = ctx;
        this.fanOut = fanOut;
        this.hostStep = hostStep;
        this.confirmation = confirmation;
    }

    /** Whether the step's result on a host waits for a repair: its {@code step-end} comes from {@link #repair}. */
    static boolean wanted(RunContext ctx, Step s, HostResult r) {
        return !s.repairs().isEmpty() && fixOn(ctx)
                && (r.outcome() == Outcome.GUARD_FAILED || r.outcome() == Outcome.WARNING);
    }

    static boolean fixOn(RunContext ctx) {
        return fixOn(ctx.plan);
    }

    static boolean fixOn(Plan plan) {
        String fix = plan.runbook().fixSwitch();
        return fix != null && Boolean.TRUE.equals(plan.params().values().get(fix));
    }

    /** Repairs the hosts of {@code done} whose check failed, checks them again and ends the step on them. */
    void repair(Step s, List<Host> hosts, Map<String, HostResult> done) {
        List<Host> pending = new ArrayList<>();
        for (Host h : hosts) {
            if (done.get(h.name()) != null && wanted(ctx, s, done.get(h.name()))) {
                pending.add(h);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        List<Host> deferred = List.copyOf(pending);
        Map<String, HostResult> verdicts = new LinkedHashMap<>();
        Map<String, List<String>> repaired = new LinkedHashMap<>();
        Map<String, List<Repair>> ranOn = new LinkedHashMap<>();
        for (Repair rep : s.repairs()) {
            Step rs = stepOf(s, rep);
            List<Host> on = new ArrayList<>();
            for (Host h : pending) {
                try {
                    if (rep.when() == null || rep.when().test(Scope.of(ctx.hostVars(h)))) {
                        on.add(h);
                    }
                } catch (SopctlException e) {
                    verdicts.put(h.name(), HostResult.of(h.name(), Outcome.failure(e.exitCode()), "repair: " + e.getMessage(), e.hint()));
                }
            }
            pending.removeIf(h -> verdicts.containsKey(h.name()));
            if (on.isEmpty()) {
                continue;
            }
            if (!ctx.mode.makesChanges()) {
                ctx.mode.changeSkipped();
                for (Host h : on) {
                    String command = StepCommands.render(rs, Scope.of(ctx.hostVars(h)), ctx.become());
                    ctx.events.emit(new RunEvent.Command(s.id(), h.name(), command, true, null, null, false));
                    repaired.computeIfAbsent(h.name(), k -> new ArrayList<>()).add(what(rs, h, command));
                }
                continue;
            }
            HostResult refused = rs.isDestructive() ? confirmation.ask(rs, on) : null;
            if (refused != null) {
                pending.forEach(h -> verdicts.put(h.name(), refused.withHost(h.name())));
                pending.clear();
                break;
            }
            if (ctx.locks != null) {
                Map<String, HostResult> locked = ctx.locks.beforeChange(on);
                verdicts.putAll(locked);
                on.removeIf(h -> locked.containsKey(h.name()));
                pending.removeIf(h -> locked.containsKey(h.name()));
                if (on.isEmpty()) {
                    continue;
                }
            }
            Map<String, HostResult> ran = fanOut.run(rs, on, hostStep::result);
            for (Host h : on) {
                HostResult r = ran.get(h.name());
                if (r.outcome() == Outcome.OK) {
                    ctx.changes.made(rs, h.name(), ctx.hostVars(h));
                    ranOn.computeIfAbsent(h.name(), k -> new ArrayList<>()).add(rep);
                    repaired.computeIfAbsent(h.name(), k -> new ArrayList<>())
                            .add(what(rs, h, StepCommands.render(rs, Scope.of(ctx.hostVars(h)), ctx.become())));
                } else {
                    verdicts.put(h.name(), r.with(r.outcome(), "repair failed: " + r.message()));
                    pending.remove(h);
                }
            }
        }
        List<Host> recheck = pending.stream().filter(h -> repaired.containsKey(h.name())).toList();
        if (ctx.mode.makesChanges() && !recheck.isEmpty()) {
            Map<String, HostResult> again = fanOut.run(s, recheck, hostStep::result);
            for (Host h : recheck) {
                HostResult r = again.get(h.name());
                String how = String.join("; ", repaired.get(h.name()));
                if (r.outcome() == Outcome.OK) {
                    verdicts.put(h.name(), r.with(Outcome.OK, "repaired: " + how + (r.message() == null ? "" : "; " + r.message())));
                } else if (didNotTake(ranOn.get(h.name()), h)) {
                    // the condition a repair was for still holds: it failed, whatever level the finding has
                    verdicts.put(h.name(), new HostResult(r.host(), Outcome.GUARD_FAILED, r.exitStatus(), r.message()
                            + " (the repair did not take: " + how + ")", r.hint(), r.stdout(), r.stderr(), r.duration()));
                } else {
                    verdicts.put(h.name(), new HostResult(r.host(), r.outcome(), r.exitStatus(), r.message()
                            + " (after the repair: " + how + ")", r.hint(), r.stdout(), r.stderr(), r.duration()));
                }
            }
        } else {
            for (Host h : recheck) {
                HostResult r = done.get(h.name());
                verdicts.put(h.name(), r.with(Outcome.WOULD_RUN, "--check: " + r.message() + "; with the fix switch on, the"
                        + " repair would run: " + String.join("; ", repaired.get(h.name()))));
            }
        }
        for (Map.Entry<String, HostResult> v : verdicts.entrySet()) {
            HostResult r = v.getValue();
            r = new HostResult(r.host(), r.outcome(), r.exitStatus(), ctx.events.redact(r.message()),
                    ctx.events.redact(r.hint()), r.stdout(), r.stderr(), r.duration());
            done.put(v.getKey(), r);
        }
        for (Host h : deferred) {
            HostStep.end(ctx.events, s, done.get(h.name()));
        }
    }

    /** Whether the condition of a repair that ran (its {@code when}) still holds after the re-check. */
    private boolean didNotTake(List<Repair> ran, Host h) {
        Scope scope = Scope.of(ctx.hostVars(h));
        for (Repair rep : ran == null ? List.<Repair>of() : ran) {
            try {
                if (rep.when() != null && rep.when().test(scope)) {
                    return true;
                }
            } catch (SopctlException e) {
                return true;
            }
        }
        return false;
    }

    /** What a repair did on a host, for the verdict: its confirmation text, else its command. */
    private String what(Step rs, Host h, String command) {
        return rs.isDestructive() ? rs.destructive().confirm().render(Scope.of(ctx.hostVars(h)), Quoting.NONE).strip()
                : command;
    }

    /** The repair as a change step of its own, under the check's id (its commands are the check step's). */
    static Step stepOf(Step s, Repair rep) {
        return new Step(s.id(), s.title(), s.sop(), s.location(), s.on(), rep.run(), rep.as() != null ? rep.as() : s.as(),
                s.raw(), StepKind.CHANGE, rep.destructive(), null, Map.of(), List.of(), null, null, false, s.onFailure(),
                List.of(), s.timeout(), false, Set.of(0), null, null, null, rep.undo(), Map.of());
    }
}
