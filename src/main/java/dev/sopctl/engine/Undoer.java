package dev.sopctl.engine;

import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Host;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.Undo;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
import dev.sopctl.transcript.RunEvent;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.TransportException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After a run stops with changes in place: shows the undo plan (every completed change's undo,
 * newest first), lets an operator at a terminal refuse it, then runs each undo, one at a time,
 * recording each command and its outcome. An undo that fails is reported and the others still run.
 * An interrupt (a second Ctrl-C) stops the undo where it is.
 */
final class Undoer {
    /** How the undo went. */
    record Report(boolean ran, boolean refused, boolean interrupted, List<String> failures) {
        boolean failed() {
            return !failures.isEmpty();
        }
    }

    /** One undo command on one host, ready to run. */
    private record Planned(ChangeLog.Change change, Host host, String command, String error) {}

    private final RunContext ctx;

    Undoer(RunContext ctx) {
        this.ctx = ctx;
    }

    Report undo(String reason) {
        List<ChangeLog.Change> changes = ctx.changes.undoableNewestFirst();
        if (changes.isEmpty()) {
            return new Report(false, false, false, List.of());
        }
        List<Planned> plan = new ArrayList<>();
        for (ChangeLog.Change c : changes) {
            plan.addAll(plan(c));
        }
        List<Map<String, Object>> shown = new ArrayList<>();
        List<ConfirmRequest.HostCommand> commands = new ArrayList<>();
        for (Planned p : plan) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", p.change().step.id());
            m.put("host", p.host() == null ? p.change().host : p.host().name());
            m.put("command", p.command() == null ? null : ctx.events.redact(p.command()));
            shown.add(m);
            if (p.command() != null) {
                commands.add(new ConfirmRequest.HostCommand(p.host().name(), ctx.events.redact(p.command())
                        + "   (undoes " + p.change().step.id() + " on " + p.change().host + ")"));
            }
        }
        ctx.events.emit(new RunEvent.UndoPlan(reason, shown));
        String prompt = "The run stopped (" + reason + ") after changing the hosts. Undo the completed changes, "
                + "newest first?";
        ConfirmAnswer answer = ctx.confirmer.confirm(new ConfirmRequest(ConfirmRequest.UNDO, "Undo the changes made", prompt,
                commands, null));
        ctx.events.emit(new RunEvent.Confirm(ConfirmRequest.UNDO, prompt, commands.stream().map(ConfirmRequest.HostCommand::host)
                .distinct().toList(), commands.stream().map(c -> c.host() + ": " + c.command()).toList(), null,
                answer.transcriptName()));
        if (answer == ConfirmAnswer.INTERRUPTED) {
            // Ctrl-C at the undo's own question: a second interrupt, which stops the undo
            ctx.events.emit(new RunEvent.Interrupted("undo", "the undo was stopped by a second interrupt"));
            for (Planned p : plan) {
                result(p, "not-run", null, Duration.ZERO, "not run: the undo was interrupted");
            }
            return new Report(false, false, true, List.of());
        }
        // without a terminal nobody can be asked: the undo runs (DESIGN §5)
        if (!answer.approved() && answer != ConfirmAnswer.NO_TERMINAL) {
            for (Planned p : plan) {
                result(p, Outcome.DECLINED.id(), null, Duration.ZERO, "not run: the operator refused the undo");
            }
            return new Report(false, true, false, List.of());
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            if (Thread.interrupted()) {
                ctx.events.emit(new RunEvent.Interrupted("undo", "the undo was stopped by a second interrupt"));
                for (Planned left : plan.subList(i, plan.size())) {
                    result(left, "not-run", null, Duration.ZERO, "not run: the undo was interrupted");
                }
                return new Report(true, false, true, failures);
            }
            String failure = run(p);
            if (failure != null) {
                failures.add(failure);
            }
        }
        return new Report(true, false, Thread.interrupted(), failures);
    }

    private List<Planned> plan(ChangeLog.Change c) {
        Step s = c.step;
        Undo u = s.undo();
        Scope scope = Scope.of(withPublished(c.vars));
        List<Planned> out = new ArrayList<>();
        try {
            List<Host> hosts = u.on() == null ? List.of(ctx.plan.inventory().host(c.host).orElseThrow())
                    : ctx.plan.inventory().resolveTargets(u.on().render(scope, Quoting.NONE));
            String command = Become.wrap(u.run().render(scope, s.raw() ? Quoting.NONE : Quoting.SHELL),
                    u.as() != null ? u.as() : s.as(), ctx.become());
            for (Host h : hosts) {
                out.add(new Planned(c, h, command, null));
            }
        } catch (SopctlException e) {
            out.add(new Planned(c, null, null, e.getMessage()));
        }
        return out;
    }

    /** The change's own scope, with the values published since. */
    private Map<String, Object> withPublished(Map<String, Object> vars) {
        Map<String, Object> m = new LinkedHashMap<>(vars);
        synchronized (ctx.published) {
            ctx.published.forEach(m::putIfAbsent);
        }
        return m;
    }

    /** @return null when it was undone; else what failed */
    private String run(Planned p) {
        String what = "undo of " + p.change().step.id() + " on " + p.change().host;
        if (p.command() == null) {
            result(p, Outcome.FAILED.id(), null, Duration.ZERO, "cannot undo: " + p.error());
            return what + ": " + p.error();
        }
        ctx.events.emit(new RunEvent.Command(p.change().step.id(), p.host().name(), p.command(), false, null, null, true));
        Instant start = ctx.ticker.now();
        try {
            ExecResult exec = ctx.transport.exec(p.host(), new RemoteCommand(p.command(), ctx.timeoutFor(p.change().step)),
                    (stream, line) -> ctx.events.emit(new RunEvent.Output(p.change().step.id(), p.host().name(),
                            stream.name().toLowerCase(java.util.Locale.ROOT), line)));
            Duration took = Duration.between(start, ctx.ticker.now());
            if (exec.exitStatus() != 0) {
                String message = "'" + HostStep.shorten(p.command()) + "' exited with status " + exec.exitStatus()
                        + HostStep.lastLine(exec);
                result(p, Outcome.FAILED.id(), exec.exitStatus(), took, message);
                return what + ": " + message;
            }
            ctx.changes.undone(p.change());
            result(p, Outcome.UNDONE.id(), 0, took, null);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result(p, Outcome.INTERRUPTED.id(), null, Duration.between(start, ctx.ticker.now()),
                    "stopped by a second interrupt");
            return what + ": interrupted";
        } catch (TransportException e) {
            if (Thread.currentThread().isInterrupted()) {
                // the transport noticed the interrupt as a broken connection: it is still an interrupt
                result(p, Outcome.INTERRUPTED.id(), null, Duration.between(start, ctx.ticker.now()),
                        "stopped by a second interrupt");
                return what + ": interrupted";
            }
            result(p, HostStep.outcomeOf(e).id(), null, Duration.between(start, ctx.ticker.now()), e.getMessage());
            return what + ": " + e.getMessage();
        }
    }

    private void result(Planned p, String outcome, Integer exit, Duration took, String message) {
        ctx.events.emit(new RunEvent.Undo(p.change().step.id(), p.host() == null ? p.change().host : p.host().name(),
                p.command(), outcome, exit, took.toMillis(), ctx.events.redact(message)));
    }
}
