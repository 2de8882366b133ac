package dev.sopctl.engine;

import dev.sopctl.inventory.Host;
import dev.sopctl.runbook.Step;
import dev.sopctl.yaml.Durations;
import java.util.Set;

/**
 * What differs between a real run and {@code --check} (probes only): whether changes run, how a
 * condition that cannot be decided is reported, whether a wait waits, and how a probe's failure
 * after a skipped change is judged. One object per run; the check mode remembers that a change
 * was skipped.
 */
abstract sealed class ModePolicy {
    static ModePolicy of(RunMode mode) {
        return mode == RunMode.CHECK ? new Check() : new Real();
    }

    /** Whether change steps run. */
    abstract boolean makesChanges();

    /** A change step was not run (check mode); later probes see the state before it. */
    void changeSkipped() {
    }

    /** A host's condition reads a name an earlier step did not capture there. */
    abstract HostResult undecidable(Host h, String name, String what);

    /** A wait's condition is not true yet: null to keep waiting, else the result to report now. */
    abstract HostResult notYet(Step s, Host h);

    /** A probe's result, judged: check mode after a skipped change reports a failure instead of judging it. */
    HostResult judge(HostResult r) {
        return r;
    }

    /** Whether a failed step ends the run (a real run) or is reported and the preview goes on (check). */
    abstract boolean failureStops();

    /**
     * A step reaches its host at a run-time address other than the inventory's (one a change gave it):
     * null to connect there, else the result to report without connecting.
     */
    HostResult reachedElsewhere(Host h, String address) {
        return null;
    }

    static final class Real extends ModePolicy {
        @Override
        boolean makesChanges() {
            return true;
        }

        @Override
        HostResult undecidable(Host h, String name, String what) {
            // the step that captures it did not run here (the host failed or was skipped earlier): that failure
            // is already reported; this step cannot be judged, so it does not run
            return HostResult.of(h.name(), Outcome.SKIPPED, "not run: its " + what + " uses '" + name
                    + "', which an earlier step did not capture on this host", null);
        }

        @Override
        HostResult notYet(Step s, Host h) {
            return null;
        }

        @Override
        boolean failureStops() {
            return true;
        }
    }

    static final class Check extends ModePolicy {
        /** A probe fails in any of these ways the same whatever caused it; after a skipped change, none is judged. */
        private static final Set<Outcome> STATE_FAILURES = Set.of(Outcome.FAILED, Outcome.GUARD_FAILED, Outcome.WARNING,
                Outcome.UNPARSABLE);
        private volatile boolean changesSkipped;

        @Override
        boolean makesChanges() {
            return false;
        }

        @Override
        void changeSkipped() {
            changesSkipped = true;
        }

        @Override
        HostResult undecidable(Host h, String name, String what) {
            return HostResult.of(h.name(), Outcome.UNKNOWN_IN_CHECK, "cannot tell in --check: the " + what + " uses '"
                    + name + "', which an earlier step captures", null);
        }

        @Override
        HostResult notYet(Step s, Host h) {
            return HostResult.of(h.name(), Outcome.OK, "--check: not true yet: " + s.until().that().source()
                    + " (a run would wait up to " + Durations.format(s.until().timeout()) + ")", null);
        }

        @Override
        HostResult judge(HostResult r) {
            if (!changesSkipped || !STATE_FAILURES.contains(r.outcome())) {
                return r;
            }
            // the state this probe would see after the skipped changes is unknown: report, don't judge
            return r.with(Outcome.OK, "--check: checked again after the changes above; as things are now: " + r.message());
        }

        @Override
        boolean failureStops() {
            return false;
        }

        @Override
        HostResult reachedElsewhere(Host h, String address) {
            // only a change moves a host, and --check makes none: the address may belong to no one yet
            return HostResult.of(h.name(), Outcome.UNKNOWN_IN_CHECK, "cannot tell in --check: this step reaches "
                    + h.name() + " at " + address + ", an address a change gives it", null);
        }
    }
}
