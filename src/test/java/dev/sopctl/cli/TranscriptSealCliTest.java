package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.transcript.TranscriptLoopMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §6: "the store also keeps each run's final hash apart from the transcript, so an edited
 * last line or a cut tail is detected too" — and a run killed with SIGKILL is incomplete, not damaged.
 */
class TranscriptSealCliTest {
    private static final String INV = "examples/inventory.yaml";

    @TempDir
    Path state;

    private Cli cli() {
        return new Cli(state);
    }

    /** A finished run (a dry-run: run-start, plan, run-end) written to {@code file}. */
    private Path finishedRun(Path file) {
        Cli.Result r = cli().run("-i", INV, "-n", "--transcript", file.toString(), "node", "shutdown", "node1");
        assertThat(r.exit()).as(r.all()).isZero();
        return file;
    }

    private Cli.Result verify(Path file) {
        return cli().run("--transcript", file.toString(), "transcript", "verify");
    }

    @Test
    void aFinishedRunVerifiesAsSealed() {
        Path file = finishedRun(state.resolve("t.jsonl"));

        Cli.Result r = verify(file);

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("OK, 3 events, chain intact, every run sealed");
    }

    @Test
    void anEditedRunEndIsDamaged() throws IOException {
        Path file = finishedRun(state.resolve("t.jsonl"));
        String text = Files.readString(file);
        Files.writeString(file, text.replace("\"outcome\":\"dry-run\"", "\"outcome\":\"ok\""));
        assertThat(Files.readString(file)).isNotEqualTo(text);

        Cli.Result r = verify(file);

        assertThat(r.exit()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("DAMAGED").contains("its last line (line 3) is not the one sealed — edited");
    }

    @Test
    void cutLastLinesAreDamaged() throws IOException {
        Path file = finishedRun(state.resolve("t.jsonl"));
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, 1));

        Cli.Result r = verify(file);

        assertThat(r.exit()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("DAMAGED").contains("the seal records 3 events, the file has 1 — lines cut from the end");
    }

    @Test
    void aWholeRunCutFromTheEndOfASharedFileIsDamaged() throws IOException {
        Path file = finishedRun(state.resolve("t.jsonl"));
        finishedRun(file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(6);
        Files.write(file, lines.subList(0, 3));

        Cli.Result r = verify(file);

        assertThat(r.exit()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("was sealed with 3 events in this file, but none of its lines are left");
    }

    @Test
    void aRunWhoseSealIsMissingIsSaidWithExit1() throws IOException {
        Path file = finishedRun(state.resolve("t.jsonl"));
        Path seals = state.resolve("sopctl/seals");
        try (var files = Files.list(seals)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }

        Cli.Result r = verify(file);

        assertThat(r.exit()).isEqualTo(ExitCode.WARNING);
        assertThat(r.out()).contains("OK, 3 events, chain intact").contains("has no seal in " + seals);
    }

    @Test
    @Timeout(120)
    void aRunKilledWithSigkillIsIncompleteNotDamaged() throws Exception {
        Path file = state.resolve("killed.jsonl");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                TranscriptLoopMain.class.getName(), file.toString(), "20261123-142501-abcdef",
                state.resolve("sopctl/seals").toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("started");
            while (Files.size(file) < 200_000) {
                Thread.sleep(20);
            }
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        // a kill can cut the last line mid-write: drop it, as the next writer would close it
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        Files.write(file, Arrays.copyOf(bytes, end));

        Cli.Result r = verify(file);

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("chain intact")
                .contains("is incomplete: no run-end and its seal was never closed — it was killed");

        // and a run-end added by hand to the killed run is found
        Files.writeString(file, Files.readString(file) + lastLineWithRunEnd(file) + "\n");
        Cli.Result forged = verify(file);
        assertThat(forged.exit()).as(forged.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(forged.out()).contains("ends with a run-end").contains("was never sealed");
    }

    /** A run-end line that continues the chain, as someone covering up a killed run would write it. */
    private static String lastLineWithRunEnd(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String last = lines.get(lines.size() - 1);
        long seq = Long.parseLong(last.replaceAll(".*\"seq\":(\\d+).*", "$1"));
        String prev;
        try {
            prev = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(last.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return "{\"time\":\"2026-11-23T14:30:00.000Z\",\"run\":\"20261123-142501-abcdef\",\"seq\":" + (seq + 1)
                + ",\"type\":\"run-end\",\"outcome\":\"ok\",\"exit\":0,\"duration_ms\":5,\"prev\":\"" + prev + "\"}";
    }
}
