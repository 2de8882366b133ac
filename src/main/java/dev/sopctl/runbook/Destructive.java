package dev.sopctl.runbook;

import dev.sopctl.runbook.expr.Template;
import java.util.Objects;

/**
 * Marks a step destructive: it never runs without a confirmation.
 *
 * @param confirm what the prompt says is about to happen (the exact commands are shown with it)
 * @param typed   when not null, the operator must type this text (a node name, the victim) instead of {@code y}
 */
public record Destructive(Template confirm, Template typed) {
    public Destructive {
        Objects.requireNonNull(confirm, "confirm");
    }
}
