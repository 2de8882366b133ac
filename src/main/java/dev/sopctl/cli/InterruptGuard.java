package dev.sopctl.cli;

import dev.sopctl.ExitCode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a run: the JVM starts its shutdown; this hook interrupts the thread running the
 * engine (which stops the remote commands and writes the {@code interrupted} and {@code run-end}
 * events), waits for it a little, and ends the process with exit 5 (DESIGN §4).
 */
final class InterruptGuard implements AutoCloseable {
    private static final long GRACE_SECONDS = 15;

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);

    private InterruptGuard(Thread worker) {
        this.hook = new Thread(() -> {
            worker.interrupt();
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(ExitCode.NOT_DONE);
        }, "sopctl-interrupt");
    }

    static InterruptGuard install() {
        InterruptGuard g = new InterruptGuard(Thread.currentThread());
        try {
            Runtime.getRuntime().addShutdownHook(g.hook);
        } catch (IllegalStateException e) {
            // already shutting down: nothing to guard
        }
        return g;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and our hook is running: let it finish
        }
    }
}
