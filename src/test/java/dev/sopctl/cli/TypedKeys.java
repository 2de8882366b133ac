package dev.sopctl.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A shell test's keyboard: the typed keys, then a terminal that stays open until {@link #release()}
 * (jline treats the end of input as a closed terminal at once).
 */
final class TypedKeys extends InputStream {
    private final ByteArrayInputStream data;
    private final CountDownLatch done = new CountDownLatch(1);

    TypedKeys(String typed) {
        data = new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8));
    }

    /** The session is over: input ends. */
    void release() {
        done.countDown();
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (data.available() > 0) {
            return data.read(b, off, len);
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }
}
