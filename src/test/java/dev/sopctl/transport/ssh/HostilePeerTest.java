package dev.sopctl.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sopctl.ExitCode;
import dev.sopctl.engine.Pinger;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.TransportException;
import dev.sopctl.transport.TransportException.Kind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers that are not SSH servers, or not at first: the whole connect is bounded by connect_timeout,
 * lines before the identification are bounded as OpenSSH bounds them, nothing spins, and the
 * failure is UNKNOWN (exit 3) for that host alone.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostilePeerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @RegisterExtension
    final SshServerExtension sshd = new SshServerExtension();

    @TempDir
    Path dir;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private Inventory inventory(int port) throws Exception {
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, sshd.server().knownHostsLine() + "\n");
        return new TestInventories(kh).connectTimeout(TIMEOUT).host("liar", port).build();
    }

    private TransportException probeFails(Inventory inv, Duration within) throws Exception {
        try (SshjTransport ssh = new SshjTransport(inv, SshOptions.defaults().withEnvironment(Map.of()))) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            TransportException e = catchThrowableOfType(TransportException.class, () -> ssh.probe(inv.host("liar").orElseThrow()));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            Duration cpu = Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpu0);

            assertThat(e).as("probe of a peer that is not SSH").isNotNull();
            assertThat(took).isLessThan(within);
            assertThat(cpu).as("CPU spent connecting, in %s", took).isLessThan(Duration.ofMillis(700));
            assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
            assertThat(e.exitCode()).isEqualTo(ExitCode.UNKNOWN);
            assertThat(e.getMessage()).startsWith("liar (sopctl@127.0.0.1:");
            return e;
        }
    }

    @Test
    void aPeerSendingOtherLinesForeverIsGivenUpAtTheConnectTimeout() throws Exception {
        try (MisbehavingPeer peer = new MisbehavingPeer(MisbehavingPeer.linesEvery("HELLO not ssh", 500))) {
            TransportException e = probeFails(inventory(peer.port()), TIMEOUT.plusSeconds(2));

            assertThat(e.getMessage()).contains("no SSH handshake within 2s (connect_timeout)");
        }
    }

    @Test
    void anEndlessLineIsRefusedAsNotSshAtOnce() throws Exception {
        try (MisbehavingPeer peer = new MisbehavingPeer(MisbehavingPeer.endlessLine())) {
            TransportException e = probeFails(inventory(peer.port()), TIMEOUT);

            assertThat(e.getMessage()).contains("not an SSH server", "more than 8192 bytes", "it began with \"AAAA");
        }
    }

    @Test
    void moreLinesBeforeTheIdentificationThanOpenSshAllowsAreRefused() throws Exception {
        try (MisbehavingPeer peer = new MisbehavingPeer(MisbehavingPeer.linesThenIdentification(1024))) {
            TransportException e = probeFails(inventory(peer.port()), TIMEOUT);

            assertThat(e.getMessage()).contains("not an SSH server", "1024 lines", "it began with \"not ssh yet\"");
        }
    }

    @Test
    void aFewLinesBeforeTheIdentificationAreAllowedAsTheRfcSays() throws Exception {
        TestSshServer server = sshd.server().authorize(TestInventories.key("id_ed25519.pub"));
        try (MisbehavingPeer relay = new MisbehavingPeer(
                MisbehavingPeer.linesThenRelayTo(server.port(), "Welcome to node1", "", "Authorised use only"))) {
            Path kh = dir.resolve("known_hosts");
            Files.writeString(kh, server.knownHostsLine().replace(":" + server.port() + " ", ":" + relay.port() + " ") + "\n");
            Inventory inv = new TestInventories(kh).host("node1", relay.port()).build();
            try (SshjTransport ssh = new SshjTransport(inv, SshOptions.defaults().withEnvironment(Map.of()))) {
                assertThat(ssh.exec(inv.host("node1").orElseThrow(), new RemoteCommand("echo hi", Duration.ofSeconds(30)),
                        OutputListener.NONE).stdout()).isEqualTo("hi\n");
            }
        }
    }

    @Test
    void aPeerThatIsNotSshHoldsUpNoOtherHostInAPing() throws Exception {
        TestSshServer server = sshd.server().authorize(TestInventories.key("id_ed25519.pub"));
        try (MisbehavingPeer peer = new MisbehavingPeer(MisbehavingPeer.linesEvery("HELLO not ssh", 500))) {
            Path kh = dir.resolve("known_hosts");
            Files.writeString(kh, server.knownHostsLine() + "\n");
            Inventory inv = new TestInventories(kh).connectTimeout(TIMEOUT)
                    .host("liar", peer.port()).host("node1", server.port()).build();
            long t0 = System.nanoTime();
            List<Pinger.Ping> pings;
            try (SshjTransport ssh = new SshjTransport(inv, SshOptions.defaults().withEnvironment(Map.of()))) {
                pings = Pinger.ping(List.copyOf(inv.hosts().values()), ssh, 4);
            }

            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(TIMEOUT.plusSeconds(3));
            assertThat(pings.get(0).exitCode()).isEqualTo(ExitCode.UNKNOWN);
            assertThat(pings.get(0).error()).contains("liar", "no SSH handshake within 2s");
            assertThat(pings.get(1).exitCode()).isEqualTo(ExitCode.OK);
            assertThat(pings.get(1).info().serverVersion()).containsIgnoringCase("SSHD");
        }
    }
}
