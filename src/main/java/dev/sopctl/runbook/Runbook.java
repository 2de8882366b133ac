package dev.sopctl.runbook;

import dev.sopctl.runbook.expr.NamedExpression;
import dev.sopctl.yaml.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated runbook: one SOP procedure as typed parameters and steps.
 *
 * @param name        path-like name, e.g. {@code pvdi/node-shutdown}
 * @param title       one line
 * @param sop         the SOP document and section it implements
 * @param description what it does, for {@code runbooks show}
 * @param params      parameters in declared order
 * @param steps       the steps in order
 * @param recovery    steps run only by an {@code on_failure: recover} step
 * @param source      where it was loaded from (a file or {@code classpath:runbooks/...})
 * @param vars        the runbook's {@code vars:} by name, in written order
 * @param fixSwitch   the bool parameter that lets check steps run their {@code repair} ({@code fix: NAME}), or null
 * @param check       {@code check: true}: a read-only check that {@code sopctl check} runs (its changes
 *                    run only with its fix switch, which is off there)
 * @param perfdata    for a check: by step id, the captures it declares graphable
 */
public record Runbook(
        String name,
        String title,
        String sop,
        String description,
        List<Parameter> params,
        List<Step> steps,
        List<Step> recovery,
        Location source,
        Map<String, NamedExpression> vars,
        String fixSwitch,
        boolean check,
        Map<String, List<Perfdata>> perfdata) {

    public Runbook {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(source, "source");
        params = List.copyOf(params);
        steps = List.copyOf(steps);
        recovery = List.copyOf(recovery);
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        Map<String, List<Perfdata>> byStep = new LinkedHashMap<>();
        perfdata.forEach((step, list) -> byStep.put(step, List.copyOf(list)));
        perfdata = Collections.unmodifiableMap(byStep);
        sop = sop == null ? "" : sop;
        description = description == null ? "" : description;
    }

    /** A runbook without vars. */
    public Runbook(String name, String title, String sop, String description, List<Parameter> params,
            List<Step> steps, List<Step> recovery, Location source) {
        this(name, title, sop, description, params, steps, recovery, source, Map.of(), null, false, Map.of());
    }

    /** A runbook that is not a check and has no fix switch. */
    public Runbook(String name, String title, String sop, String description, List<Parameter> params,
            List<Step> steps, List<Step> recovery, Location source, Map<String, NamedExpression> vars) {
        this(name, title, sop, description, params, steps, recovery, source, vars, null, false, Map.of());
    }

    /** The performance data a check step declares (none for other steps and runbooks). */
    public List<Perfdata> perfdataOf(String stepId) {
        return perfdata.getOrDefault(stepId, List.of());
    }

    public Optional<Parameter> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Step> recoveryStep(String id) {
        return recovery.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** True when any step changes state (so a run needs more than read access). */
    public boolean changesState() {
        return steps.stream().anyMatch(s -> s.kind() == StepKind.CHANGE || !s.repairs().isEmpty());
    }
}
