package dev.sopctl.transport.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.SopctlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sopctl's reading of ssh_config against the installed OpenSSH client's ({@code ssh -G}) on the
 * same files, for every destination and user in the table; then the bad files.
 */
class SshConfigEvaluatorTest {
    @TempDir
    static Path dir;
    static OpenSshResolver ssh;
    static final LocalUser LOCAL = LocalUser.current();

    @BeforeAll
    static void client() {
        String client = OpenSshResolver.findClient(System.getenv("PATH"));
        assertThat(client).as("the OpenSSH client (openssh-client) must be installed for these tests").isNotNull();
        ssh = new OpenSshResolver(client, null);
    }

    private static Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private static void sameAsSsh(Path config, List<String> destinations, List<String> users) {
        SshConfigEvaluator ours = SshConfigEvaluator.ofFile(config, LOCAL);
        OpenSshResolver theirs = new OpenSshResolver(OpenSshResolver.findClient(System.getenv("PATH")), config);
        List<String> compared = new ArrayList<>();
        for (String d : destinations) {
            for (String u : users) {
                SshConfig expected = theirs.resolve(d, u, null);
                SshConfig actual = ours.resolve(d, u, null);
                assertThat(actual).as("%s as %s with %s", d, u, config).isEqualTo(expected);
                compared.add(d + "/" + u);
            }
        }
        assertThat(compared).hasSize(destinations.size() * users.size());
    }

    @Test
    void hostPatternsNegationAndFirstValueWins() throws IOException {
        Path c = write("patterns.conf", """
                # aliases for the estate
                Host node? !node9
                    HostName 192.168.0.2%h
                    User ops
                    Port 2222
                Host node1 bastion
                    User ignored-already-set
                    IdentityFile ~/.ssh/node1_key
                    IdentityFile %d/keys/id_%r@%h
                Host *.example.com
                    ProxyJump jump1,admin@jump2:2200
                    StrictHostKeyChecking yes
                Host bastion
                    HostName=203.0.113.5
                    IdentitiesOnly yes
                    UserKnownHostsFile ~/.ssh/bastion_known %d/kh2
                    IdentityAgent ~/agent.sock
                Host "quoted name" *
                    User fallback
                    StrictHostKeyChecking accept-new
                    ProxyCommand none
                """);
        sameAsSsh(c, List.of("node1", "node9", "NODE2", "bastion", "db.example.com", "other"),
                java.util.Arrays.asList(null, "alice"));
    }

    @Test
    void matchBlocksAndFinalPass() throws IOException {
        Path c = write("match.conf", """
                Match originalhost web*,!web3
                    HostName %h.internal
                Match host *.internal user deploy
                    Port 2201
                Match user root,alice !localuser nobody
                    IdentitiesOnly yes
                Match final host web1.internal
                    IdentityFile ~/.ssh/final_key
                Match all
                    StrictHostKeyChecking no
                    ProxyJump none
                """);
        sameAsSsh(c, List.of("web1", "web3", "db"), java.util.Arrays.asList(null, "deploy", "alice"));
    }

    @Test
    void includeInContextWithGlobsAndRelativeNames() throws IOException {
        Path confd = dir.resolve("conf.d");
        write("conf.d/10-a.conf", "Host a\n  User from-a\n  Port 2010\n");
        write("conf.d/20-b.conf", "Host b\n  User from-b\nHost *\n  IdentityFile ~/.ssh/from-glob\n");
        write("only-for-c.conf", "User from-c\nPort 2030\n");
        Path c = write("include.conf", "Include " + confd + "/*.conf\n"
                + "Host c\n  Include " + dir.resolve("only-for-c.conf") + "\n  User too-late\n"
                + "Host *\n  Port 2999\n");
        sameAsSsh(c, List.of("a", "b", "c", "d"), java.util.Arrays.asList((String) null));
    }

    @Test
    void syntaxErrorsNameFileAndLine() throws IOException {
        Path bad = write("bad.conf", "Host a\n  Bogus yes\n");
        assertThatThrownBy(() -> SshConfigEvaluator.ofFile(bad, LOCAL).resolve("a", null, null))
                .isInstanceOf(SshConfigException.class)
                .hasMessageContaining(bad + ":2: Bad configuration option: bogus")
                .extracting(e -> ((SopctlException) e).exitCode()).isEqualTo(65);
        Path port = write("port.conf", "Port 99999\n");
        assertThatThrownBy(() -> SshConfigEvaluator.ofFile(port, LOCAL).resolve("a", null, null))
                .hasMessageContaining(port + ":1: Bad port '99999'");
        Path quote = write("quote.conf", "Host a\n  HostName \"unterminated\n");
        assertThatThrownBy(() -> SshConfigEvaluator.ofFile(quote, LOCAL).resolve("a", null, null))
                .hasMessageContaining(quote + ":2: unterminated \" quote");
        Path noArg = write("noarg.conf", "Host a\n  User\n");
        assertThatThrownBy(() -> SshConfigEvaluator.ofFile(noArg, LOCAL).resolve("a", null, null))
                .hasMessageContaining(noArg + ":2: no argument after keyword \"user\"");
        // ssh -G refuses the same files, naming the same line
        assertThatThrownBy(() -> new OpenSshResolver(OpenSshResolver.findClient(System.getenv("PATH")), bad).resolve("a", null, null))
                .isInstanceOf(SshConfigException.class).hasMessageContaining("line 2: Bad configuration option: bogus");
    }

    @Test
    void unknownKeywordsCanBeIgnoredAsInOpenSsh() throws IOException {
        Path c = write("ignore.conf", "IgnoreUnknown UseKeychain,Add*\nHost *\n  UseKeychain yes\n  User u\n");
        sameAsSsh(c, List.of("x"), java.util.Arrays.asList((String) null));
    }

    @Test
    void includeLoopsAreRefusedWithTheChain() throws IOException {
        Path a = dir.resolve("loop-a.conf");
        Path b = write("loop-b.conf", "Host *\n  Include " + a + "\n");
        write("loop-a.conf", "User x\nInclude " + b + "\n");
        assertThatThrownBy(() -> SshConfigEvaluator.ofFile(a, LOCAL).checkIncludes())
                .isInstanceOf(SshConfigException.class)
                .hasMessageContaining(b + ":2: Include loop: " + a + ":2 → " + b + ":2 includes " + a + " again");
        // also when the including block does not apply to the host
        Path self = write("self.conf", "Host nothing-matches\n  Include " + dir.resolve("self.conf") + "\n");
        assertThatThrownBy(() -> SshConfigEvaluator.ofFile(self, LOCAL).resolve("x", null, null))
                .hasMessageContaining(self + ":2: Include loop: " + self + " includes itself");
    }

    @Test
    void matchExecIsRefusedWithoutTheClientRatherThanGuessed() throws IOException {
        Path c = write("exec.conf", "Match exec \"true\"\n  User x\n");
        assertThatThrownBy(() -> SshConfigEvaluator.ofFile(c, LOCAL).resolve("h", null, null))
                .hasMessageContaining(c + ":1: Match exec is not supported without the OpenSSH client");
    }

    @Test
    void missingFileGivenExplicitlyIsAnError() {
        Path none = dir.resolve("absent.conf");
        assertThatThrownBy(() -> SshConfigEvaluator.ofFile(none, LOCAL).resolve("h", null, null))
                .hasMessageContaining(none + ": no such configuration file");
    }

    @Test
    void tokensInKnownHostsAndAgentPathsExpandAsSshDoes() throws IOException {
        Path c = write("tokens.conf", """
                Host *
                    UserKnownHostsFile ~/kh/%h-%p-%r %d/kh/%u-%i-%n %d/kh/%l-%L-%C-%%
                    IdentityAgent ~/agents/%r@%h
                    IdentityFile ~/.ssh/%h_%r_%p
                    User deploy
                    Port 2200
                """);
        sameAsSsh(c, List.of("db1", "Web.Example.com"), java.util.Arrays.asList(null, "alice"));
    }
}
