package dev.sopctl.cli;

import dev.sopctl.engine.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** A context for tests that only build the command tree. */
final class CliContextsForTests {
    private CliContextsForTests() {}

    static CliContext none() {
        return new CliContext(Map.of(), Path.of(""), "t@t", null, (i, o) -> {
            throw new AssertionError("no transport here");
        }, Ticker.SYSTEM, Clock.systemUTC());
    }
}
