package dev.sopctl.transport.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a remote command's standard output byte for byte to the caller's stream, on a transport
 * thread, in chunks of up to {@link #CHUNK} bytes; memory stays one buffer whatever the size. The
 * caller's stream is flushed once, at the end, and never closed.
 *
 * <p>When writing to the caller's stream fails (its receiver is gone), the pump stops reading and
 * {@linkplain Completion#giveUp() wakes} the waiting thread, which stops the command; the channel
 * window then fills and the remote side blocks until it is stopped.
 */
final class RawOutputPump implements Runnable {
    static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final OutputStream receiver;
    private final Completion done;
    private volatile boolean stopped;
    private volatile IOException failure;
    private volatile Exception receiverFailure;
    private volatile long delivered;

    RawOutputPump(InputStream in, OutputStream receiver, Completion done) {
        this.in = in;
        this.receiver = receiver;
        this.done = done;
    }

    @Override
    public void run() {
        byte[] buf = new byte[CHUNK];
        try {
            int n;
            while ((n = in.read(buf)) != -1) {
                if (stopped || !deliver(buf, n)) {
                    return;
                }
            }
            if (!stopped) {
                deliver(buf, 0);
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            done.streamEnded();
        }
    }

    /** Writes n bytes to the receiver (flushing it when n is 0, at the end); false when it failed. */
    private boolean deliver(byte[] buf, int n) {
        try {
            if (n > 0) {
                receiver.write(buf, 0, n);
                delivered += n;
            } else {
                receiver.flush();
            }
            return true;
        } catch (IOException | RuntimeException e) {
            receiverFailure = e;
            done.giveUp();
            return false;
        }
    }

    /** Writes nothing more to the receiver (a write in progress still completes). */
    void stop() {
        stopped = true;
    }

    /** Why reading from the channel stopped early (the connection dropped), or null. */
    IOException failure() {
        return failure;
    }

    /** Why the receiver refused the output, or null while it took everything. */
    Exception receiverFailure() {
        return receiverFailure;
    }

    /** Bytes written to the receiver so far. */
    long delivered() {
        return delivered;
    }
}
