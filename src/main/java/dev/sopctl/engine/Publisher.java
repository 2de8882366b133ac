package dev.sopctl.engine;

import dev.sopctl.SopctlException;
import dev.sopctl.runbook.RunbookLoader;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.expr.Expression;
import dev.sopctl.runbook.expr.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step's {@code publish}: once it has run on all its hosts, each published name is evaluated in
 * the run's scope plus {@code results} (one map per host where the step captured: {@code host} and
 * its captures) and kept run-wide for the later steps, conditions, notices and targets.
 */
final class Publisher {
    private Publisher() {}

    /** @return null when published; else the failure to report for the step */
    static HostResult publish(RunContext ctx, Step s, List<HostResult> ran) {
        if (s.publish().isEmpty()) {
            return null;
        }
        List<Object> results = new ArrayList<>();
        for (HostResult r : ran) {
            Map<String, Object> own = ctx.captured.get(r.host());
            if (own == null || r.outcome() == Outcome.SKIPPED || !hasAll(own, s)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", r.host());
            synchronized (own) {
                s.capture().keySet().forEach(k -> m.put(k, own.get(k)));
            }
            results.add(m);
        }
        Map<String, Object> vars = ctx.runVars();
        vars.put(RunbookLoader.PUBLISH_RESULTS, results);
        for (Map.Entry<String, Expression> p : s.publish().entrySet()) {
            Object value;
            try {
                value = p.getValue().evaluate(Scope.of(vars));
            } catch (SopctlException e) {
                return HostResult.of("", Outcome.FAILED, "publish '" + p.getKey() + "': "
                        + e.getMessage(), "the hosts' output was not what the runbook expects; see the transcript");
            }
            ctx.published.put(p.getKey(), value);
            vars.put(p.getKey(), value);
            ctx.events.notice(s.id(), null, "published " + p.getKey() + " = " + (value == null ? "null" : value));
        }
        return null;
    }

    private static boolean hasAll(Map<String, Object> own, Step s) {
        synchronized (own) {
            return own.keySet().containsAll(s.capture().keySet());
        }
    }
}
