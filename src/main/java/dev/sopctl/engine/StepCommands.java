package dev.sopctl.engine;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
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

    /**
     * The host a piped step sends to.
     *
     * @throws SopctlException (65) when {@code pipe.to} does not name exactly one host
     */
    static Host pipeReceiver(Step s, Scope scope, Inventory inventory) {
        String target = s.pipe().to().render(scope, Quoting.NONE);
        List<Host> hosts;
        try {
            hosts = inventory.resolveTargets(target);
        } catch (SopctlException e) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "step '" + s.id() + "' pipe: " + e.getMessage(), e.hint());
        }
        if (hosts.size() != 1) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "step '" + s.id() + "' pipe: 'to' must name one host, but '"
                    + target + "' is " + hosts.size() + " hosts");
        }
        return hosts.get(0);
    }
}
