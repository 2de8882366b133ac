package dev.sopctl.transport.ssh;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the thread running a remote command waits for: every output stream of the command has ended,
 * or a pump gave up in a way that ends the run early (the receiver of the output is gone, the data
 * to send could not be read). Thread-safe.
 */
final class Completion {
    private final AtomicInteger streams;
    private final CountDownLatch settled = new CountDownLatch(1);

    /** @param streams how many output streams must end */
    Completion(int streams) {
        this.streams = new AtomicInteger(streams);
    }

    /** One output stream reached its end (or failed); call once per stream. */
    void streamEnded() {
        if (streams.decrementAndGet() == 0) {
            settled.countDown();
        }
    }

    /** Wakes the waiting thread now; it finds out why from the pumps. */
    void giveUp() {
        settled.countDown();
    }

    /** @return false when the time ran out first */
    boolean await(long nanos) throws InterruptedException {
        return settled.await(nanos, TimeUnit.NANOSECONDS);
    }

    void await() throws InterruptedException {
        settled.await();
    }
}
