package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.Main;
import dev.sopctl.transcript.TranscriptReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sopctl process on a real terminal (a pty from script(1)) is stopped by a signal while it
 * waits at a confirmation: the run ends at once with exit 5 and the transcript records the prompt's
 * answer ({@code interrupted}), the interrupt and the run's end. (SIGTERM: a background job cannot
 * be sent SIGINT, which its shell ignores for it; sopctl treats both alike.)
 */
class PromptSignalTest {
    @TempDir
    Path state;

    @Test
    @Timeout(120)
    void aSignalAtTheConfirmationPromptIsRecordedAsAnInterrupt() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) is not installed");
        Path transcript = state.resolve("run.jsonl");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String command = String.join(" ", List.of(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "-i", "examples/inventory.yaml", "--transcript", transcript.toString(),
                "exec", "--on", "node1", "--", "reboot"));
        ProcessBuilder pb = new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true);
        pb.environment().put("XDG_STATE_HOME", state.toString());
        Process script = pb.start();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try {
            waitFor(script.getInputStream(), screen, "Go ahead? [y/N]");
            ProcessHandle sopctl = script.descendants().filter(p -> p.info().command().orElse("").endsWith("/java"))
                    .findFirst().orElseThrow();

            sopctl.destroy();

            assertThat(script.waitFor(20, TimeUnit.SECONDS)).as("sopctl ended within the grace time").isTrue();
            screen.write(script.getInputStream().readAllBytes());
            assertThat(script.exitValue()).as(screen.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.NOT_DONE);
            List<Map<String, Object>> events = TranscriptReader.read(transcript);
            assertThat(events).extracting(e -> e.get("type")).endsWith("confirm", "interrupted", "run-end");
            assertThat(events.get(events.size() - 3)).containsEntry("answer", "interrupted");
        } finally {
            script.getOutputStream().close();
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
    }

    private static void waitFor(InputStream in, ByteArrayOutputStream screen, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        byte[] buf = new byte[4096];
        while (!screen.toString(StandardCharsets.UTF_8).contains(text)) {
            assertThat(System.nanoTime()).as("prompt shown; screen so far: " + screen).isLessThan(deadline);
            int n = in.available() > 0 ? in.read(buf) : 0;
            if (n > 0) {
                screen.write(buf, 0, n);
            } else {
                Thread.sleep(50);
            }
        }
    }
}
