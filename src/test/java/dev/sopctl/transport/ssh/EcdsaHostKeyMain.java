package dev.sopctl.transport.ssh;

import dev.sopctl.inventory.Inventory;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.RemoteCommand;
import java.nio.file.Path;
import java.security.Security;
import java.time.Duration;
import java.util.Map;

/**
 * Run by {@link EcdsaHostKeyTest} in a JVM of its own, as sopctl runs: no BouncyCastle JCA
 * provider (MINA registers one in the test JVM). Args: the server's port, the known_hosts file.
 * Prints whether any provider served {@code KeyFactory.ECDSA} before the transport loaded, then the
 * command's output; exits with its exit status, or 70 on an exception.
 */
public final class EcdsaHostKeyMain {
    private EcdsaHostKeyMain() {
    }

    public static void main(String[] args) {
        System.out.println("ecdsa-before-transport=" + (Security.getProviders("KeyFactory.ECDSA") != null));
        Inventory inv = new TestInventories(Path.of(args[1])).host("node1", Integer.parseInt(args[0])).build();
        try (SshjTransport ssh = new SshjTransport(inv, SshOptions.defaults().withEnvironment(Map.of()))) {
            ExecResult r = ssh.exec(inv.host("node1").orElseThrow(), new RemoteCommand("echo over-ecdsa", Duration.ofMinutes(1)),
                    (stream, line) -> { });
            System.out.print(r.stdout());
            System.exit(r.exitStatus());
        } catch (Exception e) {
            System.out.println("failed: " + e);
            System.exit(70);
        }
    }
}
