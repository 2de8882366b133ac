package dev.sopctl.engine;

import dev.sopctl.inventory.Host;
import dev.sopctl.runbook.Assertion;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
import dev.sopctl.transport.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A step's guards on one host, after its command: checked in order up to the first failing critical
 * (or invalid-input) one; every failing warning is reported, messages and hints joined with {@code ; }.
 */
final class Guards {
    private Guards() {}

    static HostResult judge(Step s, Host h, Scope scope, ExecResult exec, Duration took) {
        List<String> warnings = new ArrayList<>();
        List<String> warningHints = new ArrayList<>();
        for (Assertion g : s.asserts()) {
            if (g.that().test(scope)) {
                continue;
            }
            String message = g.message().render(scope, Quoting.NONE);
            String hint = g.hint() == null ? null : g.hint().render(scope, Quoting.NONE);
            if (g.severity() != Assertion.Severity.WARNING) {
                Outcome failed = g.severity() == Assertion.Severity.INVALID ? Outcome.INVALID : Outcome.GUARD_FAILED;
                return new HostResult(h.name(), failed, exec.exitStatus(), message, hint,
                        exec.stdout(), exec.stderr(), took);
            }
            warnings.add(message);
            if (hint != null) {
                warningHints.add(hint);
            }
        }
        if (!warnings.isEmpty()) {
            return new HostResult(h.name(), Outcome.WARNING, exec.exitStatus(), String.join("; ", warnings),
                    warningHints.isEmpty() ? null : String.join("; ", warningHints), exec.stdout(), exec.stderr(), took);
        }
        return new HostResult(h.name(), Outcome.OK, exec.exitStatus(), null, null, exec.stdout(), exec.stderr(), took);
    }
}
