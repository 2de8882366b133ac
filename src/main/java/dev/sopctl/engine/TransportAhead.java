package dev.sopctl.engine;

import dev.sopctl.inventory.Inventory;
import dev.sopctl.transport.Transport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A run's transport, built on a background thread while the run still validates its parameters,
 * plans and opens its transcript: the transport's own set-up (the OpenSSH configuration check, a
 * process; the key exchange's key pair) then overlaps that work instead of following it. Building
 * a transport opens no connection. {@link #get} hands it over, or throws what building it threw,
 * at the point where the run used to build it; one never handed over is closed.
 */
final class TransportAhead implements AutoCloseable {
    private final CompletableFuture<Transport> transport = new CompletableFuture<>();
    private boolean taken;

    private TransportAhead(Function<Inventory, Transport> transports, Inventory inventory) {
        Thread t = new Thread(() -> {
            try {
                transport.complete(transports.apply(inventory));
            } catch (RuntimeException | Error e) {
                transport.completeExceptionally(e);
            }
        }, "sopctl-transport-setup");
        t.setDaemon(true);
        t.start();
    }

    static TransportAhead start(Function<Inventory, Transport> transports, Inventory inventory) {
        return new TransportAhead(transports, inventory);
    }

    /** The transport, once built; the caller closes it. Rethrows what building it threw. */
    Transport get() {
        taken = true;
        try {
            return transport.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Closes the transport when it was never handed over (the run stopped before it ran anything). */
    @Override
    public void close() {
        if (!taken) {
            transport.thenAccept(Transport::close);
        }
    }
}
