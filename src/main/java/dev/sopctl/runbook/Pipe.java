package dev.sopctl.runbook;

import dev.sopctl.runbook.expr.Template;
import java.util.Objects;

/**
 * The step's command's standard output is streamed, through sopctl, into the standard input of a
 * command on another host: for hosts that cannot reach or do not trust each other. Both commands
 * are templated in the step's scope (so {@code host} is the sending host).
 *
 * @param to  the receiving host: a template that must name exactly one host
 * @param run the receiving command; substituted values are shell-quoted unless the step is raw
 */
public record Pipe(Template to, Template run) {
    public Pipe {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(run, "run");
    }
}
