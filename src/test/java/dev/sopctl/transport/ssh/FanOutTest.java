package dev.sopctl.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.TransportException;
import dev.sopctl.transport.TransportException.Kind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 99 live MINA servers and one closed port, driven from a fixed pool like the engine's --parallel. */
class FanOutTest {
    private static final int HOSTS = 100;
    private static final int DEAD = 37;
    private static final int THREADS = 16;

    private final List<TestSshServer> servers = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        for (TestSshServer s : servers) {
            s.close();
        }
    }

    @Test
    void everyLiveHostAnswersAndTheDeadOneFailsFastAlone() throws Exception {
        Path kh = dir.resolve("known_hosts");
        StringBuilder known = new StringBuilder();
        TestInventories builder = new TestInventories(kh).connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i < HOSTS; i++) {
            String name = String.format("h%03d", i);
            if (i == DEAD) {
                int port;
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    port = s.getLocalPort();
                }
                builder.host(name, port);
                continue;
            }
            TestSshServer s = new TestSshServer().start().authorize(TestInventories.key("id_ed25519.pub"));
            servers.add(s);
            known.append(s.knownHostsLine()).append('\n');
            builder.host(name, s.port());
        }
        Files.writeString(kh, known);
        Inventory inv = builder.build();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Map<String, Object> outcome = new LinkedHashMap<>();
        Map<String, Long> millis = new LinkedHashMap<>();
        try (SshjTransport ssh = new SshjTransport(inv, SshOptions.defaults().withEnvironment(Map.of()))) {
            Map<String, Future<Object>> futures = new LinkedHashMap<>();
            for (Host h : inv.hosts().values()) {
                futures.put(h.name(), pool.submit(() -> {
                    long t0 = System.nanoTime();
                    try {
                        ExecResult r = ssh.exec(h, new RemoteCommand("echo " + h.name(), Duration.ofSeconds(30)), OutputListener.NONE);
                        ssh.exec(h, new RemoteCommand("true", Duration.ofSeconds(30)), OutputListener.NONE);
                        return r;
                    } catch (TransportException e) {
                        return e;
                    } finally {
                        synchronized (millis) {
                            millis.put(h.name(), (System.nanoTime() - t0) / 1_000_000);
                        }
                    }
                }));
            }
            for (var f : futures.entrySet()) {
                outcome.put(f.getKey(), f.getValue().get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        String dead = String.format("h%03d", DEAD);
        assertThat(outcome.get(dead)).isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
            assertThat(e.host()).isEqualTo(dead);
        });
        assertThat(millis.get(dead)).as("the dead host fails fast").isLessThan(2000);
        outcome.forEach((name, result) -> {
            if (!name.equals(dead)) {
                assertThat(result).as(name).isInstanceOfSatisfying(ExecResult.class,
                        r -> assertThat(r.stdout()).isEqualTo(name + "\n"));
            }
        });
        assertThat(servers).allSatisfy(s -> assertThat(s.connections()).isEqualTo(1));
    }
}
