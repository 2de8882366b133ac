package dev.sopctl.engine;

import java.time.Duration;

/**
 * Where a transfer stands.
 *
 * @param bytes   moved so far
 * @param total   expected in all, or -1 when unknown
 * @param elapsed since the transfer started
 * @param rate    bytes per second lately (over the last few seconds), 0 before there is a measure
 * @param eta     time left at the recent rate, or null when the total or the rate is unknown
 */
record TransferStatus(long bytes, long total, Duration elapsed, double rate, Duration eta) {
    /** The whole transfer's average rate, bytes per second. */
    double averageRate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : bytes / seconds;
    }
}
