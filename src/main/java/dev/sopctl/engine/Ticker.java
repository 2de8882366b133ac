package dev.sopctl.engine;

import java.time.Duration;
import java.time.Instant;

/** Time for the engine: what time it is and how to wait. Tests use a fake that sleeps instantly. */
public interface Ticker {
    Instant now();

    void sleep(Duration d) throws InterruptedException;

    Ticker SYSTEM = new Ticker() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(d.toMillis());
        }
    };
}
