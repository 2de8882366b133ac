package dev.sopctl.engine;

import dev.sopctl.inventory.Host;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
import dev.sopctl.transcript.RunEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Asks the operator to approve a destructive step on its hosts, showing the exact command per host
 * (DESIGN §5), and records the question and the answer as a {@code confirm} event.
 */
final class Confirmation {
    private final RunContext ctx;

    Confirmation(RunContext ctx) {
        this.ctx = ctx;
    }

    /** @return null when approved; else the result every host of the step gets (declined, no terminal) */
    HostResult ask(Step s, List<Host> active) {
        List<ConfirmRequest.HostCommand> commands = new ArrayList<>();
        Set<String> prompts = new LinkedHashSet<>();
        Set<String> typed = new LinkedHashSet<>();
        for (Host h : active) {
            Scope scope = Scope.of(ctx.hostVars(h));
            commands.add(new ConfirmRequest.HostCommand(h.name(), ctx.events.redact(StepCommands.render(s, scope, ctx.become()))));
            if (s.isPiped()) {
                StepCommands.PipeEnds ends = StepCommands.pipeEnds(s, scope, ctx.plan.inventory(), ctx.become());
                commands.add(new ConfirmRequest.HostCommand(ends.to().name(), ctx.events.redact(ends.receive()
                        + "   (reads " + h.name() + "'s output, through sopctl)")));
            }
            prompts.add(s.destructive().confirm().render(scope, Quoting.NONE));
            if (s.destructive().typed() != null) {
                typed.add(s.destructive().typed().render(scope, Quoting.NONE));
            }
        }
        String prompt = ctx.events.redact(String.join("\n", prompts));
        String typedText = typed.isEmpty() ? null : String.join(",", typed);
        ConfirmAnswer answer = ctx.confirmer.confirm(new ConfirmRequest(s.id(), s.title(), prompt, commands, typedText));
        ctx.events.emit(new RunEvent.Confirm(s.id(), prompt, active.stream().map(Host::name).toList(),
                commands.stream().map(c -> c.host() + ": " + c.command()).toList(), typedText, answer.transcriptName()));
        if (answer == ConfirmAnswer.INTERRUPTED) {
            throw new RunInterrupted();
        }
        if (answer.approved()) {
            return null;
        }
        String hint = ctx.changes.any()
                ? "nothing was changed by this step; the changes of the steps before it are undone where they say how"
                : "nothing was changed by this step or before it (see the transcript)";
        return switch (answer) {
            case NO_TERMINAL -> HostResult.of("", Outcome.NO_TERMINAL,
                    "stopped before destructive step '" + s.id() + "': it needs a confirmation and there is no terminal",
                    "run it from a terminal, or add --yes to approve it (" + hint + ")");
            case TYPED_WRONG -> HostResult.of("", Outcome.DECLINED,
                    "stopped before destructive step '" + s.id() + "': the typed text did not match '" + typedText + "'", hint);
            default -> HostResult.of("", Outcome.DECLINED,
                    "stopped before destructive step '" + s.id() + "': the operator declined", hint);
        };
    }
}
