package dev.sopctl.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Turns byte counts taken now and then into a {@link TransferStatus}. The rate is measured over a
 * sliding window of recent samples, so the time left follows a transfer that speeds up or slows
 * down instead of averaging over its whole life. Not thread-safe: one reporter feeds it.
 */
final class TransferMeter {
    static final Duration WINDOW = Duration.ofSeconds(5);

    private record Sample(Instant at, long bytes) {}

    private final Instant start;
    private final long total;
    private final ArrayDeque<Sample> window = new ArrayDeque<>();

    /** @param total expected bytes, or -1 when unknown */
    TransferMeter(Instant start, long total) {
        this.start = start;
        this.total = total;
        window.add(new Sample(start, 0));
    }

    TransferStatus sample(Instant now, long bytes) {
        window.addLast(new Sample(now, bytes));
        // keep one sample at or before the window's start as the rate's starting point
        Instant windowStart = now.minus(WINDOW);
        while (window.size() > 2) {
            Iterator<Sample> it = window.iterator();
            it.next();
            if (it.next().at().isAfter(windowStart)) {
                break;
            }
            window.removeFirst();
        }
        Sample first = window.peekFirst();
        double seconds = Duration.between(first.at(), now).toNanos() / 1e9;
        double rate = seconds > 0 ? Math.max(0, bytes - first.bytes()) / seconds : 0;
        Duration eta = null;
        if (total >= 0 && rate > 0) {
            long left = Math.max(0, total - bytes);
            eta = Duration.ofMillis((long) Math.ceil(left / rate * 1000));
        }
        return new TransferStatus(bytes, total, Duration.between(start, now), rate, eta);
    }
}
