package dev.sopctl.engine;

import dev.sopctl.inventory.Host;
import dev.sopctl.testing.FakeTicker;
import dev.sopctl.testing.ScriptedTransport.Reply;
import dev.sopctl.transport.ExecResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hosts' clocks for the time runbooks: {@code date +%s.%N} answers with the engine's (fake) time
 * plus the host's clock error, read a quarter into a round trip that the reply advances the ticker
 * by. Run the engine with parallel 1: the ticker is shared.
 */
final class FakeClocks implements Reply {
    private final FakeTicker ticker;
    private final Map<String, Double> error = new ConcurrentHashMap<>();
    private final Map<String, List<Duration>> trips = new ConcurrentHashMap<>();
    private final Map<String, Integer> readings = new ConcurrentHashMap<>();

    FakeClocks(FakeTicker ticker) {
        this.ticker = ticker;
    }

    /** The host's clock is {@code seconds} ahead (negative: behind). */
    FakeClocks off(String host, double seconds) {
        error.put(host, seconds);
        return this;
    }

    /** The round trips of the host's readings, in turn (the last one repeats); default 4 ms each. */
    FakeClocks trips(String host, Duration... roundTrips) {
        trips.put(host, List.of(roundTrips));
        return this;
    }

    @Override
    public ExecResult answer(Host host, String command) {
        int n = readings.merge(host.name(), 1, Integer::sum) - 1;
        List<Duration> list = trips.getOrDefault(host.name(), List.of(Duration.ofMillis(4)));
        Duration trip = list.get(Math.min(n, list.size() - 1));
        // read a quarter into the round trip: a long trip misleads by a quarter of it
        ticker.advance(trip.dividedBy(4));
        Instant t = ticker.now();
        ticker.advance(trip.minus(trip.dividedBy(4)));
        double clock = t.getEpochSecond() + t.getNano() / 1e9 + error.getOrDefault(host.name(), 0.0);
        return new ExecResult(0, String.format("%.9f%n", clock), "", false, trip);
    }
}
