package dev.sopctl.transport.ssh;

import dev.sopctl.inventory.Host;
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
 */
final class RemoteRun {
    private static final Logger log = LoggerFactory.getLogger(RemoteRun.class);
    static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final Host host;
    private final SSHClient client;
    private final Session session;
    private final RemoteCommand command;
    private final OutputListener listener;
    private final ExecutorService pumps;

    RemoteRun(Host host, SSHClient client, Session session, RemoteCommand command, OutputListener listener,
            ExecutorService pumps) {
        this.host = host;
        this.client = client;
        this.session = session;
        this.command = command;
        this.listener = listener;
        this.pumps = pumps;
    }

    static String wrap(String command) {
        return "printf '" + OutputPump.MARKER + "%s\\n' \"$$\" >&2; " + command;
    }

    ExecResult run() throws TransportException, InterruptedException {
        long start = System.nanoTime();
        Session.Command cmd;
        try {
            cmd = session.exec(wrap(command.command()));
        } catch (IOException e) {
            closeQuietly(session);
            throw dropped("could not start the command", e);
        }
        CountDownLatch done = new CountDownLatch(2);
        OutputPump out = new OutputPump(cmd.getInputStream(), OutputListener.Stream.STDOUT, listener,
                command.outputCap(), false, done);
        OutputPump err = new OutputPump(cmd.getErrorStream(), OutputListener.Stream.STDERR, listener,
                command.outputCap(), true, done);
        pumps.execute(out);
        pumps.execute(err);

        boolean limited = !command.timeout().isNegative() && !command.timeout().isZero();
        long deadline = limited ? start + command.timeout().toNanos() : Long.MAX_VALUE;
        try {
            boolean finished = limited ? done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS) : awaitForever(done);
            if (!finished) {
                stop(cmd, err);
                throw new TransportException(host.name(), Kind.TIMEOUT,
                        host.name() + ": command timed out after " + Durations.human(command.timeout())
                                + " and was stopped: " + command.command(),
                        "raise the step's timeout or --timeout if it needs longer", null);
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
            stop(cmd, err);
            throw e;
        } finally {
            closeQuietly(cmd);
            closeQuietly(session);
        }
        if (out.failure() != null || err.failure() != null) {
            IOException cause = out.failure() != null ? out.failure() : err.failure();
            throw dropped("the connection dropped while the command ran", cause);
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
        return new ExecResult(status, out.text(), err.text(), out.truncated() || err.truncated(), took);
    }

    private static boolean awaitForever(CountDownLatch latch) throws InterruptedException {
        latch.await();
        return true;
    }

    /** Ends the remote command for real (see the class comment), then closes its channel. */
    private void stop(Session.Command cmd, OutputPump err) {
        try {
            cmd.signal(Signal.TERM);
        } catch (IOException | RuntimeException e) {
            log.debug("{}: signal TERM: {}", host.name(), e.toString());
        }
        long pgid = awaitProcessGroup(err);
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
    private static long awaitProcessGroup(OutputPump err) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long pgid = err.processGroup();
        while (pgid <= 1 && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            pgid = err.processGroup();
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

    private boolean alive() {
        return client.isConnected() && client.getTransport().isRunning();
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
