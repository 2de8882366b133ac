package dev.sopctl.engine;

import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples a transfer's byte count on its own thread every {@code interval} while the transfer runs
 * and hands each {@link TransferStatus} on. Reading the count may be a remote command (the size of
 * a file being written); a count that cannot be read keeps the last one. Progress is for people:
 * nothing here can fail the step.
 *
 * <pre>{@code
 * try (ProgressReporter p = ProgressReporter.start("copy-disk/node1", counter::get, meter, ticker, interval, show)) {
 *     ... run the transfer ...
 *     TransferStatus last = p.finish(true);
 * }
 * }</pre>
 */
final class ProgressReporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    /** Reads how many bytes have moved; may block (a remote command) and may be interrupted. */
    @FunctionalInterface
    interface Counter {
        long bytes() throws Exception;
    }

    private final Counter counter;
    private final TransferMeter meter;
    private final Ticker ticker;
    private final Duration interval;
    private final Consumer<TransferStatus> show;
    private final Thread thread;
    private volatile long last;

    private ProgressReporter(String name, Counter counter, TransferMeter meter, Ticker ticker, Duration interval,
            Consumer<TransferStatus> show) {
        this.counter = counter;
        this.meter = meter;
        this.ticker = ticker;
        this.interval = interval;
        this.show = show;
        this.thread = new Thread(this::loop, "sopctl-progress-" + name);
        thread.setDaemon(true);
    }

    static ProgressReporter start(String name, Counter counter, TransferMeter meter, Ticker ticker, Duration interval,
            Consumer<TransferStatus> show) {
        ProgressReporter r = new ProgressReporter(name, counter, meter, ticker, interval, show);
        r.thread.start();
        return r;
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            Long bytes = read();
            if (bytes == null) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                continue;
            }
            synchronized (this) {
                if (thread.isInterrupted()) {
                    return;
                }
                last = bytes;
                show.accept(meter.sample(ticker.now(), bytes));
            }
        }
    }

    private Long read() {
        try {
            return counter.bytes();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            log.debug("progress: cannot read the byte count: {}", e.toString());
            return null;
        }
    }

    /**
     * Stops sampling and returns the final status.
     *
     * @param readAgain read the count once more (the transfer ended well, so the count is final);
     *                  otherwise the last count read stands
     */
    TransferStatus finish(boolean readAgain) {
        stop();
        long bytes = last;
        if (readAgain) {
            Long now = read();
            bytes = now == null ? last : now;
        }
        synchronized (this) {
            return meter.sample(ticker.now(), bytes);
        }
    }

    private void stop() {
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
