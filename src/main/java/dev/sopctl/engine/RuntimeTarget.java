package dev.sopctl.engine;

import java.util.List;
import java.util.Objects;

/**
 * A step whose hosts are decided at run time ({@code on} reads a value published or captured by an
 * earlier step).
 *
 * @param expression  the step's {@code on}, as written
 * @param candidates  the hosts it may resolve to: those of the steps that publish the names it reads,
 *                    or else every host the runbook's other steps name; a value outside them stops the run
 * @param description for the plan: "the primary of nfs-ha"
 */
public record RuntimeTarget(String expression, List<String> candidates, String description) {
    public RuntimeTarget {
        Objects.requireNonNull(expression, "expression");
        candidates = List.copyOf(candidates);
    }

    /** "the primary of nfs-ha: nas1 or nas2, decided at run time". */
    public String explain() {
        return description + ": " + String.join(" or ", candidates) + ", decided at run time";
    }
}
