package dev.sopctl.cli;

import dev.sopctl.ExitCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) or SIGTERM during a run. The first interrupts the thread running the engine,
 * which stops the remote commands and then undoes the run's completed changes; a second
 * interrupts it again, which stops that undo where it is; a third ends the process at once
 * (exit 5, DESIGN §4). The signals are handled, not left to the JVM's shutdown, so the undo can
 * take as long as it takes. Where signals cannot be handled (the JVM runs with {@code -Xrs}), a
 * shutdown hook interrupts the run and gives it {@value #GRACE_SECONDS} s before the process ends.
 */
final class InterruptGuard implements AutoCloseable {
    /** Long enough for the transport to stop every remote command and wait for it (see SshjTransport.close). */
    private static final long GRACE_SECONDS = 15;
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final Thread worker;
    private final AtomicInteger received = new AtomicInteger();
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private Thread hook;

    private InterruptGuard(Thread worker) {
        this.worker = worker;
    }

    static InterruptGuard install() {
        InterruptGuard g = new InterruptGuard(Thread.currentThread());
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                g.previous.put(signal, Signal.handle(signal, g::onSignal));
            } catch (IllegalArgumentException e) {
                // this signal cannot be handled here (-Xrs, or not on this system): the hook below covers it
            }
        }
        if (g.previous.size() < SIGNALS.length) {
            g.installHook();
        }
        return g;
    }

    private void onSignal(Signal signal) {
        int n = received.incrementAndGet();
        if (n <= 2) {
            if (n == 2) {
                System.err.println("sopctl: interrupted again: stopping the undo; once more ends sopctl at once");
            }
            worker.interrupt();
            return;
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(ExitCode.NOT_DONE);
    }

    private void installHook() {
        hook = new Thread(() -> {
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
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: nothing to guard
        }
    }

    @Override
    public void close() {
        finished.countDown();
        previous.forEach(Signal::handle);
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down and our hook is running: let it finish
            }
        }
        // an interrupt that arrived after the run ended must not leak into what the thread does next
        if (received.get() > 0) {
            Thread.interrupted();
        }
    }
}
