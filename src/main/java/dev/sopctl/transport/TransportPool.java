package dev.sopctl.transport;

import dev.sopctl.inventory.Host;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One transport shared by several runs (the checks of {@code sopctl check}, the commands of
 * {@code sopctl shell}), so a host's SSH connection is opened once and reused. Each run gets a
 * {@link #lease}: a {@link Transport} whose {@code close()} returns it to the pool instead of
 * disconnecting. The shared transport is closed when the pool is, when a lease asks for another key
 * (the inventory or the SSH options changed), or when no run has used it for {@code idle}. A
 * connection that dropped is opened again by the transport itself on its next use.
 *
 * <pre>{@code
 * try (TransportPool pool = new TransportPool(Duration.ofMinutes(10))) {
 *     try (Transport t = pool.lease(key, () -> new SshjTransport(inventory, options))) { ... }
 *     try (Transport t = pool.lease(key, () -> ...)) { ... }   // same connections
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class TransportPool implements AutoCloseable {
    private final Duration idle;
    private final ScheduledExecutorService timer;
    private Object key;
    private Transport shared;
    private int leases;
    private ScheduledFuture<?> idleClose;
    private final AtomicInteger opened = new AtomicInteger();
    private boolean closed;

    /** @param idle close the shared transport after this long without a lease (at least one second) */
    public TransportPool(Duration idle) {
        this.idle = Objects.requireNonNull(idle, "idle");
        if (idle.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("idle must be at least 1s");
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sopctl-pool-idle");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The shared transport for {@code key}, opened with {@code open} when there is none or it was made
     * for another key. The lease must be closed when the run ends.
     */
    public synchronized Transport lease(Object key, Supplier<Transport> open) {
        if (closed) {
            throw new IllegalStateException("the transport pool is closed");
        }
        if (idleClose != null) {
            idleClose.cancel(false);
            idleClose = null;
        }
        if (shared != null && !Objects.equals(this.key, key)) {
            if (leases > 0) {
                // a run still uses the old one (a check inside a shell command): give this run its own
                return open.get();
            }
            shared.close();
            shared = null;
        }
        if (shared == null) {
            shared = open.get();
            this.key = key;
            opened.incrementAndGet();
        }
        leases++;
        return new Lease(shared);
    }

    /** How many shared transports were opened so far (a new one after a key change or an idle close). */
    public int transportsOpened() {
        return opened.get();
    }

    /** Whether a shared transport is open now. */
    public synchronized boolean isOpen() {
        return shared != null;
    }

    private synchronized void release() {
        leases--;
        if (leases == 0 && shared != null && !closed) {
            idleClose = timer.schedule(this::closeIfIdle, idle.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void closeIfIdle() {
        if (leases == 0 && shared != null) {
            shared.close();
            shared = null;
            key = null;
        }
    }

    /** Closes the shared transport (stopping whatever still runs on it) and the idle timer. */
    @Override
    public void close() {
        Transport last;
        synchronized (this) {
            closed = true;
            last = shared;
            shared = null;
        }
        if (last != null) {
            last.close();
        }
        timer.shutdownNow();
    }

    /** A run's use of the shared transport; closing it gives the transport back. */
    private final class Lease implements Transport {
        private final Transport transport;
        private boolean returned;

        Lease(Transport transport) {
            this.transport = transport;
        }

        @Override
        public ExecResult exec(Host host, RemoteCommand command, OutputListener listener, ByteStreams streams)
                throws TransportException, InterruptedException {
            return transport.exec(host, command, listener, streams);
        }

        @Override
        public HostInfo probe(Host host) throws TransportException, InterruptedException {
            return transport.probe(host);
        }

        @Override
        public void prepareForBulkData() {
            transport.prepareForBulkData();
        }

        @Override
        public synchronized void close() {
            if (!returned) {
                returned = true;
                release();
            }
        }
    }
}
