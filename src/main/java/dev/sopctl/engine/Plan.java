package dev.sopctl.engine;

import dev.sopctl.inventory.Inventory;
import dev.sopctl.runbook.ParameterValues;
import dev.sopctl.runbook.Runbook;
import java.util.List;
import java.util.Objects;

/**
 * What a run will do, fully resolved before anything connects: the runbook, its checked
 * parameters, and every step with its hosts and its commands after templating. A dry-run prints
 * this and stops.
 */
public record Plan(Runbook runbook, ParameterValues params, Inventory inventory, List<PlannedStep> steps,
        List<PlannedStep> recovery) {
    public Plan {
        Objects.requireNonNull(runbook, "runbook");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(inventory, "inventory");
        steps = List.copyOf(steps);
        recovery = List.copyOf(recovery);
    }

    public PlannedStep recoveryStep(String id) {
        return recovery.stream().filter(s -> s.step().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no recovery step " + id));
    }
}
