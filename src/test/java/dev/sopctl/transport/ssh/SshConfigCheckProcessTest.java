package dev.sopctl.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.InventoryLoader;
import dev.sopctl.transport.ssh.config.OpenSshResolver;
import dev.sopctl.transport.ssh.config.SshConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When {@code ssh -G} is asked at start-up: only when a line can change an endpoint or our own
 * strict reading refuses one. The {@code ssh} on PATH here is a wrapper that counts its runs and
 * then runs the real client, so its verdicts and messages are OpenSSH's own.
 */
class SshConfigCheckProcessTest {
    @TempDir
    Path dir;
    Path calls;
    final List<String> details = new CopyOnWriteArrayList<>();

    @BeforeEach
    void sshWrapper() throws Exception {
        String real = OpenSshResolver.findClient(System.getenv("PATH"));
        assertThat(real).as("the OpenSSH client on PATH").isNotNull();
        calls = dir.resolve("calls");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path ssh = Files.writeString(bin.resolve("ssh"), "#!/bin/sh\necho \"$*\" >> " + calls + "\nexec " + real + " \"$@\"\n");
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private SshjTransport transport(String configText) throws Exception {
        Path cfg = Files.writeString(dir.resolve("ssh_config"), configText);
        Path kh = Files.writeString(dir.resolve("known_hosts"), "");
        Path inv = Files.writeString(dir.resolve("inventory.yaml"), "defaults:\n  known_hosts: " + kh
                + "\n  ssh_config: " + cfg + "\nhosts:\n  web: {address: 127.0.0.1}\n");
        Inventory inventory = InventoryLoader.load(inv, Map.of());
        SshOptions options = SshOptions.defaults().withEnvironment(Map.of("PATH", dir.resolve("bin").toString()))
                .withMessages(n -> { }, details::add);
        return new SshjTransport(inventory, options);
    }

    private List<String> sshRuns() throws Exception {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    @Test
    void aConfigThatCannotChangeAnEndpointIsReadWithoutStartingSsh() throws Exception {
        try (SshjTransport ignored = transport("Host *\n  ServerAliveInterval 30\n  SendEnv LANG\n")) {
            assertThat(sshRuns()).isEmpty();
        }
        assertThat(details).anySatisfy(d -> assertThat(d).contains("sopctl's reading of"));
    }

    @Test
    void aLineOurReadingRefusesIsJudgedBySshWithItsOwnMessage() throws Exception {
        assertThatThrownBy(() -> transport("Host *\n  ServerAliveInterval 30\n  HostNmae 10.0.0.1\n"))
                .isInstanceOf(SshConfigException.class)
                .hasMessageContaining("line 3: Bad configuration option: hostnmae");
        assertThat(sshRuns()).hasSize(1).allSatisfy(c -> assertThat(c).startsWith("-G"));
    }

    @Test
    void aConfigThatCanChangeAnEndpointIsStillCheckedBySsh() throws Exception {
        try (SshjTransport ignored = transport("Host web\n  User ops\n")) {
            assertThat(sshRuns()).hasSize(1);
        }
        assertThat(details).anySatisfy(d -> assertThat(d).contains("ssh -G"));
    }
}
