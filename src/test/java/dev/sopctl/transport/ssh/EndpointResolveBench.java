package dev.sopctl.transport.ssh;

import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.InventoryLoader;
import dev.sopctl.transport.ssh.config.LocalUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test: what resolving N hosts' OpenSSH settings costs, with {@code ssh -G} and with sopctl's
 * own reading, on T threads (a fan-out resolves each host on its connecting thread).
 *
 * <pre>java -cp target/classes:target/test-classes:DEPS dev.sopctl.transport.ssh.EndpointResolveBench N T</pre>
 */
public final class EndpointResolveBench {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("resolve-bench");
        Path cfg = Files.writeString(dir.resolve("ssh_config"), "Host h0*\n  User ops\nHost *\n  Port 2222\n");
        StringBuilder yaml = new StringBuilder("defaults:\n  ssh_config: " + cfg + "\nhosts:\n");
        for (int i = 0; i < n; i++) {
            yaml.append(String.format("  h%03d: {address: 127.0.1.%d}%n", i, i % 250 + 1));
        }
        Inventory inv = InventoryLoader.load(Files.writeString(dir.resolve("inv.yaml"), yaml), Map.of());
        for (String mode : List.of("ssh -G", "sopctl's reading", "ssh -G", "sopctl's reading")) {
            Map<String, String> env = mode.equals("ssh -G") ? Map.of("PATH", System.getenv("PATH")) : Map.of();
            SshOptions options = SshOptions.defaults().withEnvironment(env);
            EndpointResolver r = new EndpointResolver(inv, options,
                    new Identities(inv, new net.schmizz.sshj.DefaultConfig(), env, null), LocalUser.current());
            r.check();
            long t0 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Endpoint>> all = inv.hosts().values().stream().map(h -> pool.submit(() -> r.resolve(h))).toList();
            for (Future<Endpoint> f : all) {
                f.get();
            }
            pool.shutdown();
            System.out.printf("%-18s %d hosts, %d threads: %.0f ms%n", mode, n, threads, (System.nanoTime() - t0) / 1e6);
        }
    }
}
