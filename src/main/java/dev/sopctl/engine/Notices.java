package dev.sopctl.engine;

import dev.sopctl.inventory.Host;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
import dev.sopctl.runbook.expr.UndefinedVariableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shows a notice step. A notice that reads only run-wide names shows once; one that reads a host's
 * captures shows once per host that captured them (with its condition judged on that host), and
 * never as raw {@code {{ }}} text.
 */
final class Notices {
    private Notices() {}

    /** @return the text shown (per-host texts as "host: text" lines), or null when its condition was false everywhere */
    static String show(RunContext ctx, Step s) {
        Scope run = Scope.of(ctx.runVars());
        try {
            if (s.when() != null && !s.when().test(run)) {
                return null;
            }
            String text = s.notice().render(run, Quoting.NONE);
            ctx.events.notice(s.id(), null, text);
            return text;
        } catch (UndefinedVariableException e) {
            return perHost(ctx, s, e.name());
        }
    }

    private static String perHost(RunContext ctx, Step s, String firstMissing) {
        List<String> shown = new ArrayList<>();
        boolean anyDefined = false;
        for (Host h : ctx.plan.inventory().hosts().values()) {
            if (!ctx.captured.containsKey(h.name())) {
                continue;
            }
            Map<String, Object> vars = ctx.hostVars(h);
            Scope scope = Scope.of(vars);
            try {
                boolean holds = s.when() == null || s.when().test(scope);
                String text = s.notice().render(scope, Quoting.NONE);
                anyDefined = true;
                if (holds) {
                    ctx.events.notice(s.id(), h.name(), text);
                    shown.add(h.name() + ": " + text);
                }
            } catch (UndefinedVariableException e) {
                // this host did not capture what the notice reads: nothing to say about it
            }
        }
        if (!anyDefined) {
            String text = "(not shown: it reads '" + firstMissing + "', which no host captured in this run)";
            ctx.events.notice(s.id(), null, text);
            return text;
        }
        return shown.isEmpty() ? null : String.join("\n", shown);
    }
}
