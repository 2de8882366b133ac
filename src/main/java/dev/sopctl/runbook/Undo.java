package dev.sopctl.runbook;

import dev.sopctl.runbook.expr.Template;
import java.util.Objects;

/**
 * How to put back what a change step did, run when the run stops after it (failure, decline,
 * interrupt). Templated in the scope of the host the change ran on, after it ran (its captures and
 * the run's published values included).
 *
 * @param run the command; quoted like the step's own
 * @param on  the hosts to run it on, or null for the host the change ran on
 * @param as  run it as this user, or null for the step's own {@code as}
 */
public record Undo(Template run, Template on, String as) {
    public Undo {
        Objects.requireNonNull(run, "run");
    }
}
