package dev.sopctl.transport.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.schmizz.sshj.connection.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the caller's stream to a remote command's standard input, on a transport thread: reads
 * chunks of up to {@link #CHUNK} bytes until end of stream, writes each to the channel and flushes
 * it, then closes the channel's output, which sends EOF (the command sees end of file). Memory
 * stays one buffer whatever the size. The caller's stream is never closed.
 *
 * <p><b>Why it waits for the window itself.</b> sshj's {@code ChannelOutputStream} waits for the
 * server to open the channel window inside its synchronized write, for at most the connection
 * timeout: a receiver that stalls longer (a slow disk) fails the write after an unknown part of it
 * was taken, and while it waits, sshj's reader thread blocks on the same lock when the server
 * closes the channel, stalling every channel of the connection. So this pump never writes more
 * than the window allows (such a write and its flush never wait) and polls for the window when it
 * is shut, at most {@link #MAX_PAUSE_NANOS} apart; the server adjusts the window well before its
 * buffer runs dry, so the pause costs no throughput. The polling also notices a {@link #stop()}
 * and a closed channel, so no interrupt is needed (an interrupt would close the caller's stream
 * if it is an interruptible channel).
 *
 * <p><b>When it stops.</b> The command ended (the channel closed) before taking everything: the
 * pump stops sending, quietly; the command's exit status says what happened. Reading the caller's
 * stream failed: the pump records why and {@linkplain Completion#giveUp() wakes} the waiting
 * thread, which stops the command; no EOF is sent, so the command never mistakes a cut stream for
 * a complete one. A pump blocked in {@code read} of the caller's stream stays there until that
 * returns; whatever it then reads is dropped.
 */
final class InputPump implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(InputPump.class);
    static final int CHUNK = 64 * 1024;
    private static final long MIN_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final InputStream source;
    private final Channel channel;
    private final Completion done;
    private volatile boolean stopped;
    private volatile Exception sourceFailure;
    private volatile long sent;

    InputPump(InputStream source, Channel channel, Completion done) {
        this.source = source;
        this.channel = channel;
        this.done = done;
    }

    @Override
    public void run() {
        byte[] buf = new byte[CHUNK];
        OutputStream out = channel.getOutputStream();
        while (!stopped) {
            int n;
            try {
                n = source.read(buf);
            } catch (IOException | RuntimeException e) {
                sourceFailure = e;
                done.giveUp();
                return;
            }
            if (n < 0) {
                sendEof(out);
                return;
            }
            if (!send(out, buf, n)) {
                return;
            }
        }
    }

    /** False when the command can take no more (channel closed, pump stopped). */
    private boolean send(OutputStream out, byte[] buf, int n) {
        int off = 0;
        while (off < n) {
            long window = awaitWindow();
            if (window <= 0) {
                return false;
            }
            int len = (int) Math.min(n - off, window);
            try {
                out.write(buf, off, len);
                out.flush();
            } catch (IOException | RuntimeException e) {
                // the channel closed under the write (the command ended), or the connection dropped,
                // which the output pumps report
                log.debug("stdin: stopped sending after {} bytes: {}", sent, e.toString());
                return false;
            }
            off += len;
            sent += len;
        }
        return true;
    }

    /** The open remote window in bytes; 0 when the channel closed or the pump was stopped. */
    private long awaitWindow() {
        long pause = MIN_PAUSE_NANOS;
        while (!stopped && channel.isOpen() && !Thread.currentThread().isInterrupted()) {
            long window = channel.getRemoteWinSize();
            if (window > 0) {
                return window;
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
        return 0;
    }

    private void sendEof(OutputStream out) {
        if (stopped) {
            return;
        }
        try {
            // everything was flushed before: ChannelOutputStream.close() drops what the window cannot take
            out.close();
        } catch (IOException e) {
            log.debug("stdin: EOF not sent: {}", e.toString());
        }
    }

    /** Sends nothing more; a pump blocked reading the caller's stream notices when the read returns. */
    void stop() {
        stopped = true;
    }

    /** Why reading the caller's stream failed, or null. */
    Exception sourceFailure() {
        return sourceFailure;
    }

    /** Bytes sent to the command so far. */
    long sent() {
        return sent;
    }
}
