package dev.sopctl.transport.ssh;

import dev.sopctl.inventory.Host;
import dev.sopctl.transport.ByteStreams;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.TransportException;
import dev.sopctl.transport.TransportException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote command on an open connection, from exec to exit status.
 *
 * <p><b>How a command is stopped.</b> Closing an SSH channel does not stop a command that has no
 * pty: sshd just closes its pipes, and the command runs on until it next writes (if it ever does).
 * Channel {@code signal} requests are ignored by OpenSSH before 7.9 and, where honoured, reach only
 * the shell, not its children. Allocating a pty would make sshd's hang-up kill the foreground job,
 * but a pty merges stderr into stdout, translates newlines, makes programs behave interactively
 * (pagers, colours, prompts) and is defeated by {@code nohup}. So instead the command is sent as
 * <pre>  printf 'sopctl-pgid=%s\n' "$$" >&2; COMMAND</pre>
 * sshd starts every session's shell with {@code setsid()}, so {@code $$} is the id of a process
 * group that holds the shell and everything it starts (a non-interactive shell does no job
 * control). The marker line is removed from stderr before anyone sees it. To stop the command we
 * send {@code signal TERM} on the channel (cheap, and enough on servers that honour it), then run
 * {@code kill -TERM -PGID}, wait up to two seconds, {@code kill -KILL -PGID} on a second channel of
 * the same connection, and close the command's channel. Processes that put themselves in a new
 * session ({@code setsid}, daemons) are out of reach by design. This needs a POSIX login shell on
 * the remote side, as every estate host has.
 *
 * <p><b>Who stops it.</b> The thread running the command, when it times out or is interrupted;
 * or the transport, which on {@link SshjTransport#close()} stops every command still running and
 * waits for them (an interrupted fan-out closes the transport while its host threads still
 * stop their commands). Either way the stop itself runs once, on a transport thread that nobody
 * interrupts, and the thread that asked waits for it however often it is interrupted.
 *
 * <p><b>Byte streams.</b> With {@link ByteStreams}, {@link CommandStreams} feeds stdin from the
 * caller's stream and copies stdout to the caller's stream raw. The run ends early, the command
 * stopped as above, when the caller's stdout refuses data ({@link Kind#RECEIVER_GONE}) or its
 * stdin cannot be read ({@link Kind#PROTOCOL}; no EOF is sent, so the command never takes a cut
 * stream for a whole one). However the run ends, its pumps are stopped before {@link #run} returns
 * or throws: none writes to the channel or the caller's stdout afterwards, except a write already
 * in progress; an input pump blocked reading the caller's stdin stays blocked until that read
 * returns and then drops what it read (the caller's streams are never closed or interrupted).
 */
final class RemoteRun {
    private static final Logger log = LoggerFactory.getLogger(RemoteRun.class);
    static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /** The longest a stop takes: the process group's marker (2 s), then the kill channel. */
    static final Duration STOP_WAIT = KILL_WAIT.plusSeconds(3);

    private final Host host;
    private final SSHClient client;
    private final Session session;
    private final RemoteCommand command;
    private final OutputListener listener;
    private final ByteStreams streams;
    private final ExecutorService pumps;
    private final CountDownLatch killed = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private Session.Command cmd;
    private CommandStreams io;
    private boolean stopRequested;
    private boolean stopStarted;

    RemoteRun(Host host, SSHClient client, Session session, RemoteCommand command, OutputListener listener,
            ByteStreams streams, ExecutorService pumps) {
        this.host = host;
        this.client = client;
        this.session = session;
        this.command = command;
        this.listener = listener;
        this.streams = streams;
        this.pumps = pumps;
    }

    static String wrap(String command) {
        return "printf '" + OutputPump.MARKER + "%s\\n' \"$$\" >&2; " + command;
    }

    ExecResult run() throws TransportException, InterruptedException {
        try {
            return runToEnd();
        } finally {
            ended.countDown();
        }
    }

    private ExecResult runToEnd() throws TransportException, InterruptedException {
        long start = System.nanoTime();
        Session.Command cmd;
        try {
            cmd = session.exec(wrap(command.command()));
        } catch (IOException e) {
            closeQuietly(session);
            throw dropped("could not start the command", e);
        }
        CommandStreams io = CommandStreams.start(cmd, command, listener, streams, pumps);
        synchronized (this) {
            this.cmd = cmd;
            this.io = io;
            if (stopRequested) {
                // the transport closed while the command started: it must not run on unattended
                startStop();
            }
        }

        boolean limited = !command.timeout().isNegative() && !command.timeout().isZero();
        long deadline = limited ? start + command.timeout().toNanos() : Long.MAX_VALUE;
        try {
            boolean settled = limited ? io.await(deadline - System.nanoTime()) : awaitForever(io);
            if (!settled) {
                stopAndWait();
                throw new TransportException(host.name(), Kind.TIMEOUT,
                        host.name() + ": command timed out after " + Durations.human(command.timeout())
                                + " and was stopped: " + command.command(),
                        "raise the step's timeout or --timeout if it needs longer", null);
            }
            if (io.receiverFailure() != null) {
                stopAndWait();
                throw receiverGone(io);
            }
            if (io.sourceFailure() != null) {
                stopAndWait();
                throw sourceFailed(io);
            }
            // both streams ended: the command exited (or the connection dropped); wait for the close
            long remaining = Math.max(TimeUnit.SECONDS.toNanos(5), deadline - System.nanoTime());
            try {
                cmd.join(Math.min(remaining, TimeUnit.SECONDS.toNanos(30)), TimeUnit.NANOSECONDS);
            } catch (IOException e) {
                if (!alive()) {
                    throw dropped("the connection dropped while the command ran", e);
                }
                log.debug("{}: join: {}", host.name(), e.toString());
            }
        } catch (InterruptedException e) {
            stopAndWait();
            throw e;
        } finally {
            io.stop();
            closeQuietly(cmd);
            closeQuietly(session);
        }
        if (io.readFailure() != null) {
            throw dropped("the connection dropped while the command ran", io.readFailure());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // sshj: the exit status is read after close; null means none came (dropped, or killed by a signal)
        Integer status = cmd.getExitStatus();
        if (status == null) {
            Signal signal = cmd.getExitSignal();
            if (signal != null && signal != Signal.UNKNOWN) {
                log.debug("{}: command killed by SIG{}", host.name(), signal);
                status = 128 + signalNumber(signal);
            } else {
                throw dropped(alive() ? "the server closed the channel without an exit status"
                        : "the connection dropped while the command ran", null);
            }
        }
        return new ExecResult(status, io.stdout(), io.stderr(), io.truncated(), took);
    }

    private static boolean awaitForever(CommandStreams io) throws InterruptedException {
        io.await();
        return true;
    }

    /**
     * Asks for the command to be stopped, from any thread, without waiting: the stop runs on a
     * transport thread, which nobody interrupts (sshj fails a request made from an interrupted
     * thread, and the caller may be interrupted again while it waits). A command not started yet is
     * stopped as soon as it starts. Idempotent.
     */
    synchronized void requestStop() {
        stopRequested = true;
        if (cmd != null) {
            startStop();
        }
    }

    private synchronized void startStop() {
        if (stopStarted) {
            return;
        }
        stopStarted = true;
        Session.Command c = cmd;
        CommandStreams s = io;
        try {
            pumps.execute(() -> {
                try {
                    stop(c, s);
                } finally {
                    killed.countDown();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the transport's threads are gone (it closed): stop on this thread
            stop(c, s);
            killed.countDown();
        }
    }

    /** Stops the command and waits until its process group was killed, however often this thread is interrupted. */
    private void stopAndWait() {
        requestStop();
        awaitUninterruptibly(killed, STOP_WAIT);
    }

    /**
     * Waits (at most {@code wait}) until {@link #run} returned, however often the caller is
     * interrupted; the interrupt status is kept.
     *
     * @return false when it still runs
     */
    boolean awaitEnd(Duration wait) {
        return awaitUninterruptibly(ended, wait);
    }

    private static boolean awaitUninterruptibly(CountDownLatch latch, Duration wait) {
        boolean interrupted = false;
        long until = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                try {
                    return latch.await(until - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ends the remote command for real (see the class comment), then closes its channel. */
    private void stop(Session.Command cmd, CommandStreams io) {
        io.stop();
        try {
            cmd.signal(Signal.TERM);
        } catch (IOException | RuntimeException e) {
            log.debug("{}: signal TERM: {}", host.name(), e.toString());
        }
        long pgid = awaitProcessGroup(io);
        if (pgid > 1 && alive()) {
            killGroup(pgid);
        } else {
            log.debug("{}: no process group known for the command; closing its channel only", host.name());
        }
        closeQuietly(cmd);
    }

    /**
     * The command's process group, waiting a little for its marker line: an interrupt can come right
     * after the command started, before the stderr reader has seen the marker.
     */
    private static long awaitProcessGroup(CommandStreams io) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long pgid = io.processGroup();
        while (pgid <= 1 && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            pgid = io.processGroup();
        }
        return pgid;
    }

    private void killGroup(long pgid) {
        String script = "kill -s TERM -- -" + pgid + " 2>/dev/null; i=0; "
                + "while kill -s 0 -- -" + pgid + " 2>/dev/null && [ $i -lt 20 ]; do sleep 0.1 2>/dev/null || sleep 1; i=$((i+1)); done; "
                + "kill -s KILL -- -" + pgid + " 2>/dev/null; true";
        try (Session killer = client.startSession()) {
            Session.Command k = killer.exec(script);
            k.join(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            log.debug("{}: stopped remote process group {} (kill exit {})", host.name(), pgid, k.getExitStatus());
        } catch (IOException | RuntimeException e) {
            log.warn("{}: could not stop remote process group {}: {}", host.name(), pgid, e.toString());
        }
    }

    String hostName() {
        return host.name();
    }

    private boolean alive() {
        return client.isConnected() && client.getTransport().isRunning();
    }

    private TransportException receiverGone(CommandStreams io) {
        Exception cause = io.receiverFailure();
        return new TransportException(host.name(), Kind.RECEIVER_GONE,
                host.name() + ": the command's output could not be delivered after " + io.delivered()
                        + " bytes (its receiver is gone), so it was stopped: " + command.command()
                        + (cause.getMessage() != null ? " (" + cause.getMessage() + ")" : ""),
                "the side that was to receive the data ended first; its own error says why", cause);
    }

    private TransportException sourceFailed(CommandStreams io) {
        Exception cause = io.sourceFailure();
        return new TransportException(host.name(), Kind.PROTOCOL,
                host.name() + ": the data to send to the command's standard input could not be read after "
                        + io.sent() + " bytes, so it was stopped: " + command.command()
                        + (cause.getMessage() != null ? " (" + cause.getMessage() + ")" : ""),
                "the side that was to supply the data failed; its own error says why", cause);
    }

    private TransportException dropped(String what, Throwable cause) {
        return new TransportException(host.name(), Kind.DISCONNECTED,
                host.name() + " (" + host.endpoint() + "): " + what + ": " + command.command()
                        + (cause != null && cause.getMessage() != null ? " (" + cause.getMessage() + ")" : ""),
                "expected after a reboot or halt; otherwise check the host", cause);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already closed or the connection is gone; nothing left to release
        }
    }

    static int signalNumber(Signal s) {
        return switch (s) {
            case HUP -> 1;
            case INT -> 2;
            case QUIT -> 3;
            case ILL -> 4;
            case ABRT -> 6;
            case FPE -> 8;
            case KILL -> 9;
            case USR1 -> 10;
            case SEGV -> 11;
            case USR2 -> 12;
            case PIPE -> 13;
            case ALRM -> 14;
            case TERM -> 15;
            default -> 0;
        };
    }

    /** Short duration text for messages: 1.5s, 5m, 2h. */
    static final class Durations {
        static String human(Duration d) {
            long ms = d.toMillis();
            if (ms % 3_600_000 == 0 && ms > 0) {
                return ms / 3_600_000 + "h";
            }
            if (ms % 60_000 == 0 && ms > 0) {
                return ms / 60_000 + "m";
            }
            if (ms % 1000 == 0) {
                return ms / 1000 + "s";
            }
            return ms / 1000.0 + "s";
        }
    }
}
