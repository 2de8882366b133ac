package dev.sopctl.engine;

import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
import dev.sopctl.runbook.expr.Template;

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
}
