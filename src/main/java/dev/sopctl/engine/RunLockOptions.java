package dev.sopctl.engine;

import dev.sopctl.lock.ControlHost;
import dev.sopctl.lock.LockScript;
import java.time.Duration;
import java.util.Objects;

/**
 * How a run that may change hosts locks them (DESIGN §5).
 *
 * @param script    the lock commands, for the lock directory every host uses
 * @param waitFor   {@code --wait-lock}: how long to wait for a lock another run holds (zero: do not wait)
 * @param breakLock {@code --break-lock}: offer to break a lock whose owner is not provably gone
 * @param self      this machine and process, for the owner record and the stale rule
 */
public record RunLockOptions(LockScript script, Duration waitFor, boolean breakLock, ControlHost self) {
    /** How often a waiting run asks again. */
    static final Duration POLL = Duration.ofSeconds(2);

    public RunLockOptions {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(waitFor, "waitFor");
        Objects.requireNonNull(self, "self");
        if (waitFor.isNegative()) {
            throw new IllegalArgumentException("waitFor must not be negative");
        }
    }
}
