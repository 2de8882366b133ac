package dev.sopctl.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.TransportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host reached at an address decided during the run (a node whose management address a run
 * changed): its own connection there, the host key known for its inventory address, and a different
 * machine answering at the new address refused.
 */
class MovedAddressTest {
    @RegisterExtension
    final SshServerExtension sshd = new SshServerExtension();

    @TempDir
    Path dir;

    private static final RemoteCommand HOSTNAME = new RemoteCommand("echo here", Duration.ofMinutes(1));

    private Inventory inventory() throws Exception {
        sshd.server().authorize(TestInventories.key("id_ed25519.pub"));
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, sshd.server().knownHostsLine() + "\n"); // known only as [127.0.0.1]:PORT
        return new TestInventories(kh).host("node1", sshd.server().port()).build();
    }

    @Test
    void theSameMachineAtAnotherAddressGetsAConnectionOfItsOwnAndItsKnownKey() throws Exception {
        Inventory inv = inventory();
        Host node1 = inv.host("node1").orElseThrow();
        try (SshjTransport ssh = new SshjTransport(inv, SshOptions.defaults().withEnvironment(Map.of()))) {
            assertThat(ssh.exec(node1, HOSTNAME, OutputListener.NONE).stdout()).isEqualTo("here\n");
            assertThat(ssh.exec(node1.withAddress("localhost"), HOSTNAME, OutputListener.NONE).stdout()).isEqualTo("here\n");
            assertThat(ssh.exec(node1.withAddress("localhost"), HOSTNAME, OutputListener.NONE).exitStatus()).isZero();
            assertThat(ssh.exec(node1, HOSTNAME, OutputListener.NONE).exitStatus()).isZero();

            assertThat(sshd.server().connections()).as("one per address, each reused").isEqualTo(2);
        }
        assertThat(Files.readString(dir.resolve("known_hosts"))).as("nothing recorded for the new address")
                .doesNotContain("localhost");
    }

    @Test
    void anotherMachineAnsweringAtTheNewAddressIsRefused() throws Exception {
        Inventory inv = inventory();
        Host node1 = inv.host("node1").orElseThrow();
        try (TestSshServer impostor = new TestSshServer(false, "127.0.0.2", sshd.server().port()).start();
                SshjTransport ssh = new SshjTransport(inv, SshOptions.defaults().withEnvironment(Map.of()))) {
            impostor.authorize(TestInventories.key("id_ed25519.pub"));

            TransportException e = catchThrowableOfType(TransportException.class,
                    () -> ssh.exec(node1.withAddress("127.0.0.2"), HOSTNAME, OutputListener.NONE));

            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(TransportException.Kind.HOST_KEY_CHANGED);
            assertThat(e.getMessage()).contains("node1").contains("SHA256:");
            assertThat(impostor.channels()).isZero();
        }
    }
}
