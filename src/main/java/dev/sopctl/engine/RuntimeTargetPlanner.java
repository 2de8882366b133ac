package dev.sopctl.engine;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans the steps whose hosts are decided at run time: which hosts each may be (the hosts of the
 * steps that publish the names its {@code on} reads; for a target read from {@code captured}, every
 * host the runbook's steps name: its scope) and how the plan describes it.
 */
final class RuntimeTargetPlanner {
    private final Map<String, PlannedStep> publishers = new HashMap<>();
    private final Set<String> captureNames = new LinkedHashSet<>();
    private final List<String> runbookScope;
    private final Scope run;

    RuntimeTargetPlanner(Runbook runbook, Scopes scopes, Inventory inventory) {
        Set<String> all = new LinkedHashSet<>();
        run = Scope.of(scopes.forRun(new HashMap<>()));
        for (Step s : concat(runbook.steps(), runbook.recovery())) {
            if (s.on() == null) {
                continue;
            }
            try {
                inventory.resolveTargets(s.on().render(run, Quoting.NONE)).forEach(h -> all.add(h.name()));
            } catch (SopctlException e) {
                // a run-time target, or a target the planner reports on its own
            }
        }
        runbookScope = List.copyOf(all);
    }

    /** Remembers what a planned step publishes and captures, for the steps after it. */
    void planned(PlannedStep ps) {
        ps.step().publish().keySet().forEach(name -> publishers.put(name, ps));
        captureNames.addAll(ps.step().capture().keySet());
    }

    /** @param missing a name {@code on} reads that is not known before the run */
    RuntimeTarget target(Step s, String missing) {
        Set<String> used = s.on().freeVariables();
        Set<String> candidates = new LinkedHashSet<>();
        List<String> described = new ArrayList<>();
        for (String name : used) {
            PlannedStep p = publishers.get(name);
            if (p != null) {
                p.hosts().forEach(h -> candidates.add(h.name()));
                described.add("the " + name + " of " + of(p));
            } else if (captureNames.contains(name)) {
                throw new SopctlException(ExitCode.INVALID_INPUT, s.location() + ": step '" + s.id() + "': 'on' reads '"
                        + name + "', which each host captures for itself; publish it run-wide (publish:) to use it as a target");
            }
        }
        if (candidates.isEmpty() && used.contains("captured")) {
            candidates.addAll(runbookScope);
            described.add("'" + s.on().source() + "'");
        }
        if (candidates.isEmpty()) {
            throw new SopctlException(ExitCode.INVALID_INPUT, s.location() + ": step '" + s.id()
                    + "': its hosts must be known before the run or published by an earlier step, but 'on' uses '"
                    + missing + "'");
        }
        return new RuntimeTarget(s.on().source(), List.copyOf(candidates), String.join(" and ", described));
    }

    /** "nfs-ha" for a step on cluster:nfs-ha; else its hosts. */
    private String of(PlannedStep p) {
        if (p.runtime() != null) {
            return p.runtime().description();
        }
        String rendered = p.step().on().render(run, Quoting.NONE).strip();
        for (String prefix : List.of("cluster:", "role:", "zone:")) {
            if (rendered.startsWith(prefix) && !rendered.contains(",")) {
                return rendered.substring(prefix.length());
            }
        }
        return String.join(", ", p.hosts().stream().map(Host::name).toList());
    }

    private static List<Step> concat(List<Step> a, List<Step> b) {
        List<Step> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
