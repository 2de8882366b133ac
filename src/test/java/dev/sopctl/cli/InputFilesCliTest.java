package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inventory and runbook files that are not what sopctl reads: exit 65 with file:line:col. */
class InputFilesCliTest {
    @TempDir
    Path state;

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void anInventoryThatIsNotUtf8NamesTheLineAndColumnOfTheBadByte() throws IOException {
        Path inv = state.resolve("inv.yaml");
        Files.write(inv, latin1("hosts:\n  node1: {address: 10.0.0.1, role: node}\n  n\u00e9ud: {address: 10.0.0.2}\n"));

        Cli.Result r = new Cli(state).run("-i", inv.toString(), "inventory", "list");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains(inv + ":3:4: not UTF-8: byte 0xE9");
    }

    @Test
    void aRunbookThatIsNotUtf8IsRefusedWithTheLineAndColumnOfTheBadByte() throws IOException {
        Path dir = Files.createDirectories(state.resolve("rb/t"));
        Path file = dir.resolve("x.yaml");
        Files.write(file, latin1("name: t/x\ntitle: caf\u00e9\nsteps:\n  - {id: a, title: a, notice: hi}\n"));

        Cli.Result r = new Cli(state).run("-i", "examples/inventory.yaml", "--runbooks", state.resolve("rb").toString(),
                "-n", "run", "t/x");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains(file + ":2:11: not UTF-8: byte 0xE9");
    }

    @Test
    void aRunbookNestedHundredsDeepIsRefusedWithItsLocation() throws IOException {
        Path dir = Files.createDirectories(state.resolve("rb/t"));
        Path file = dir.resolve("deep.yaml");
        Files.writeString(file, "name: t/deep\ntitle: deep\nsteps:\n  - {id: a, title: a, notice: hi, when: "
                + "[".repeat(600) + "]".repeat(600) + "}\n");

        Cli.Result r = new Cli(state).run("-i", "examples/inventory.yaml", "--runbooks", state.resolve("rb").toString(),
                "-n", "run", "t/deep");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains(file + ":4:").contains("nested more than 64 levels deep")
                .doesNotContain("StackOverflowError");
    }
}
