package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during a run, for real: a separate sopctl process gets SIGINT while a remote command runs. */
@Lab("healthy")
class InterruptLabTest {
    @TempDir
    Path state;

    @Test
    void sigintStopsTheRemoteCommandRecordsItAndExits5(LabEstate lab) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.sopctl.Main",
                "-i", lab.inventory().toString(), "exec", "--on", "node1", "--", "sleep 300 # sopctl-interrupt-test")
                .redirectErrorStream(true)
                .redirectOutput(state.resolve("out.txt").toFile());
        pb.environment().put("XDG_STATE_HOME", state.toString());
        Process sopctl = pb.start();
        Path transcripts = state.resolve("sopctl/transcripts");
        waitUntil(() -> Files.isDirectory(transcripts) && Files.list(transcripts)
                .anyMatch(f -> read(f).contains("sopctl-interrupt-test")));
        Thread.sleep(500);

        new ProcessBuilder("kill", "-INT", String.valueOf(sopctl.pid())).start().waitFor();

        assertThat(sopctl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sopctl.exitValue()).as(read(state.resolve("out.txt"))).isEqualTo(ExitCode.NOT_DONE);
        Path file;
        try (var files = Files.list(transcripts)) {
            file = files.findFirst().orElseThrow();
        }
        String text = read(file);
        assertThat(text).contains("\"type\":\"interrupted\"").contains("\"outcome\":\"interrupted\"");
        assertThat(new dev.sopctl.transcript.TranscriptVerifier().verify(file).ok()).isTrue();
        assertThat(lab.exec("node1", "ps -ef")).contains("sshd").doesNotContain("sopctl-interrupt-test").doesNotContain("sleep 300");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitUntil(Check check) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!check.ok()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for the remote command to start");
            }
            Thread.sleep(200);
        }
    }

}
