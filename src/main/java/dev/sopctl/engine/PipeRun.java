package dev.sopctl.engine;

import dev.sopctl.inventory.Host;
import dev.sopctl.transport.ByteStreams;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.Transport;
import dev.sopctl.transport.TransportException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a piped step on one host: the sender's command writes its standard output to sopctl, which
 * writes it, byte for byte, to the standard input of the receiver's command on another host,
 * counting the bytes. The two are joined by an OS pipe, so memory stays the same for any size and a
 * slow receiver slows the sender down (SSH flow control) instead of filling memory.
 *
 * <p>Ends: the sender finishing well closes the pipe, and the receiver sees end of file. The sender
 * failing stops the receiver (it must not finish as if the data were whole). The receiver ending
 * first makes the sender's next write fail, which stops the sender. Either way this returns only
 * when both remote commands have ended, so what runs next (a recovery that removes a partial copy)
 * never races a command still writing.
 */
final class PipeRun {
    private static final long RECEIVER_STOP_WAIT_S = 30;

    /**
     * @param sent            the sender's result, or null when it failed
     * @param sendError       why the sender failed, or null
     * @param received        the receiver's result, or null when it failed or was stopped
     * @param receiveError    why the receiver failed, or null
     * @param receiverStopped the receiver was stopped because the sender failed
     * @param bytes           bytes relayed
     */
    record Outcome(ExecResult sent, TransportException sendError, ExecResult received, TransportException receiveError,
            boolean receiverStopped, long bytes) {}

    private final Transport transport;

    PipeRun(Transport transport) {
        this.transport = transport;
    }

    /**
     * @param counter     counts the bytes relayed, as they pass (read by the progress reporter)
     * @param allowExit   the sender's exit statuses that mean it sent everything
     * @throws InterruptedException the caller was interrupted; both remote commands were stopped
     */
    Outcome run(Host from, RemoteCommand send, OutputListener fromOutput, Host to, RemoteCommand receive,
            OutputListener toOutput, AtomicLong counter, Set<Integer> allowExit) throws InterruptedException {
        Pipe pipe;
        try {
            pipe = Pipe.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a pipe: " + e.getMessage(), e);
        }
        FutureTask<ExecResult> receiving = new FutureTask<>(() -> {
            try {
                return transport.exec(to, receive, toOutput, ByteStreams.stdin(Channels.newInputStream(pipe.source())));
            } finally {
                // nobody reads the pipe any more: the sender's next write fails instead of blocking
                closeQuietly(pipe.source());
            }
        });
        Thread receiver = new Thread(receiving, "sopctl-pipe-to-" + to.name());
        receiver.setDaemon(true);
        receiver.start();

        ExecResult sent = null;
        TransportException sendError = null;
        // the pipe's sending end is closed only after deciding how the receiver ends (end of file or stopped)
        OutputStream out = new Counting(Channels.newOutputStream(pipe.sink()), counter);
        try {
            sent = transport.exec(from, send, fromOutput, ByteStreams.stdout(out));
        } catch (TransportException e) {
            sendError = e;
        } catch (InterruptedException e) {
            stop(receiving, receiver);
            closeQuietly(pipe.sink());
            throw e;
        }
        boolean sentAll = sendError == null && allowExit.contains(sent.exitStatus());
        // the receiver closing its end is what made the sender fail: it is ending by itself, its result says why
        boolean receiverEnded = sendError != null && sendError.kind() == TransportException.Kind.RECEIVER_GONE;
        if (!sentAll && !receiverEnded && stop(receiving, receiver)) {
            closeQuietly(pipe.sink());
            return new Outcome(sent, sendError, null, null, true, counter.get());
        }
        closeQuietly(pipe.sink());
        try {
            return new Outcome(sent, sendError, receiving.get(), null, false, counter.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransportException te) {
                return new Outcome(sent, sendError, null, te, false, counter.get());
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            stop(receiving, receiver);
            throw e;
        }
    }

    /** Stops the receiver and waits until its remote command has ended; false when it had ended already. */
    private static boolean stop(FutureTask<ExecResult> receiving, Thread receiver) throws InterruptedException {
        boolean stopped = receiving.cancel(true);
        receiver.join(TimeUnit.SECONDS.toMillis(RECEIVER_STOP_WAIT_S));
        return stopped;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing a pipe end that is gone already
        }
    }

    /** Counts what passes; the count is read from another thread. */
    private static final class Counting extends FilterOutputStream {
        private final AtomicLong counter;

        Counting(OutputStream out, AtomicLong counter) {
            super(out);
            this.counter = counter;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            counter.addAndGet(len);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            counter.incrementAndGet();
        }
    }
}
