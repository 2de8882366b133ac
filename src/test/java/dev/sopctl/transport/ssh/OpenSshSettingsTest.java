package dev.sopctl.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.InventoryLoader;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.TransportException;
import dev.sopctl.transport.ssh.agent.TestAgent;
import dev.sopctl.transport.ssh.config.SshConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SshjTransport} with OpenSSH's configuration and a real ssh-agent, against MINA: hosts
 * whose inventory entry is only an alias, ProxyJump, host-key settings, the agent's keys in
 * OpenSSH's order, and the bad cases (bad file, Include loop, ProxyJump cycle, dead agent).
 * Runs with {@code ssh -G} (PATH set) and with sopctl's own reading (no PATH) where both apply.
 */
class OpenSshSettingsTest {
    @RegisterExtension
    final SshServerExtension target = new SshServerExtension();
    @RegisterExtension
    final SshServerExtension bastion = new SshServerExtension(true);

    @TempDir
    Path dir;
    TestAgent agent;
    final List<String> notices = new CopyOnWriteArrayList<>();
    final List<String> details = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startAgent() throws Exception {
        Files.createDirectories(dir.resolve("agent"));
        agent = TestAgent.start(dir.resolve("agent"));
    }

    @AfterEach
    void stopAgent() throws Exception {
        agent.close();
    }

    private Path key(String type, String name) throws Exception {
        return agent.newKey(type, name);
    }

    private Path config(String text) throws Exception {
        return Files.writeString(dir.resolve("ssh_config"), text);
    }

    private Inventory inventory(String hosts, Path config, String knownHosts) throws Exception {
        Path kh = dir.resolve("known_hosts");
        if (knownHosts != null) {
            Files.writeString(kh, knownHosts);
        } else if (!Files.exists(kh)) {
            Files.writeString(kh, target.server().knownHostsLine() + "\n" + bastion.server().knownHostsLine() + "\n");
        }
        Path inv = Files.writeString(dir.resolve("inventory.yaml"), "defaults:\n  known_hosts: " + kh
                + "\n  ssh_config: " + config + "\n  connect_timeout: 5s\nhosts:\n" + hosts);
        return InventoryLoader.load(inv, Map.of());
    }

    private SshOptions options(boolean withSshClient, String agentSocket) {
        Map<String, String> env = new HashMap<>();
        if (withSshClient) {
            env.put("PATH", System.getenv("PATH"));
        }
        if (agentSocket != null) {
            env.put("SSH_AUTH_SOCK", agentSocket);
        }
        return SshOptions.defaults().withEnvironment(env).withMessages(notices::add, details::add);
    }

    private static ExecResult run(SshjTransport ssh, Inventory inv, String host) throws Exception {
        return ssh.exec(inv.host(host).orElseThrow(), new RemoteCommand("echo hello", Duration.ofSeconds(30)),
                OutputListener.NONE);
    }

    @ParameterizedTest(name = "ssh -G: {0}")
    @ValueSource(booleans = {true, false})
    void anAliasGetsAddressPortUserAndKeyFromTheConfig(boolean withSshClient) throws Exception {
        Path k = key("ed25519", "web_key");
        target.server().authorize(Path.of(k + ".pub"));
        Path cfg = config("Host web\n  HostName 127.0.0.1\n  Port " + target.server().port()
                + "\nHost *\n  User sopctl\n  IdentityFile " + k + "\n");
        Inventory inv = inventory("  web: {address: web}\n", cfg, null);
        try (SshjTransport ssh = new SshjTransport(inv, options(withSshClient, null))) {
            assertThat(run(ssh, inv, "web").stdout()).isEqualTo("hello\n");
        }
        assertThat(details).anySatisfy(d -> assertThat(d)
                .startsWith("web: sopctl@127.0.0.1:" + target.server().port() + "; keys [" + k + "]")
                .endsWith(withSshClient ? "-G -F " + cfg + "]" : "sopctl's reading of " + cfg + "]"));
    }

    @Test
    void theInventoryWinsWhereItSaysSomething() throws Exception {
        Path k = key("ed25519", "k");
        target.server().authorize(Path.of(k + ".pub"));
        Path cfg = config("Host 127.0.0.1\n  User nobody\n  Port 1\n  IdentityFile /nonexistent\n");
        Inventory inv = inventory("  node1: {address: 127.0.0.1, user: sopctl, port: " + target.server().port()
                + ", identity: " + k + "}\n", cfg, null);
        try (SshjTransport ssh = new SshjTransport(inv, options(true, null))) {
            assertThat(run(ssh, inv, "node1").exitStatus()).isZero();
        }
    }

    @ParameterizedTest(name = "ssh -G: {0}")
    @ValueSource(booleans = {true, false})
    void proxyJumpGoesThroughTheBastionNamedInTheConfig(boolean withSshClient) throws Exception {
        Path k = key("ed25519", "k");
        target.server().authorize(Path.of(k + ".pub"));
        bastion.server().authorize(Path.of(k + ".pub"));
        Path cfg = config("Host inner inner2\n  HostName 127.0.0.1\n  Port " + target.server().port() + "\n  ProxyJump jump\n"
                + "Host jump\n  HostName 127.0.0.1\n  Port " + bastion.server().port() + "\n"
                + "Host *\n  User sopctl\n  IdentityFile " + k + "\n");
        Inventory inv = inventory("  inner: {address: inner}\n  inner2: {address: inner2}\n", cfg, null);
        try (SshjTransport ssh = new SshjTransport(inv, options(withSshClient, null))) {
            assertThat(run(ssh, inv, "inner").stdout()).isEqualTo("hello\n");
            assertThat(run(ssh, inv, "inner2").stdout()).isEqualTo("hello\n");
        }
        assertThat(bastion.server().connections()).as("one connection to the shared bastion").isEqualTo(1);
        assertThat(target.server().connections()).isEqualTo(2);
        assertThat(details).anySatisfy(d -> assertThat(d).startsWith("inner: sopctl@127.0.0.1:" + target.server().port()
                + " via jump;"));
    }

    @Test
    void aProxyJumpCycleIsExit65NamingTheCycle() throws Exception {
        Path cfg = config("Host a\n  ProxyJump b\nHost b\n  ProxyJump ops@a\n");
        Inventory inv = inventory("  a: {address: a}\n", cfg, null);
        try (SshjTransport ssh = new SshjTransport(inv, options(true, null))) {
            assertThatThrownBy(() -> run(ssh, inv, "a"))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(65);
                        assertThat(e.kind()).isEqualTo(TransportException.Kind.CONFIG);
                    })
                    .hasMessageContaining("ProxyJump cycle: a → b → ops@a");
        }
        assertThat(target.server().connections()).isZero();
    }

    @ParameterizedTest(name = "ssh -G: {0}")
    @ValueSource(booleans = {true, false})
    void aBadConfigFileStopsBeforeAnyConnectionNamingFileAndLine(boolean withSshClient) throws Exception {
        Path cfg = config("Host web\n  HostNmae 127.0.0.1\n");
        Inventory inv = inventory("  web: {address: web}\n", cfg, null);
        assertThatThrownBy(() -> new SshjTransport(inv, options(withSshClient, null)))
                .isInstanceOf(SshConfigException.class)
                .hasMessageContaining(withSshClient ? cfg + ": line 2: Bad configuration option: hostnmae"
                        : cfg + ":2: Bad configuration option: hostnmae")
                .extracting(e -> ((SshConfigException) e).exitCode()).isEqualTo(65);
    }

    @Test
    void anIncludeLoopStopsBeforeAnyConnection() throws Exception {
        Path other = dir.resolve("other.conf");
        Path cfg = config("Include " + other + "\n");
        Files.writeString(other, "Host *\n  Include " + cfg + "\n");
        Inventory inv = inventory("  web: {address: web}\n", cfg, null);
        assertThatThrownBy(() -> new SshjTransport(inv, options(true, null)))
                .isInstanceOf(SshConfigException.class)
                .hasMessageContaining(other + ":2: Include loop: " + cfg + ":1 → " + other + ":2 includes " + cfg + " again");
    }

    @Test
    void strictHostKeyCheckingNoIsRefusedWithANoticeAndKeysStayChecked() throws Exception {
        Path k = key("ed25519", "k");
        target.server().authorize(Path.of(k + ".pub"));
        Path cfg = config("Host *\n  StrictHostKeyChecking no\n  User sopctl\n  IdentityFile " + k + "\n");
        Inventory inv = inventory("  node1: {address: 127.0.0.1, port: " + target.server().port() + "}\n", cfg, "");
        try (SshjTransport ssh = new SshjTransport(inv, options(true, null))) {
            assertThatThrownBy(() -> run(ssh, inv, "node1")).isInstanceOfSatisfying(TransportException.class,
                    e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.HOST_KEY_UNKNOWN));
        }
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("the OpenSSH configuration sets "
                + "StrictHostKeyChecking no (first for node1); sopctl never connects without checking the host key"));
    }

    @Test
    void strictHostKeyCheckingAcceptNewRecordsTheNewKey() throws Exception {
        Path k = key("ed25519", "k");
        target.server().authorize(Path.of(k + ".pub"));
        Path mine = dir.resolve("my_known_hosts");
        Path cfg = config("Host *\n  StrictHostKeyChecking accept-new\n  UserKnownHostsFile " + mine
                + "\n  User sopctl\n  IdentityFile " + k + "\n");
        Path inv = Files.writeString(dir.resolve("inventory.yaml"), "defaults:\n  ssh_config: " + cfg
                + "\nhosts:\n  node1: {address: 127.0.0.1, port: " + target.server().port() + "}\n");
        Inventory inventory = InventoryLoader.load(inv, Map.of());
        try (SshjTransport ssh = new SshjTransport(inventory, options(true, null))) {
            assertThat(run(ssh, inventory, "node1").exitStatus()).isZero();
        }
        assertThat(Files.readString(mine)).contains("[127.0.0.1]:" + target.server().port());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ed25519", "rsa"})
    void theAgentsKeyLogsInWithNoIdentityAnywhere(String type) throws Exception {
        Path k = key(type, "agent_key");
        agent.add(k);
        Files.delete(k); // only the agent has the private key
        target.server().authorize(Path.of(k + ".pub"));
        // no SHA-1 ssh-rsa: an RSA key must be signed by the agent with rsa-sha2-256 or -512
        target.server().signatures("ecdsa-sha2-nistp256,ssh-ed25519,rsa-sha2-512,rsa-sha2-256");
        Path cfg = config("Host *\n  User sopctl\n");
        Inventory inv = inventory("  node1: {address: 127.0.0.1, port: " + target.server().port() + "}\n", cfg, null);
        try (SshjTransport ssh = new SshjTransport(inv, options(true, agent.socket().toString()))) {
            assertThat(run(ssh, inv, "node1").stdout()).isEqualTo("hello\n");
        }
        assertThat(details).anySatisfy(d -> assertThat(d).isEqualTo(
                "node1: ssh-agent at " + agent.socket() + " holds 1 key(s)"));
    }

    @Test
    void identitiesOnlyOffersOnlyTheIdentityFilesKeys() throws Exception {
        Path good = key("ed25519", "good");
        Path other = key("ed25519", "other");
        agent.add(good);
        target.server().authorize(Path.of(good + ".pub"));
        String base = "Host *\n  User sopctl\n  IdentityFile " + other + "\n";
        Inventory plain = inventory("  node1: {address: 127.0.0.1, port: " + target.server().port() + "}\n",
                config(base), null);
        try (SshjTransport ssh = new SshjTransport(plain, options(true, agent.socket().toString()))) {
            assertThat(run(ssh, plain, "node1").exitStatus()).isZero(); // the agent's key, tried first
        }
        Inventory only = inventory("  node1: {address: 127.0.0.1, port: " + target.server().port() + "}\n",
                config(base + "  IdentitiesOnly yes\n"), null);
        try (SshjTransport ssh = new SshjTransport(only, options(true, agent.socket().toString()))) {
            assertThatThrownBy(() -> run(ssh, only, "node1")).isInstanceOfSatisfying(TransportException.class,
                    e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.AUTH_FAILED))
                    .hasMessageContaining("tried publickey " + other)
                    .hasMessageNotContaining("from ssh-agent");
        }
    }

    @Test
    void anIdentityFileTheAgentHoldsIsSignedByTheAgent() throws Exception {
        Path k = key("ed25519", "k");
        agent.add(k);
        Files.writeString(k, "not a key any more\n"); // the .pub stays: the agent's copy is used
        target.server().authorize(Path.of(k + ".pub"));
        Path cfg = config("Host *\n  User sopctl\n  IdentitiesOnly yes\n  IdentityFile " + k + "\n");
        Inventory inv = inventory("  node1: {address: 127.0.0.1, port: " + target.server().port() + "}\n", cfg, null);
        try (SshjTransport ssh = new SshjTransport(inv, options(true, agent.socket().toString()))) {
            assertThat(run(ssh, inv, "node1").exitStatus()).isZero();
        }
    }

    @Test
    void aDeadAgentSocketFallsBackToKeyFilesAndSaysSo() throws Exception {
        Path k = key("ed25519", "k");
        target.server().authorize(Path.of(k + ".pub"));
        Path cfg = config("Host *\n  User sopctl\n  IdentityFile " + k + "\n");
        Inventory inv = inventory("  node1: {address: 127.0.0.1, port: " + target.server().port() + "}\n", cfg, null);
        Path gone = dir.resolve("gone.sock");
        try (SshjTransport ssh = new SshjTransport(inv, options(true, gone.toString()))) {
            assertThat(run(ssh, inv, "node1").exitStatus()).isZero();
        }
        assertThat(details).contains("node1: not using ssh-agent: agent socket " + gone
                + " does not exist; trying key files only");
        Path dead = dir.resolve("dead.sock"); // a socket file nobody listens on any more
        try (var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(dead));
        }
        details.clear();
        try (SshjTransport ssh = new SshjTransport(inv, options(true, dead.toString()))) {
            assertThat(run(ssh, inv, "node1").exitStatus()).isZero();
        }
        assertThat(details).anySatisfy(d -> assertThat(d).startsWith("node1: not using ssh-agent: agent socket "
                + dead + " refused the connection"));
    }

    @Test
    void identityAgentNoneTurnsTheAgentOff() throws Exception {
        Path k = key("ed25519", "k");
        agent.add(k);
        Files.delete(k);
        target.server().authorize(Path.of(k + ".pub"));
        Path cfg = config("Host *\n  User sopctl\n  IdentityAgent none\n");
        Inventory inv = inventory("  node1: {address: 127.0.0.1, port: " + target.server().port() + "}\n", cfg, null);
        try (SshjTransport ssh = new SshjTransport(inv, options(true, agent.socket().toString()))) {
            assertThatThrownBy(() -> run(ssh, inv, "node1")).hasMessageContaining("no ssh-agent");
        }
    }

    @Test
    void aConfigWithoutAnySettingSopctlUsesIsNotAskedOfSshForEveryHost() throws Exception {
        Path k = key("ed25519", "k");
        target.server().authorize(Path.of(k + ".pub"));
        Path cfg = config("Host *\n  SendEnv LANG LC_*\n  HashKnownHosts yes\n");
        Inventory inv = inventory("  node1: {address: 127.0.0.1, user: sopctl, identity: " + k + ", port: "
                + target.server().port() + "}\n", cfg, null);
        try (SshjTransport ssh = new SshjTransport(inv, options(true, null))) {
            assertThat(run(ssh, inv, "node1").exitStatus()).isZero();
        }
        assertThat(details).contains("OpenSSH configuration from sopctl's reading of " + cfg);
    }

    @Test
    void keysAreOfferedInOpenSshsOrder() throws Exception {
        Path onlyInAgent = key("ed25519", "only_in_agent");
        Path both = key("ed25519", "both");
        Path onlyFile = key("ed25519", "only_file");
        agent.add(onlyInAgent);
        agent.add(both);
        Files.delete(onlyInAgent);
        String agentOnly = new dev.sopctl.transport.ssh.agent.AgentKey(
                TestAgent.publicBlob(onlyInAgent), "only_in_agent").toString();
        // the server knows none of them: the refusal lists what was offered, in order
        Path cfg = config("Host *\n  User sopctl\n  IdentityFile " + onlyFile + "\n  IdentityFile " + both + "\n");
        Inventory inv = inventory("  node1: {address: 127.0.0.1, port: " + target.server().port() + "}\n", cfg, null);
        try (SshjTransport ssh = new SshjTransport(inv, options(true, agent.socket().toString()))) {
            assertThatThrownBy(() -> run(ssh, inv, "node1")).hasMessageContaining("tried publickey " + both
                    + " (signed by ssh-agent); publickey from ssh-agent " + agentOnly + "; publickey " + onlyFile);
        }
    }

    @Test
    void anIdentityTheInventoryNamesIsTheOnlyKeyOffered() throws Exception {
        Path authorized = key("ed25519", "authorized");
        Path named = key("ed25519", "named");
        agent.add(authorized);
        target.server().authorize(Path.of(authorized + ".pub"));
        Path cfg = config("Host *\n  User sopctl\n");
        Inventory inv = inventory("  node1: {address: 127.0.0.1, identity: " + named + ", port: "
                + target.server().port() + "}\n", cfg, null);
        try (SshjTransport ssh = new SshjTransport(inv, options(true, agent.socket().toString()))) {
            assertThatThrownBy(() -> run(ssh, inv, "node1")).hasMessageContaining("tried publickey " + named)
                    .hasMessageNotContaining("from ssh-agent");
        }
    }
}
