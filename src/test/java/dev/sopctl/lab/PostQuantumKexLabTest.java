package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-quantum hybrid key exchange against the lab's real OpenSSH (Debian 12's 9.2, which has
 * sntrup761x25519 but not ML-KEM): sopctl negotiates it, says so in {@code inventory ping}, and the
 * server's own log (LogLevel DEBUG) names the same algorithm.
 */
@Lab("healthy")
class PostQuantumKexLabTest {
    @TempDir
    Path state;

    @Test
    void everyHostNegotiatesSntrup761AndTheServerLogAgrees(LabEstate lab) throws Exception {
        LabCli cli = new LabCli(lab, state);

        // one host at a time: each handshake includes the client's sntrup761 key generation
        // (BouncyCastle: 0.1-0.2 s of CPU on a cold JVM), and nine at once on a 2-core machine loaded
        // by other builds have exceeded the 10 s connect timeout; MINA tests cover parallel hybrids
        LabCli.Result r = cli.run("inventory", "ping", "-o", "json", "--parallel", "1");

        assertThat(r.exit()).as(r.all()).isZero();
        JsonNode hosts = new ObjectMapper().readTree(r.out());
        assertThat(hosts).isNotEmpty();
        for (JsonNode host : hosts) {
            assertThat(host.path("kex").asText()).as(host.toString()).startsWith("sntrup761x25519-sha512");
        }
        String kex = hosts.get(0).path("kex").asText();
        String name = hosts.get(0).path("host").asText();
        assertThat(lab.exec(name, "grep 'kex: algorithm:' /var/log/sshd.log | tail -n 1")).contains("kex: algorithm: " + kex);
    }

    @Test
    void verbosePingShowsTheKeyExchangeAndCommandsRunOverIt(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result ping = cli.run("inventory", "ping", "node1", "-v", "--no-color");
        LabCli.Result exec = cli.run("exec", "--on", "node1", "--no-color", "--", "uname -n");

        assertThat(ping.exit()).as(ping.all()).isZero();
        assertThat(ping.out()).containsPattern("node1 .* kex sntrup761x25519-sha512\\S*, aes128-gcm@openssh.com");
        assertThat(exec.exit()).as(exec.all()).isZero();
        assertThat(exec.out()).contains("node1");
    }
}
