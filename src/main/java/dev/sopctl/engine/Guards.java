package dev.sopctl.engine;

import dev.sopctl.inventory.Host;
import dev.sopctl.runbook.Assertion;
import dev.sopctl.runbook.Report;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
import dev.sopctl.transport.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A step's verdict on one host, after its command: its guards in order (those whose {@code when}
 * holds) up to the first failing critical one, then its report lines. The worst level wins; the
 * message is the text of every line at that level, joined with {@code ; } (so an OK verdict carries
 * its INFO lines, and several warnings are all named), and so are their hints. A failing
 * {@code severity: invalid} guard ends it at once: the operator's values do not fit the host (exit 65).
 */
final class Guards {
    private Guards() {}

    /** One line of the verdict. */
    private record Line(Report.Level level, String message, String hint) {}

    static HostResult judge(Step s, Host h, Scope scope, ExecResult exec, Duration took) {
        List<Line> lines = new ArrayList<>();
        boolean guardFailed = false;
        for (Assertion g : s.asserts()) {
            if (g.when() != null && !g.when().test(scope) || g.that().test(scope)) {
                continue;
            }
            String message = g.message().render(scope, Quoting.NONE);
            String hint = g.hint() == null ? null : g.hint().render(scope, Quoting.NONE);
            if (g.severity() == Assertion.Severity.INVALID) {
                return new HostResult(h.name(), Outcome.INVALID, exec.exitStatus(), message.strip(),
                        hint == null ? null : hint.strip(), exec.stdout(), exec.stderr(), took);
            }
            boolean critical = g.severity() == Assertion.Severity.CRITICAL;
            lines.add(line(critical ? Report.Level.CRITICAL : Report.Level.WARNING, message, hint));
            if (critical) {
                // the lines after a failed guard may rely on what it guards
                guardFailed = true;
                break;
            }
        }
        if (!guardFailed) {
            for (Report r : s.reports()) {
                if (r.when() == null || r.when().test(scope)) {
                    lines.add(line(r.level(), r.message().render(scope, Quoting.NONE),
                            r.hint() == null ? null : r.hint().render(scope, Quoting.NONE)));
                }
            }
        }
        Report.Level worst = lines.stream().map(Line::level).max(Enum::compareTo).orElse(null);
        if (worst == null) {
            return new HostResult(h.name(), Outcome.OK, exec.exitStatus(), null, null, exec.stdout(), exec.stderr(), took);
        }
        List<String> messages = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        for (Line l : lines) {
            if (l.level() == worst) {
                messages.add(l.message());
                if (l.hint() != null) {
                    hints.add(l.hint());
                }
            }
        }
        Outcome outcome = switch (worst) {
            case CRITICAL -> Outcome.GUARD_FAILED;
            case WARNING -> Outcome.WARNING;
            case INFO -> Outcome.OK;
        };
        return new HostResult(h.name(), outcome, exec.exitStatus(), String.join("; ", messages),
                hints.isEmpty() ? null : String.join("; ", hints), exec.stdout(), exec.stderr(), took);
    }

    private static Line line(Report.Level level, String message, String hint) {
        return new Line(level, message.strip(), hint == null ? null : hint.strip());
    }
}
