package dev.sopctl.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where a run comes from, recorded in its {@code run-start} so that {@code sopctl resume} can run
 * the same thing again: the runbook's content hash, the parameters as typed and the runbooks
 * folder; and, for a resumed run, the run it continues and the changes that run completed.
 *
 * @param runbookSha256 SHA-256 (hex) of the runbook file, or null (an ad-hoc exec)
 * @param args          the parameters as typed
 * @param runbooks      {@code --runbooks DIR}, or null
 * @param resumes       for {@code sopctl resume}: the run continued and what it completed, else null
 */
public record RunOrigin(String runbookSha256, Map<String, String> args, String runbooks, Resumed resumes) {
    /**
     * The run a resumed run continues.
     *
     * @param run     its id
     * @param changes per step id, the hosts on which that change step completed (and was not undone)
     */
    public record Resumed(String run, Map<String, Set<String>> changes) {
        public Resumed {
            Objects.requireNonNull(run, "run");
            changes = Map.copyOf(changes);
        }

        /** Whether the change {@code step} completed on {@code host} in the run continued. */
        public boolean done(String step, String host) {
            return changes.getOrDefault(step, Set.of()).contains(host);
        }
    }

    public RunOrigin {
        args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }
}
