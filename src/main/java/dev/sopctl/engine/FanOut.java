package dev.sopctl.engine;

import dev.sopctl.inventory.Host;
import dev.sopctl.runbook.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * Runs one step on its hosts: in parallel on a pool of at most {@code --parallel} threads, or one
 * host at a time ({@code serial}, one host, {@code --parallel 1}). An interrupt cancels every host's
 * part and comes back as {@link RunInterrupted}. Close it to stop the pool.
 */
final class FanOut implements AutoCloseable {
    private final int parallel;
    private final HostStep hostStep;
    private ExecutorService pool;

    FanOut(int parallel, HostStep hostStep) {
        this.parallel = parallel;
        this.hostStep = hostStep;
    }

    /** Per host name, in the order given. */
    Map<String, HostResult> run(Step s, List<Host> hosts) {
        return run(s, hosts, hostStep::run);
    }

    /** {@code work} for each host, like {@link #run(Step, List)}: a repair, a check run again. */
    Map<String, HostResult> run(Step s, List<Host> hosts, BiFunction<Step, Host, HostResult> work) {
        Map<String, HostResult> out = new LinkedHashMap<>();
        if (s.serial() || hosts.size() == 1 || parallel == 1) {
            for (Host h : hosts) {
                out.put(h.name(), work.apply(s, h));
            }
            return out;
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(parallel, r -> {
                Thread t = new Thread(r, "sopctl-host");
                t.setDaemon(true);
                return t;
            });
        }
        Map<String, Future<HostResult>> futures = new LinkedHashMap<>();
        for (Host h : hosts) {
            futures.put(h.name(), pool.submit(() -> work.apply(s, h)));
        }
        try {
            for (Map.Entry<String, Future<HostResult>> f : futures.entrySet()) {
                out.put(f.getKey(), f.getValue().get());
            }
        } catch (InterruptedException e) {
            futures.values().forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new RunInterrupted();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RunInterrupted i) {
                throw i;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
        return out;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
