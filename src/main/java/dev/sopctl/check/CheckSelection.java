package dev.sopctl.check;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.engine.Plan;
import dev.sopctl.engine.PlannedStep;
import dev.sopctl.engine.Planner;
import dev.sopctl.inventory.Cluster;
import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.runbook.ParamType;
import dev.sopctl.runbook.Parameter;
import dev.sopctl.runbook.ParameterValidator;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.runbook.RunbookRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which check runbooks {@code sopctl check} runs over which targets, and with which parameters. A
 * check runbook ({@code check: true}) applies to the targets through its parameters:
 * <ul>
 *   <li>a {@code hosts} parameter gets the targeted hosts it accepts (its role, else its default's
 *       hosts);</li>
 *   <li>a {@code cluster} parameter gets each cluster of its type with a targeted member (one run
 *       per cluster); when there is none, an optional one is left out, a required one makes the
 *       runbook not apply;</li>
 *   <li>the fix switch is off; every other parameter keeps its default (a required one without a
 *       default makes the runbook not apply).</li>
 * </ul>
 * A runbook applies when its plan then reaches a targeted host. What does not apply is said, with why.
 */
public final class CheckSelection {
    private static final Pattern CHECK_KEY = Pattern.compile("(?m)^check:\\s*(true|yes)\\s*(#.*)?$");

    /** A check runbook not run, and why. */
    public record NotApplicable(String runbook, String reason) {}

    private final List<CheckInvocation> invocations = new ArrayList<>();
    private final List<NotApplicable> notApplicable = new ArrayList<>();

    public List<CheckInvocation> invocations() {
        return List.copyOf(invocations);
    }

    public List<NotApplicable> notApplicable() {
        return List.copyOf(notApplicable);
    }

    /**
     * @param targets target words (hosts, role:R, zone:Z, cluster:C, all); empty for the whole estate
     * @param only    runbook names (full, or the part after the last '/') to keep; empty for every check
     * @throws SopctlException 65 for a target that matches nothing; 64 for a name in {@code only} that is no check
     */
    public static CheckSelection select(RunbookRepository repository, Inventory inventory, List<String> targets,
            List<String> only, Map<String, String> environment) {
        Set<String> targeted = new LinkedHashSet<>();
        if (targets.isEmpty()) {
            inventory.hosts().keySet().forEach(targeted::add);
        } else {
            inventory.resolveTargets(String.join(",", targets)).forEach(h -> targeted.add(h.name()));
        }
        List<String> names = checkRunbooks(repository);
        List<String> chosen = new ArrayList<>();
        for (String wanted : only) {
            List<String> match = names.stream().filter(n -> n.equals(wanted) || n.endsWith("/" + wanted)).toList();
            if (match.isEmpty()) {
                throw new SopctlException(ExitCode.USAGE, "--only " + wanted + ": no check runbook has that name",
                        "the check runbooks: " + String.join(", ", names));
            }
            match.stream().filter(n -> !chosen.contains(n)).forEach(chosen::add);
        }
        CheckSelection selection = new CheckSelection();
        for (String name : only.isEmpty() ? names : chosen) {
            selection.add(repository.get(name), inventory, targeted, environment);
        }
        return selection;
    }

    /** The names of the runbooks that declare {@code check: true}, read cheaply from their text. */
    static List<String> checkRunbooks(RunbookRepository repository) {
        return repository.names().stream().filter(n -> CHECK_KEY.matcher(repository.source(n).text()).find()).toList();
    }

    private void add(Runbook runbook, Inventory inventory, Set<String> targeted, Map<String, String> environment) {
        if (!runbook.check()) {
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        Parameter clusterParam = null;
        for (Parameter p : runbook.params()) {
            if (p.name().equals("fix") && p.type() == ParamType.BOOL) {
                params.put(p.name(), "false");
            } else if (p.type() == ParamType.HOSTS) {
                List<String> hosts = accepted(p, inventory).stream().filter(targeted::contains).toList();
                if (hosts.isEmpty()) {
                    notApplicable.add(new NotApplicable(runbook.name(), "no targeted host is one of its " + p.name()));
                    return;
                }
                params.put(p.name(), String.join(",", hosts));
            } else if (p.type() == ParamType.CLUSTER) {
                clusterParam = p;
            } else if (p.required() && p.defaultValue() == null) {
                notApplicable.add(new NotApplicable(runbook.name(), "its parameter " + p.name() + " has no default"));
                return;
            }
        }
        if (clusterParam == null) {
            plan(runbook, params, inventory, targeted, environment);
            return;
        }
        List<String> clusters = clusters(clusterParam, inventory, targeted);
        if (clusters.isEmpty()) {
            if (clusterParam.required()) {
                notApplicable.add(new NotApplicable(runbook.name(), "no targeted host is in a "
                        + (clusterParam.clusterType() == null ? "" : clusterParam.clusterType() + " ") + "cluster"));
                return;
            }
            plan(runbook, params, inventory, targeted, environment);
            return;
        }
        for (String cluster : clusters) {
            Map<String, String> withCluster = new LinkedHashMap<>(params);
            withCluster.put(clusterParam.name(), cluster);
            plan(runbook, withCluster, inventory, targeted, environment);
        }
    }

    /** The hosts a hosts parameter would take: its role's, else its default's, else every host. */
    private static List<String> accepted(Parameter p, Inventory inventory) {
        List<Host> hosts;
        if (p.role() != null) {
            hosts = inventory.byRole(p.role());
        } else if (p.defaultValue() != null && !p.defaultValue().equals("all")) {
            try {
                hosts = inventory.resolveTargets(p.defaultValue());
            } catch (SopctlException e) {
                // a default such as role:node in an estate without nodes: the check does not apply
                hosts = List.of();
            }
        } else {
            hosts = List.copyOf(inventory.hosts().values());
        }
        return hosts.stream().map(Host::name).toList();
    }

    private static List<String> clusters(Parameter p, Inventory inventory, Set<String> targeted) {
        List<String> out = new ArrayList<>();
        for (Cluster c : inventory.clusters().values()) {
            if ((p.clusterType() == null || p.clusterType().equals(c.type()))
                    && c.members().stream().anyMatch(targeted::contains)) {
                out.add(c.name());
            }
        }
        return out;
    }

    private void plan(Runbook runbook, Map<String, String> params, Inventory inventory, Set<String> targeted,
            Map<String, String> environment) {
        Plan plan;
        try {
            plan = Planner.plan(runbook, ParameterValidator.validate(runbook, params, inventory, environment), inventory);
        } catch (SopctlException e) {
            if (e.exitCode() != ExitCode.INVALID_INPUT) {
                throw e;
            }
            // a step's own target (on: role:node) that this estate does not have
            notApplicable.add(new NotApplicable(runbook.name(), e.getMessage()));
            return;
        }
        Set<String> reached = new LinkedHashSet<>();
        for (PlannedStep s : plan.steps()) {
            s.hosts().forEach(h -> reached.add(h.name()));
            if (s.runtime() != null) {
                reached.addAll(s.runtime().candidates()); // decided at run time: any of these
            }
        }
        if (reached.stream().noneMatch(targeted::contains)) {
            notApplicable.add(new NotApplicable(runbook.name(), "it runs on none of the targeted hosts"));
            return;
        }
        invocations.add(new CheckInvocation(runbook, params, List.copyOf(reached)));
    }
}
