package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of a relayed GVM copy: a real sopctl process gets SIGINT while the disk
 * streams from node1 through it into node3; both remote ends must stop, not only the one sopctl
 * was waiting on.
 */
@Lab("healthy")
class GvmRelayInterruptLabTest {
    private static final String SRC = "1943409b-b9fb-4e18-acdd-f5eb5390e5ef";
    private static final String DST = "8644c84e-76fc-4c2d-9eb9-847ad6d78c01";

    @TempDir
    Path state;

    @Test
    void sigintMidRelayStopsTheSenderAndTheReceiver(LabEstate lab) throws Exception {
        // a disk big enough to still be moving when the signal comes (sparse: no disk space on node1)
        lab.exec("node1", "truncate -s 4G /data/gvm/" + SRC);
        lab.exec("node3", "truncate -s 4G /data/gvm/" + DST);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.sopctl.Main",
                "-i", lab.inventory().toString(), "gvm", "copy", "--from", "node1", "--disk", SRC, "--to", "node3",
                "--target-disk", DST, "--relay", "--yes")
                .redirectErrorStream(true)
                .redirectOutput(state.resolve("out.txt").toFile());
        pb.environment().put("XDG_STATE_HOME", state.toString());
        Process sopctl = pb.start();
        try {
            waitUntil(() -> lab.exec("node3", "stat -c %s /data/gvm/" + DST + ".sopctl-partial 2>/dev/null || echo 0")
                    .strip().matches("[1-9][0-9]*"), sopctl, state.resolve("out.txt"));

            new ProcessBuilder("kill", "-INT", String.valueOf(sopctl.pid())).start().waitFor();

            assertThat(sopctl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            sopctl.destroyForcibly();
        }
        String out = Files.readString(state.resolve("out.txt"));
        assertThat(sopctl.exitValue()).as(out).isEqualTo(ExitCode.NOT_DONE);
        assertThat(out).contains("interrupted");
        assertThat(lab.exec("node1", "ps -ef")).contains("sshd").doesNotContain("cat /data/gvm/" + SRC);
        assertThat(lab.exec("node3", "ps -ef")).contains("sshd").doesNotContain("cat > /data/gvm/" + DST);
        String partial = lab.exec("node3", "stat -c %s /data/gvm/" + DST + ".sopctl-partial").strip();
        assertThat(Long.parseLong(partial)).as("the copy was cut short").isLessThan(4L << 30);
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitUntil(Check check, Process sopctl, Path out) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!check.ok()) {
            if (!sopctl.isAlive() || System.nanoTime() > until) {
                throw new AssertionError("the relay did not start (sopctl " + (sopctl.isAlive() ? "still running" : "exited "
                        + sopctl.exitValue()) + "):\n" + Files.readString(out));
            }
            Thread.sleep(100);
        }
    }
}
