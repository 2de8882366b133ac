package dev.sopctl.transport.ssh;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds a whole connection attempt (TCP connect, identification, key exchange, authentication) by
 * one deadline. sshj bounds each wait on its own, and none while the server keeps sending
 * something, so a peer that trickles bytes would hold the attempt forever; when the deadline
 * passes, this runs the given action (closing the connection, which ends every read in progress)
 * and {@link #expired()} tells the connecting thread why its read failed.
 */
final class ConnectDeadline implements AutoCloseable {
    private final AtomicBoolean expired = new AtomicBoolean();
    private final ScheduledFuture<?> alarm;

    ConnectDeadline(ScheduledExecutorService alarms, long millis, Runnable onExpiry) {
        this.alarm = alarms.schedule(() -> {
            expired.set(true);
            onExpiry.run();
        }, millis, TimeUnit.MILLISECONDS);
    }

    /** True once the deadline passed and the connection was closed. */
    boolean expired() {
        return expired.get();
    }

    /** The attempt ended (either way) before the deadline: nothing will be closed. */
    @Override
    public void close() {
        alarm.cancel(false);
    }
}
