package dev.sopctl.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.Transport;
import dev.sopctl.transport.TransportException;
import dev.sopctl.transport.TransportPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The transport pool over real SSH (MINA): connections counted on the server side. */
class TransportPoolSshTest {
    @RegisterExtension
    final SshServerExtension sshd = new SshServerExtension();

    @TempDir
    Path dir;

    private Inventory inventory() throws Exception {
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, sshd.server().knownHostsLine() + "\n");
        int port = sshd.server().authorize(TestInventories.key("id_ed25519.pub")).port();
        return new TestInventories(kh).host("node1", port).host("node2", port).build();
    }

    private static Transport open(Inventory inv) {
        return new SshjTransport(inv, SshOptions.defaults().withEnvironment(Map.of()));
    }

    private static String run(Transport t, Inventory inv, String host, String command) throws Exception {
        Host h = inv.host(host).orElseThrow();
        ExecResult r = t.exec(h, new RemoteCommand(command, Duration.ofMinutes(1)), (s, l) -> {});
        return r.stdout();
    }

    @Test
    void runsLeasingTheSameTransportShareOneConnectionPerHost() throws Exception {
        Inventory inv = inventory();
        try (TransportPool pool = new TransportPool(Duration.ofMinutes(10))) {
            for (int run = 0; run < 3; run++) {
                try (Transport t = pool.lease("estate", () -> open(inv))) {
                    assertThat(run(t, inv, "node1", "echo one")).isEqualTo("one\n");
                    assertThat(run(t, inv, "node2", "echo two")).isEqualTo("two\n");
                }
            }
            assertThat(sshd.server().connections()).isEqualTo(2);
            assertThat(pool.transportsOpened()).isEqualTo(1);
            assertThat(pool.isOpen()).isTrue();
        }
        assertThat(sshd.server().connections()).isEqualTo(2);
    }

    @Test
    void aConnectionThatDroppedIsOpenedAgainForTheNextRun() throws Exception {
        Inventory inv = inventory();
        try (TransportPool pool = new TransportPool(Duration.ofMinutes(10))) {
            try (Transport t = pool.lease("estate", () -> open(inv))) {
                assertThatThrownBy(() -> run(t, inv, "node1", "drop")).isInstanceOf(TransportException.class);
            }
            try (Transport t = pool.lease("estate", () -> open(inv))) {
                assertThat(run(t, inv, "node1", "echo back")).isEqualTo("back\n");
                assertThat(run(t, inv, "node1", "echo again")).isEqualTo("again\n");
            }
            assertThat(sshd.server().connections()).isEqualTo(2);
            assertThat(pool.transportsOpened()).isEqualTo(1);
        }
    }

    @Test
    void anIdlePoolClosesItsConnectionsAndOpensNewOnesWhenUsedAgain() throws Exception {
        Inventory inv = inventory();
        try (TransportPool pool = new TransportPool(Duration.ofSeconds(1))) {
            try (Transport t = pool.lease("estate", () -> open(inv))) {
                run(t, inv, "node1", "echo one");
                Thread.sleep(1500); // in use: not idle however long it takes
                assertThat(pool.isOpen()).isTrue();
            }
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (pool.isOpen() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(pool.isOpen()).as("closed after the idle time").isFalse();
            try (Transport t = pool.lease("estate", () -> open(inv))) {
                assertThat(run(t, inv, "node1", "echo two")).isEqualTo("two\n");
            }
            assertThat(pool.transportsOpened()).isEqualTo(2);
            assertThat(sshd.server().connections()).isEqualTo(2);
        }
    }

    @Test
    void anotherKeyClosesTheOldTransportAndAClosedPoolLeasesNothing() throws Exception {
        Inventory inv = inventory();
        TransportPool pool = new TransportPool(Duration.ofMinutes(10));
        try (Transport t = pool.lease("inventory v1", () -> open(inv))) {
            run(t, inv, "node1", "echo one");
        }
        try (Transport t = pool.lease("inventory v2", () -> open(inv))) {
            run(t, inv, "node1", "echo two");
        }
        assertThat(pool.transportsOpened()).isEqualTo(2);
        assertThat(sshd.server().connections()).isEqualTo(2);
        pool.close();
        assertThat(pool.isOpen()).isFalse();
        assertThatThrownBy(() -> pool.lease("inventory v2", () -> open(inv))).isInstanceOf(IllegalStateException.class);
    }
}
