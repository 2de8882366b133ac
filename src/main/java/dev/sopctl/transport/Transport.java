package dev.sopctl.transport;

import dev.sopctl.inventory.Host;

/**
 * Runs commands on hosts of the inventory. The engine sees only this interface; dry-runs never
 * build one.
 *
 * <p>Contract:
 * <ul>
 *   <li>One connection per host per run: the first {@link #exec} or {@link #probe} on a host opens
 *       it (verifying the host key first), later calls reuse it. A connection that dropped is opened
 *       again on the next call. A host passed with another address than its inventory address (a step's
 *       run-time {@code address}: a node the run re-addressed) gets a connection of its own there, and
 *       must show the host key known for its inventory address.</li>
 *   <li>Thread-safe: calls for different hosts run concurrently; calls for one host may too.</li>
 *   <li>{@link #exec} returns when the command exits. A non-zero exit is a normal result, not an
 *       exception. A command that outlives {@link RemoteCommand#timeout()} is stopped on the remote
 *       side and reported as {@link TransportException.Kind#TIMEOUT}.</li>
 *   <li>Interrupting the calling thread stops the remote command and throws {@link InterruptedException}.</li>
 *   <li>Output beyond {@link RemoteCommand#outputCap()} bytes per stream is still streamed to the
 *       listener but not kept in the result (the result says it was truncated).</li>
 * </ul>
 */
public interface Transport extends AutoCloseable {

    /**
     * Runs {@code command} on {@code host} through its login shell.
     *
     * @param listener receives each line of output as it arrives (from the transport's threads)
     * @throws TransportException the host is unreachable, refused its key or our credentials, the
     *                            connection dropped mid-command, or the command timed out
     */
    default ExecResult exec(Host host, RemoteCommand command, OutputListener listener)
            throws TransportException, InterruptedException {
        return exec(host, command, listener, ByteStreams.NONE);
    }

    /**
     * Runs {@code command} on {@code host} with raw byte streams (see {@link ByteStreams}); otherwise
     * as {@link #exec(Host, RemoteCommand, OutputListener)}. With {@code streams.stdout()} the result's
     * stdout is empty. Streams are not closed by the transport.
     *
     * <p>When the command ends before it has read all of {@code streams.stdin()}, sending stops and
     * the result is the command's own (its exit status says why it ended). When writing to
     * {@code streams.stdout()} fails (the receiver is gone), the command is stopped on the remote
     * side and {@link TransportException.Kind#RECEIVER_GONE} is thrown. When reading
     * {@code streams.stdin()} fails, the command is stopped (it is not sent end of file) and
     * {@link TransportException.Kind#PROTOCOL} is thrown.
     *
     * <p>A normal return means all of the command's output was written to {@code streams.stdout()}
     * and flushed. After any return or throw the transport writes nothing more to it (a write in
     * progress completes). A transport thread may still be blocked in {@code streams.stdin().read()}
     * (the command ended, failed or was stopped before stdin ended): it drops whatever that read
     * returns and ends, so the caller should close or end the stream it owns.
     */
    ExecResult exec(Host host, RemoteCommand command, OutputListener listener, ByteStreams streams)
            throws TransportException, InterruptedException;

    /**
     * A hint that this run may move bulk data through {@link ByteStreams} (a relayed copy): the
     * transport may get ready for it in the background, while the run's first steps go on (the SSH
     * transport has the JIT compile its cipher). Returns at once; without it only the first
     * seconds of a large transfer are slower. Does nothing by default.
     */
    default void prepareForBulkData() {}

    /** Connects (or reuses the connection) and reports what the host is; for ping and reachability waits. */
    HostInfo probe(Host host) throws TransportException, InterruptedException;

    /**
     * Stops every command still running (as an interrupt of its caller would), waits for them to
     * end, then closes every connection; never throws. May be called from an interrupted thread.
     */
    @Override
    void close();
}
