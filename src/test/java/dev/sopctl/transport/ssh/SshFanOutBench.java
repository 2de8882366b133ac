package dev.sopctl.transport.ssh;

import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.SshDefaults;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.TransportException;
import dev.sopctl.yaml.Location;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test: times {@link SshjTransport} alone on N real sshds started by bench/ssh-fanout.sh
 * --keep, until {@code sopctl exec} exists to be timed end to end.
 *
 * <pre>java -cp target/classes:target/test-classes:DEPS dev.sopctl.transport.ssh.SshFanOutBench WORKDIR N PORT USER [THREADS]</pre>
 */
public final class SshFanOutBench {
    public static void main(String[] args) throws Exception {
        long jvmStart = ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(System.currentTimeMillis());
        Path work = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int port = Integer.parseInt(args[2]);
        String user = args[3];
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : n;
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
            String name = String.format("h%03d", i);
            hosts.put(name, new Host(name, "127.0.0." + (10 + i), port, user, null, null, null, null, null, null,
                    Map.of(), Location.of("bench")));
        }
        SshDefaults defaults = new SshDefaults(user, port, work.resolve("id_ed25519").toString(),
                work.resolve("known_hosts").toString(), Duration.ofSeconds(30), Duration.ofMinutes(1), "su", null, null);
        Inventory inv = new Inventory(null, defaults, Map.of(), hosts, Map.of(), Map.of());

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        int failed = 0;
        try (SshjTransport ssh = new SshjTransport(inv, SshOptions.defaults())) {
            long t1 = System.nanoTime();
            failed += round(ssh, inv, pool);
            long t2 = System.nanoTime();
            failed += round(ssh, inv, pool);
            long t3 = System.nanoTime();
            System.out.printf("N=%d threads=%d  jvm start->main %d ms, transport init %d ms, "
                            + "connect+auth+exec true: %d ms, again on open connections: %d ms, failed %d%n",
                    n, threads, (System.currentTimeMillis() - jvmStart) - (t3 - t0) / 1_000_000,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, failed);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int round(SshjTransport ssh, Inventory inv, ExecutorService pool) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (Host h : inv.hosts().values()) {
            futures.add(pool.submit(() -> ssh.exec(h, new RemoteCommand("true", Duration.ofSeconds(60)), OutputListener.NONE)));
        }
        int failed = 0;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failed++;
                if (e.getCause() instanceof TransportException te) {
                    System.err.println(te.getMessage());
                } else {
                    e.getCause().printStackTrace();
                }
            }
        }
        return failed;
    }
}
