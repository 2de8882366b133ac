package dev.sopctl.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sopctl.ExitCode;
import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.HostInfo;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.TransportException;
import dev.sopctl.transport.TransportException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The post-quantum hybrid key exchanges against Apache MINA SSHD's own implementations (its
 * sntrup761 and ML-KEM use BouncyCastle too; OpenSSH's are checked by PostQuantumKexLabTest).
 */
class PostQuantumKexTest {
    @RegisterExtension
    final SshServerExtension sshd = new SshServerExtension();

    @TempDir
    Path dir;

    private Inventory inventory() throws Exception {
        sshd.server().authorize(TestInventories.key("id_ed25519.pub"));
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, sshd.server().knownHostsLine() + "\n");
        return new TestInventories(kh).host("node1", sshd.server().port()).build();
    }

    private static SshOptions options() {
        return SshOptions.defaults().withEnvironment(Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlkem768x25519-sha256", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com"})
    void eachHybridIsNegotiatedAndCarriesASession(String kex) throws Exception {
        Inventory inv = inventory();
        sshd.server().keyExchanges(kex);
        Host node1 = inv.host("node1").orElseThrow();
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            HostInfo info = ssh.probe(node1);
            ExecResult r = ssh.exec(node1, new RemoteCommand("printf '%s' hello; head -c 300000 /dev/zero | wc -c",
                    Duration.ofMinutes(1)), OutputListener.NONE);

            assertThat(info.keyExchange()).isEqualTo(kex);
            assertThat(r.exitStatus()).isZero();
            assertThat(r.stdout()).isEqualTo("hello300000\n");
        }
    }

    @Test
    void aServerOfferingEverythingGetsMlKemFirst() throws Exception {
        Inventory inv = inventory();
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            assertThat(ssh.probe(inv.host("node1").orElseThrow()).keyExchange()).isEqualTo("mlkem768x25519-sha256");
        }
    }

    @Test
    void sntrupIsPreferredOverCurve25519WhenTheServerHasNoMlKem() throws Exception {
        Inventory inv = inventory();
        sshd.server().keyExchanges("curve25519-sha256,sntrup761x25519-sha512@openssh.com,ecdh-sha2-nistp256");
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            assertThat(ssh.probe(inv.host("node1").orElseThrow()).keyExchange())
                    .isEqualTo("sntrup761x25519-sha512@openssh.com");
        }
    }

    @Test
    void aClassicalServerStillGetsCurve25519() throws Exception {
        Inventory inv = inventory();
        sshd.server().keyExchanges("curve25519-sha256,ecdh-sha2-nistp256");
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            assertThat(ssh.probe(inv.host("node1").orElseThrow()).keyExchange()).isEqualTo("curve25519-sha256");
        }
    }

    /** Re-keying runs the same exchange again on a live connection: sessions keep working across it. */
    @Test
    void manyConnectionsAgreeEveryTime() throws Exception {
        Inventory inv = inventory();
        sshd.server().keyExchanges("mlkem768x25519-sha256,sntrup761x25519-sha512");
        Host node1 = inv.host("node1").orElseThrow();
        // a wrongly encoded K (a sign byte added, a leading zero dropped) breaks about 1 connection in
        // 128; 100 connections find that with a probability above 0.54, StringEncodedSecretTest always
        for (int i = 0; i < 100; i++) {
            try (SshjTransport ssh = new SshjTransport(inv, options())) {
                assertThat(ssh.probe(node1).keyExchange()).isEqualTo("mlkem768x25519-sha256");
            }
        }
    }

    @Test
    void noCommonKeyExchangeIsUnreachableNamingBothLists() throws Exception {
        Inventory inv = inventory();
        sshd.server().keyExchanges("mlkem1024nistp384-sha384");
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            TransportException e = catchThrowableOfType(TransportException.class,
                    () -> ssh.probe(inv.host("node1").orElseThrow()));

            assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
            assertThat(e.exitCode()).isEqualTo(ExitCode.UNKNOWN);
            assertThat(e.getMessage()).contains("mlkem1024nistp384-sha384", "mlkem768x25519-sha256", "curve25519-sha256");
        }
    }
}
