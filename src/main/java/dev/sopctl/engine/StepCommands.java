package dev.sopctl.engine;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
import dev.sopctl.runbook.expr.Template;
import java.util.List;

/** The exact command line of a step on a host: templated, shell-quoted unless raw, wrapped for {@code as}. */
final class StepCommands {
    private StepCommands() {}

    static String render(Step s, Scope scope, String becomeMethod) {
        if (s.run() == null) {
            return null;
        }
        String command = s.run().render(scope, s.raw() ? Quoting.NONE : Quoting.SHELL);
        return Become.wrap(command, s.as(), becomeMethod);
    }

    /** The receiving command of a piped step, rendered like the step's own. */
    static String renderPipe(Step s, Scope scope, String becomeMethod) {
        String command = s.pipe().run().render(scope, s.raw() ? Quoting.NONE : Quoting.SHELL);
        return Become.wrap(command, s.as(), becomeMethod);
    }

    /** A piped step's two ends on one sending host: the receiving host and both commands. */
    record PipeEnds(Host to, String send, String receive) {}

    static PipeEnds pipeEnds(Step s, Scope scope, Inventory inventory, String becomeMethod) {
        return new PipeEnds(pipeReceiver(s, scope, inventory), render(s, scope, becomeMethod),
                renderPipe(s, scope, becomeMethod));
    }

    /**
     * The host a piped step sends to.
     *
     * @throws SopctlException (65) when {@code pipe.to} does not name exactly one host
     */
    static Host pipeReceiver(Step s, Scope scope, Inventory inventory) {
        return oneHost(s, s.pipe().to(), "pipe", "to", scope, inventory);
    }

    /**
     * The host a step's progress watches.
     *
     * @throws SopctlException (65) when {@code progress.on} does not name exactly one host
     */
    static Host progressHost(Step s, Scope scope, Inventory inventory) {
        return oneHost(s, s.progress().on(), "progress", "on", scope, inventory);
    }

    /** {@code key.field} of step {@code s} rendered and resolved to exactly one host. */
    private static Host oneHost(Step s, Template target, String key, String field, Scope scope, Inventory inventory) {
        String rendered = target.render(scope, Quoting.NONE);
        List<Host> hosts;
        try {
            hosts = inventory.resolveTargets(rendered);
        } catch (SopctlException e) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "step '" + s.id() + "' " + key + ": " + e.getMessage(), e.hint());
        }
        if (hosts.size() != 1) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "step '" + s.id() + "' " + key + ": '" + field + "' must name one host, but '"
                    + rendered + "' is " + hosts.size() + " hosts");
        }
        return hosts.get(0);
    }
}
