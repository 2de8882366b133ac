package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.transport.ssh.agent.TestAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real OpenSSH servers, a real ssh-agent and an inventory that names no identity, user or port:
 * those come from an OpenSSH client configuration (User, Port, Host alias with HostName) and the
 * keys from the agent, ed25519 and RSA (the lab's sshd accepts only rsa-sha2 signatures from RSA keys).
 */
@Lab("healthy")
class OpenSshAgentLabTest {
    @TempDir
    Path tmp;
    TestAgent agent;

    @BeforeEach
    void startAgent() throws Exception {
        Files.createDirectories(tmp.resolve("agent"));
        agent = TestAgent.start(tmp.resolve("agent"));
    }

    @AfterEach
    void stopAgent() throws Exception {
        agent.close();
    }

    /** The lab's inventory without user, port and identity, with an ssh_config giving User, Port and an alias. */
    private Path inventoryLeavingSshToTheConfig(LabEstate lab) throws Exception {
        List<String> lines = Files.readAllLines(lab.inventory());
        String port = lines.stream().filter(l -> l.startsWith("  port: ")).findFirst().orElseThrow().substring(8).strip();
        String node2 = lines.stream().filter(l -> l.startsWith("  node2: {address: ")).findFirst().orElseThrow()
                .replaceAll(".*address: ([0-9.]+).*", "$1");
        Path cfg = Files.writeString(tmp.resolve("ssh_config"), "Host lab-node2\n  HostName " + node2
                + "\nHost *\n  User root\n  Port " + port + "\n");
        String yaml = lines.stream()
                .filter(l -> !l.startsWith("  user: ") && !l.startsWith("  port: ") && !l.startsWith("  identity: "))
                .map(l -> l.equals("defaults:") ? l + "\n  ssh_config: " + cfg : l)
                .map(l -> l.startsWith("  node2: {") ? l.replace("address: " + node2 + ",", "address: lab-node2,") : l)
                .collect(Collectors.joining("\n", "", "\n"));
        return Files.writeString(tmp.resolve("inventory.yaml"), yaml);
    }

    @Test
    void everyHostAnswersWithTheLabKeyOnlyInTheAgent(LabEstate lab) throws Exception {
        Path key = tmp.resolve("lab_key");
        Files.copy(lab.dir().resolve("id_ed25519"), key, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        agent.add(key);
        Files.delete(key);
        LabCli cli = new LabCli(lab, tmp.resolve("state"), Map.of("SSH_AUTH_SOCK", agent.socket().toString()));

        LabCli.Result ping = cli.runWith(inventoryLeavingSshToTheConfig(lab), "inventory", "ping", "-o", "json");

        assertThat(ping.exit()).as(ping.all()).isZero();
        assertThat(ping.out()).contains("\"host\" : \"node2\",\n  \"address\" : \"lab-node2\",\n  \"ok\" : true")
                .doesNotContain("\"ok\" : false");
    }

    @Test
    void anRsaKeyInTheAgentSignsWithSha2(LabEstate lab) throws Exception {
        Path rsa = agent.newKey("rsa", "lab_rsa");
        agent.add(rsa);
        Files.delete(rsa);
        Path authorized = lab.dir().resolve("hosts/node1/root/root/.ssh/authorized_keys");
        String before = Files.readString(authorized);
        Files.writeString(authorized, Files.readString(Path.of(rsa + ".pub")), StandardOpenOption.APPEND);
        try {
            LabCli cli = new LabCli(lab, tmp.resolve("state"), Map.of("SSH_AUTH_SOCK", agent.socket().toString()));
            LabCli.Result r = cli.runWith(inventoryLeavingSshToTheConfig(lab), "exec", "--on", "node1", "--", "hostname");
            assertThat(r.exit()).as(r.all()).isZero();
            assertThat(r.out()).contains("node1");
        } finally {
            Files.writeString(authorized, before);
        }
    }

    @Test
    void withoutTheAgentTheHostsRefuseAndTheMessageSaysWhatWasTried(LabEstate lab) throws Exception {
        LabCli cli = new LabCli(lab, tmp.resolve("state"), Map.of("SSH_AUTH_SOCK", tmp.resolve("none.sock").toString()));

        LabCli.Result r = cli.runWith(inventoryLeavingSshToTheConfig(lab), "exec", "--on", "node1", "--", "hostname");

        assertThat(r.exit()).as(r.all()).isEqualTo(3);
        assertThat(r.all()).contains("authentication failed for user root").contains("ssh-agent at " + tmp.resolve("none.sock") + " unusable");
    }
}
