package dev.sopctl.runbook;

import dev.sopctl.runbook.expr.Expression;
import dev.sopctl.runbook.expr.Template;
import java.util.Objects;

/**
 * What a check step runs on a host where it failed, when the runbook's fix switch is on; the check
 * then runs again there and its verdict is the step's. A repair is always a change.
 *
 * @param when        the repair applies on a host only when this holds (read in the host's scope after the
 *                    check: its captures), or null for always
 * @param run         the command, quoted like the step's own
 * @param as          run it as this user, or null for the step's own {@code as}
 * @param destructive the confirmation it needs, or null to run without one
 * @param undo        how to put it back when the run stops later, or null
 */
public record Repair(Expression when, Template run, String as, Destructive destructive, Undo undo) {
    public Repair {
        Objects.requireNonNull(run, "run");
    }
}
