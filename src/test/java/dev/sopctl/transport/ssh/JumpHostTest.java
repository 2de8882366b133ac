package dev.sopctl.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sopctl.inventory.Inventory;
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

class JumpHostTest {
    @RegisterExtension
    final SshServerExtension bastion = new SshServerExtension(true);

    @RegisterExtension
    final SshServerExtension inner = new SshServerExtension();

    @TempDir
    Path dir;

    private Inventory inventory(Path kh) throws Exception {
        bastion.server().authorize(TestInventories.key("id_ed25519.pub"));
        inner.server().authorize(TestInventories.key("id_ed25519.pub"));
        return new TestInventories(kh)
                .host("bastion", bastion.server().port())
                .host("lk2", inner.server().port(), null, "bastion", null, null)
                .build();
    }

    @Test
    void reachesAHostThroughItsJumpHostReusingBothConnections() throws Exception {
        Path kh = dir.resolve("known_hosts");
        Inventory inv = inventory(kh);
        Files.writeString(kh, bastion.server().knownHostsLine() + "\n" + inner.server().knownHostsLine() + "\n");
        try (SshjTransport ssh = new SshjTransport(inv, SshOptions.defaults().withEnvironment(Map.of()))) {
            for (int i = 0; i < 3; i++) {
                assertThat(ssh.exec(inv.host("lk2").orElseThrow(), new RemoteCommand("echo inner", Duration.ofMinutes(1)),
                        OutputListener.NONE).stdout()).isEqualTo("inner\n");
            }
            assertThat(ssh.exec(inv.host("bastion").orElseThrow(), new RemoteCommand("echo outer", Duration.ofMinutes(1)),
                    OutputListener.NONE).stdout()).isEqualTo("outer\n");
            assertThat(ssh.probe(inv.host("lk2").orElseThrow()).fingerprint())
                    .isEqualTo(HostKeyPolicy.fingerprint(inner.server().hostPublicKey()));
        }
        assertThat(bastion.server().connections()).isEqualTo(1);
        assertThat(inner.server().connections()).isEqualTo(1);
    }

    @Test
    void theHostBehindTheJumpHasItsKeyCheckedToo() throws Exception {
        Path kh = dir.resolve("known_hosts");
        Inventory inv = inventory(kh);
        Files.writeString(kh, bastion.server().knownHostsLine() + "\n");
        try (SshjTransport ssh = new SshjTransport(inv, SshOptions.defaults().withEnvironment(Map.of()))) {
            TransportException e = catchThrowableOfType(TransportException.class, () -> ssh.probe(inv.host("lk2").orElseThrow()));

            assertThat(e.kind()).isEqualTo(Kind.HOST_KEY_UNKNOWN);
            assertThat(e.getMessage()).contains("lk2", HostKeyPolicy.fingerprint(inner.server().hostPublicKey()));
        }
    }
}
