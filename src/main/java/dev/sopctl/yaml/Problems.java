package dev.sopctl.yaml;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every validation problem with its location instead of stopping at the first, then
 * fails once with all of them (exit 65). Not thread-safe; one per load.
 */
public final class Problems {
    /** One problem: where, and what is wrong there. */
    public record Problem(Location location, String message) {
        @Override
        public String toString() {
            return location + ": " + message;
        }
    }

    private final List<Problem> problems = new ArrayList<>();

    public void add(Location location, String message) {
        problems.add(new Problem(location, message));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<Problem> all() {
        return List.copyOf(problems);
    }

    /** Throws exit-65 listing every problem, headed by {@code what} ("invalid inventory"). */
    public void throwIfAny(String what) {
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(what).append(" (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
        for (Problem p : problems) {
            sb.append("\n  ").append(p);
        }
        throw new SopctlException(ExitCode.INVALID_INPUT, sb.toString());
    }
}
