package dev.sopctl.engine;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Host;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
import dev.sopctl.runbook.expr.UndefinedVariableException;
import java.util.List;

/**
 * Resolves a step's run-time target when the step starts: its {@code on} rendered with the values
 * published and captured so far, which must name inventory hosts among the step's candidates.
 */
final class RuntimeTargets {
    private RuntimeTargets() {}

    /**
     * @throws UndefinedVariableException when a name it reads is not known (yet)
     * @throws SopctlException (exit 2) when the value is empty, not a host, or outside the candidates
     */
    static List<Host> resolve(RunContext ctx, PlannedStep ps) {
        Step s = ps.step();
        RuntimeTarget t = ps.runtime();
        String where = "its hosts ('on: " + t.expression() + "')"; // the step loop names the step
        String value;
        try {
            value = s.on().render(Scope.of(ctx.runVars()), Quoting.NONE).strip();
        } catch (UndefinedVariableException e) {
            throw e;
        } catch (SopctlException e) {
            throw new SopctlException(ExitCode.CRITICAL, where + " cannot be decided: " + e.getMessage(),
                    "the step that publishes the value found nothing to publish; look at its output in the transcript");
        }
        if (value.isEmpty()) {
            throw new SopctlException(ExitCode.CRITICAL, where + " are empty at run time",
                    "the step that publishes the value found nothing to publish; look at its output in the transcript");
        }
        List<Host> hosts;
        try {
            hosts = ctx.plan.inventory().resolveTargets(value);
        } catch (SopctlException e) {
            throw new SopctlException(ExitCode.CRITICAL, where + " are '" + value + "', which is not a host: "
                    + e.getMessage(), e.hint());
        }
        for (Host h : hosts) {
            if (!t.candidates().contains(h.name())) {
                throw new SopctlException(ExitCode.CRITICAL, where + " are '" + value + "', but " + h.name()
                        + " is not one of the hosts it may be (" + String.join(", ", t.candidates()) + ")",
                        "the runbook acts only on " + t.description() + "; check the inventory and the hosts' state");
            }
        }
        if (s.isPiped() && hosts.size() != 1) {
            throw new SopctlException(ExitCode.CRITICAL, where + ": a piped step sends from one host, but '" + value
                    + "' is " + hosts.size() + " hosts");
        }
        return hosts;
    }
}
