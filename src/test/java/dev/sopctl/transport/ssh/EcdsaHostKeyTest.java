package dev.sopctl.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host whose host key (and known_hosts line) is ECDSA, reached from a JVM without BouncyCastle
 * registered as a JCA provider — as the real jar runs. The test JVM cannot show it: MINA registers
 * BouncyCastle here, and its {@code ECDSA} key factory would hide a missing alias.
 */
class EcdsaHostKeyTest {
    @RegisterExtension
    final SshServerExtension sshd = new SshServerExtension();

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void anEcdsaHostKeyIsAcceptedWithoutBouncyCastleRegistered() throws Exception {
        TestSshServer server = sshd.server().authorize(TestInventories.key("id_ed25519.pub"));
        assertThat(server.knownHostsLine()).contains("ecdsa-sha2-nistp256");
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, server.knownHostsLine() + "\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        Process child = new ProcessBuilder(java.toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                EcdsaHostKeyMain.class.getName(), String.valueOf(server.port()), kh.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();

        assertThat(out).as("the child JVM has no ECDSA key factory of its own, so the alias is what is tested")
                .contains("ecdsa-before-transport=false");
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("over-ecdsa");
    }
}
