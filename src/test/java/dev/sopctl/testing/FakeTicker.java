package dev.sopctl.testing;

import dev.sopctl.engine.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when the engine sleeps (or a test advances it): waits take no real time. */
public final class FakeTicker implements Ticker {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z"));

    @Override
    public Instant now() {
        return now.get();
    }

    @Override
    public void sleep(Duration d) {
        advance(d);
    }

    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }
}
