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
 * or dead host never holds up the others' results.
 */
public final class Pinger {
    /** One host's answer: {@code info} when it answered, else {@code error} and its exit code. */
    public record Ping(Host host, HostInfo info, String error, int exitCode) {}

    private Pinger() {}

    public static List<Ping> ping(List<Host> hosts, Transport transport, int parallel) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, hosts.size())), r -> {
            Thread t = new Thread(r, "sopctl-ping");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Ping>> futures = new ArrayList<>();
            for (Host h : hosts) {
                futures.add(pool.submit(() -> one(h, transport)));
            }
            List<Ping> out = new ArrayList<>();
            for (Future<Ping> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SopctlException(ExitCode.NOT_DONE, "interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Ping one(Host h, Transport transport) {
        try {
            return new Ping(h, transport.probe(h), null, ExitCode.OK);
        } catch (SopctlException e) {
            return new Ping(h, null, e.getMessage(), e.exitCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ping(h, null, "interrupted", ExitCode.NOT_DONE);
        }
    }
}
