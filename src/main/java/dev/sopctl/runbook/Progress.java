package dev.sopctl.runbook;

import dev.sopctl.runbook.expr.Expression;
import dev.sopctl.runbook.expr.Template;
import java.util.Objects;

/**
 * A long transfer's progress (bytes, rate, time left) shown while the step's command runs. A piped
 * step counts the bytes it relays; any other step watches the size of the file being written.
 *
 * @param total the expected number of bytes (evaluated before the command runs); without it, or when it
 *              cannot be evaluated, progress shows bytes and rate only
 * @param on    the host whose file is watched (a template naming one host), or null for a piped step
 * @param file  the path of the file being written there, or null for a piped step
 */
public record Progress(Expression total, Template on, Template file) {
    public Progress {
        if ((on == null) != (file == null)) {
            throw new IllegalArgumentException("on and file go together");
        }
    }

    public boolean watchesFile() {
        return file != null;
    }

    static Progress counting(Expression total) {
        return new Progress(total, null, null);
    }

    static Progress watching(Expression total, Template on, Template file) {
        return new Progress(total, Objects.requireNonNull(on, "on"), Objects.requireNonNull(file, "file"));
    }
}
