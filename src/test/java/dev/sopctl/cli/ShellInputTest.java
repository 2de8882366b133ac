package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sopctl process whose standard input is a pipe or closed: the shell refuses to start, so
 * nothing piped in is taken for a command or a confirmation, and nothing else is read as input.
 */
class ShellInputTest {
    @TempDir
    Path state;

    private record Ended(int exit, String output) {}

    private Ended sopctlShell(String redirection) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String command = "\"$0\" -Xmx64m -cp \"$1\" " + Main.class.getName() + " -i examples/inventory.yaml shell "
                + redirection;
        Process child = new ProcessBuilder("sh", "-c", command, java.toString(), System.getProperty("java.class.path"))
                .redirectErrorStream(true).start();
        child.getOutputStream().close();
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the shell ended by itself").isTrue();
            return new Ended(child.exitValue(), new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    @Timeout(120)
    void linesPipedIntoTheShellAreNeitherCommandsNorConfirmations() throws Exception {
        Path victim = Files.writeString(state.resolve("victim"), "keep me");
        Path script = Files.writeString(state.resolve("typed"), String.join("\n", List.of(
                "--yes exec --on node1 -- rm " + victim, "y", "")));

        Ended r = sopctlShell("< " + script);

        assertThat(r.exit()).as(r.output()).isEqualTo(ExitCode.USAGE);
        assertThat(r.output()).contains("sopctl shell needs a terminal");
        assertThat(victim).hasContent("keep me");
    }

    @Test
    @Timeout(120)
    void withStandardInputClosedTheShellEndsAtOnceReadingNothing() throws Exception {
        Ended r = sopctlShell("<&-");

        assertThat(r.exit()).as(r.output()).isEqualTo(ExitCode.USAGE);
        assertThat(r.output()).contains("sopctl shell needs a terminal").doesNotContain("Unknown").doesNotContain("sopctl>");
    }
}
