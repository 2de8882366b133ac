package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.testing.ScriptedTransport;
import dev.sopctl.transport.ExecResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command printing far more than anyone reads: the transcript keeps a bounded head and tail and says so. */
class OutputCapCliTest {
    private static final String INV = "examples/inventory.yaml";
    private static final int LINES = 200_000; // 100 bytes each: about 19 MiB

    @TempDir
    Path state;

    @Test
    void aHugeOutputIsKeptAsHeadAndTailWithItsSizeAndHash() throws Exception {
        StringBuilder big = new StringBuilder(LINES * 100);
        for (int i = 0; i < LINES; i++) {
            big.append(String.format("line %08d ", i)).append("x".repeat(85)).append('\n');
        }
        String output = big.toString();
        Cli cli = new Cli(state);
        // the scripted transport hands every line to the listener, as SSH does, and reports its 4 MiB cap
        cli.transport = new ScriptedTransport().on("node1", ".*", (h, c) -> new ExecResult(0, output, "", true,
                Duration.ofSeconds(1)));

        Cli.Result r = cli.run("-i", INV, "--transcript", state.resolve("t.jsonl").toString(),
                "exec", "--on", "node1", "--", "cat", "/var/log/huge");

        long size = Files.size(state.resolve("t.jsonl"));
        assertThat(size).as("transcript bytes for %d bytes of output", output.length()).isLessThan(4_000_000);
        String transcript = Files.readString(state.resolve("t.jsonl"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(output.getBytes(StandardCharsets.UTF_8)));
        assertThat(transcript).contains("line 00000000 ").contains("line 00199999 ").doesNotContain("line 00100000 ")
                .contains("\"sha256\":\"" + sha + "\"").contains("\"total_bytes\":" + output.length())
                .contains("parse, captures and the summary saw only its first 4.0 MiB");
        assertThat(r.out()).contains("the output was longer than 4.0 MiB")
                .contains("stdout was 19.1 MiB in 200000 lines: the transcript keeps the first 511.9 KiB")
                .contains("SHA-256 of the whole stdout: " + sha);
    }
}
