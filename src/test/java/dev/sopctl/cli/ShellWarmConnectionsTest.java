package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.testing.FakeTicker;
import dev.sopctl.transport.ssh.TestInventories;
import dev.sopctl.transport.ssh.TestSshServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm shell over real SSH (an in-process MINA server that counts the connections it
 * accepts): the second command on the same hosts opens no connection; the prompt names the
 * inventory; Tab completes the estate's names.
 */
class ShellWarmConnectionsTest {
    @TempDir
    Path dir;

    private TestSshServer server;
    private Path inventory;

    @BeforeEach
    void estate() throws Exception {
        server = new TestSshServer().start().authorize(TestInventories.key("id_ed25519.pub"));
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        inventory = dir.resolve("warm.yaml");
        Files.writeString(inventory, """
                defaults:
                  user: sopctl
                  port: %d
                  identity: %s
                  known_hosts: %s
                  connect_timeout: 10s
                  ssh_config: none
                zones:
                  zone-a: {storage: local}
                hosts:
                  node1: {address: 127.0.0.1, role: node, zone: zone-a}
                  node2: {address: 127.0.0.1, role: node, zone: zone-a}
                  mastervm01: {address: 127.0.0.1, role: mastervm, zone: zone-a}
                  mastervm02: {address: 127.0.0.1, role: mastervm, zone: zone-a}
                clusters:
                  mastervm-ha: {type: pacemaker, members: [mastervm01, mastervm02]}
                """.formatted(server.port(), TestInventories.key("id_ed25519"), knownHosts));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private String session(String typed) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        TypedKeys keys = new TypedKeys(typed);
        try (Terminal terminal = new DumbTerminal(keys, screen)) {
            CliContext context = CliContext.ssh(Map.of("XDG_STATE_HOME", dir.toString(), "HOME", dir.toString()),
                    Path.of(""), "t@shell", null);
            int last = ShellCommand.loop(context, terminal, List.of("-i", inventory.toString(), "--no-color"));
            terminal.writer().println("[last exit " + last + "]");
            terminal.flush();
        } finally {
            keys.release();
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSecondCommandOnTheSameHostsOpensNoConnection() throws IOException {
        String screen = session("exec --on node1,node2 -- echo first\ntime exec --on node1,node2 -- echo second\n"
                + "exec --on role:node -- echo third\nexit\n");

        assertThat(screen).contains("── node1").contains("first").contains("second").contains("third")
                .containsPattern("\\(took [0-9.]+ s\\)").contains("[last exit 0]");
        // one connection per host for the whole session, counted by the server
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void withoutTheShellEachCommandConnectsAgain() {
        Cli cli = new Cli(dir);
        CliContext context = CliContext.ssh(cli.env, Path.of(""), "t@cli", null);
        for (String word : List.of("one", "two")) {
            int code = dev.sopctl.Main.run(context, new java.io.PrintWriter(new java.io.StringWriter()),
                    new java.io.PrintWriter(new java.io.StringWriter()), "-i", inventory.toString(), "exec", "--on",
                    "node1", "--", "echo", word);
            assertThat(code).isZero();
        }
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void thePromptNamesTheInventory() throws IOException {
        String screen = session("exit\n");

        assertThat(screen).contains("sopctl[warm.yaml, 4 hosts]> ");
    }

    @Test
    void tabCompletesHostsRolesZonesClustersRunbooksAndParameters() throws IOException {
        EstateNames names = new EstateNames(Map.of(), Path.of(""), inventory, null);
        ShellCompleter completer = new ShellCompleter(NullCompleter.INSTANCE, names);

        assertThat(complete(completer, "exec --on ")).contains("node1", "node2", "role:node", "role:mastervm",
                "zone:zone-a", "cluster:mastervm-ha", "all");
        assertThat(complete(completer, "node check ")).contains("node1", "role:node");
        assertThat(complete(completer, "mastervm check --cluster ")).containsExactly("mastervm-ha");
        assertThat(complete(completer, "run ")).contains("pvdi/node-shutdown", "pvdi/node-check");
        assertThat(complete(completer, "runbooks show ")).contains("time/ntp-check");
        assertThat(complete(completer, "run pvdi/node-shutdown -p ")).contains("node=", "action=");
        assertThat(complete(completer, "transcript show ")).isEmpty();
        assertThat(complete(completer, "exec --on node1 -- ")).isEmpty();
    }

    private static List<String> complete(ShellCompleter completer, String typed) throws IOException {
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            DefaultParser parser = new DefaultParser();
            List<Candidate> candidates = new ArrayList<>();
            completer.complete(reader, parser.parse(typed, typed.length(), org.jline.reader.Parser.ParseContext.COMPLETE),
                    candidates);
            return candidates.stream().map(Candidate::value).toList();
        }
    }
}
