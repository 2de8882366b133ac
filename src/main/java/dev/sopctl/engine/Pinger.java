package dev.sopctl.engine;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Host;
import dev.sopctl.transport.HostInfo;
import dev.sopctl.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code sopctl inventory ping}: connects to every host at once (at most {@code parallel}) and
 * reports what answered: SSH server version, host key fingerprint, round trip; or why not. A slow
 * or dead host never holds up the others' results. Interrupted (Ctrl-C), it returns at once with
 * what answered so far; every other host is marked {@linkplain #INTERRUPTED interrupted} (exit 5).
 */
public final class Pinger {
    /** One host's answer: {@code info} when it answered, else {@code error} and its exit code. */
    public record Ping(Host host, HostInfo info, String error, int exitCode) {}

    /** The error of a host that had not answered when the ping was interrupted. */
    public static final String INTERRUPTED = "interrupted before it answered";

    private Pinger() {}

    public static List<Ping> ping(List<Host> hosts, Transport transport, int parallel) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, hosts.size())), r -> {
            Thread t = new Thread(r, "sopctl-ping");
            t.setDaemon(true);
            return t;
        });
        List<Future<Ping>> futures = new ArrayList<>();
        try {
            for (Host h : hosts) {
                futures.add(pool.submit(() -> one(h, transport)));
            }
            List<Ping> out = new ArrayList<>();
            for (Future<Ping> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            List<Ping> partial = soFar(hosts, futures);
            Thread.currentThread().interrupt();
            return partial;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Ping> soFar(List<Host> hosts, List<Future<Ping>> futures) {
        List<Ping> out = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            Future<Ping> f = i < futures.size() ? futures.get(i) : null;
            Ping answer = f != null && f.isDone() && !f.isCancelled() ? answered(f) : null;
            out.add(answer != null && answer.exitCode() != ExitCode.NOT_DONE ? answer
                    : new Ping(hosts.get(i), null, INTERRUPTED, ExitCode.NOT_DONE));
        }
        return out;
    }

    private static Ping answered(Future<Ping> done) {
        try {
            return done.get();
        } catch (ExecutionException | InterruptedException e) {
            return null;
        }
    }

    private static Ping one(Host h, Transport transport) {
        try {
            return new Ping(h, transport.probe(h), null, ExitCode.OK);
        } catch (SopctlException e) {
            return new Ping(h, null, e.getMessage(), e.exitCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ping(h, null, INTERRUPTED, ExitCode.NOT_DONE);
        }
    }
}
