package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT to a real sopctl process while {@code inventory ping} waits for a host: exit 5 with a
 * message saying it was interrupted and which hosts were not checked (DESIGN §4), not the JVM's
 * silent 130.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PingInterruptTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCDuringAPingExits5NamingTheHostsNotChecked() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never say a word
                    }
                } catch (java.io.IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Path inventory = dir.resolve("inventory.yaml");
            Files.writeString(inventory, "defaults: {user: root, known_hosts: " + dir.resolve("known_hosts")
                    + ", connect_timeout: 5m}\nhosts:\n  quiet: {address: 127.0.0.1, port: " + silent.getLocalPort() + "}\n");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.sopctl.Main",
                    "-i", inventory.toString(), "inventory", "ping")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out.txt").toFile());
            pb.environment().put("XDG_STATE_HOME", dir.toString());
            pb.environment().put("HOME", dir.toString());
            Process sopctl = pb.start();
            try {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (accepted.isEmpty() && System.nanoTime() < until && sopctl.isAlive()) {
                    Thread.sleep(50);
                }
                assertThat(accepted).as(Files.readString(dir.resolve("out.txt"))).isNotEmpty();
                Thread.sleep(300);

                new ProcessBuilder("kill", "-INT", String.valueOf(sopctl.pid())).start().waitFor();

                assertThat(sopctl.waitFor(20, TimeUnit.SECONDS)).isTrue();
            } finally {
                sopctl.destroyForcibly();
            }
            String out = Files.readString(dir.resolve("out.txt"));
            assertThat(sopctl.exitValue()).as(out).isEqualTo(ExitCode.NOT_DONE);
            assertThat(out).contains("quiet", "interrupted before it answered", "interrupted by the operator");
        }
    }
}
