package dev.sopctl.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.inventory.InventoryLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A run that will stream data through sopctl in a JVM without C2 (the launcher's C1-only choice) says how to get full speed. */
class BulkDataWithoutC2Test {
    @TempDir
    Path dir;

    private Path inventory() throws Exception {
        Path kh = Files.writeString(dir.resolve("known_hosts"), "");
        return Files.writeString(dir.resolve("inventory.yaml"), "defaults:\n  known_hosts: " + kh
                + "\n  ssh_config: none\nhosts:\n  node1: {address: 127.0.0.1}\n");
    }

    @Test
    @Timeout(120)
    void withC1OnlyTheOperatorIsToldToUseSopctlJitFull() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), C1NoticeMain.class.getName(), inventory().toString())
                .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("c2=false").contains("notice: this sopctl runs with the C1 compiler only")
                .contains("run it with SOPCTL_JIT=full");
    }

    @Test
    void withC2ThereIsNothingToSay() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        var options = SshOptions.defaults().withEnvironment(Map.of()).withMessages(notices::add, d -> { });
        try (SshjTransport t = new SshjTransport(InventoryLoader.load(inventory(), Map.of()), options)) {
            t.prepareForBulkData();
        }
        assertThat(CipherWarmup.c2Compiles()).isTrue();
        assertThat(notices).isEmpty();
    }
}
