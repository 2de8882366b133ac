package dev.sopctl.engine;

/**
 * One run of a step's command on a host: its result, or (while waiting) "not yet" and why.
 */
record Attempt(HostResult result, boolean notYet, String why) {
    static Attempt done(HostResult r) {
        return new Attempt(r, false, null);
    }

    static Attempt notYet(String why) {
        return new Attempt(null, true, why);
    }
}
