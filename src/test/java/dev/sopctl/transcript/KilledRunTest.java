package dev.sopctl.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN §6: "a run killed at any moment leaves a valid prefix", with a real process and SIGKILL. */
class KilledRunTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aKilledWriterLeavesAValidPrefix() throws Exception {
        // given a child JVM writing events as fast as it can
        Path file = dir.resolve("killed.jsonl");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                TranscriptLoopMain.class.getName(), file.toString(), "20261123-142501-abcdef")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("started");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Files.size(file) < 2_000_000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            // when it is killed mid-run
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        // then what it wrote is a valid, incomplete prefix, with the secret redacted throughout
        VerifyResult result = new TranscriptVerifier().verify(file);
        assertThat(result.ok()).as("%s", result).isTrue();
        assertThat(result.complete()).isFalse();
        assertThat(result.events()).isGreaterThan(10);
        List<java.util.Map<String, Object>> events = TranscriptReader.read(file);
        assertThat(events).hasSize(result.events());
        assertThat(events.get(0)).containsEntry("type", "run-start");
        assertThat(Files.readString(file)).doesNotContain("s3cret");
        assertThat(TranscriptStore.summarize(file).outcome()).isEqualTo("incomplete");

        // and a new run can append to it and still verify when the kill left whole lines
        Fixtures.run(file, "20261123-150000-abcdef", Redactor.NONE, true);
        VerifyResult after = new TranscriptVerifier().verify(file);
        if (!result.truncatedTail()) {
            assertThat(after.ok()).isTrue();
            assertThat(after.complete()).isTrue();
        } else {
            assertThat(after.badLine()).isEqualTo(result.events() + 1);
        }
    }
}
