package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sopctl.ExitCode;
import dev.sopctl.testing.ScriptedTransport;
import dev.sopctl.testing.TinyTmpfs;
import dev.sopctl.transcript.TranscriptLoopMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --transcript FILE}: what sopctl refuses to write to, and a transcript that cannot be written. */
class TranscriptFileCliTest {
    private static final String INV = "examples/inventory.yaml";

    @TempDir
    Path state;

    private Path runbooks() throws IOException {
        Path rb = Files.createDirectories(state.resolve("rb/t"));
        Files.writeString(rb.resolve("fill.yaml"), """
                name: t/fill
                title: a probe with a large output, then a change
                steps:
                  - {id: look, title: look, on: node1, run: "cat /var/log/big"}
                  - {id: change, title: change, on: node1, kind: change, run: "touch /tmp/changed"}
                """);
        return state.resolve("rb");
    }

    @Test
    void aTranscriptThatCannotBeWrittenStopsTheRunBeforeTheChange() throws Exception {
        try (TinyTmpfs small = TinyTmpfs.mount(state.resolve("small"), 16)) {
            assumeTrue(small != null, "needs root to mount a 16 KiB tmpfs");
            Cli cli = new Cli(state);
            cli.transport = new ScriptedTransport()
                    .on("node1", "^cat /var/log/big$", ScriptedTransport.Reply.ok(("x".repeat(99) + "\n").repeat(400)))
                    .on("node1", "^touch", ScriptedTransport.Reply.ok(""));

            Cli.Result r = cli.run("-i", INV, "--runbooks", runbooks().toString(), "-y", "--transcript",
                    small.dir().resolve("run.jsonl").toString(), "run", "t/fill");

            assertThat(cli.transport.log()).as(r.all()).noneMatch(c -> c.contains("touch"));
            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.UNKNOWN);
            assertThat(r.err()).contains("cannot write transcript " + small.dir().resolve("run.jsonl"))
                    .contains("No space left on device");
        }
    }

    @Test
    void aDeviceIsNotATranscript() {
        Cli.Result r = new Cli(state).run("-i", INV, "-n", "--transcript", "/dev/full", "node", "shutdown", "node1");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("transcript /dev/full is not a regular file");
    }

    @Test
    void aSymbolicLinkIsNotFollowed() throws IOException {
        Path victim = Files.writeString(state.resolve("authorized_keys"), "ssh-ed25519 AAAA... ops\n");
        Path link = Files.createSymbolicLink(state.resolve("t.jsonl"), victim);

        Cli.Result r = new Cli(state).run("-i", INV, "-n", "--transcript", link.toString(), "node", "shutdown", "node1");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("transcript " + link + " is a symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("ssh-ed25519 AAAA... ops\n");
    }

    @Test
    void anExistingFileThatIsNotATranscriptIsLeftAlone() throws IOException {
        Path other = Files.writeString(state.resolve("notes.txt"), "my notes\n");

        Cli.Result r = new Cli(state).run("-i", INV, "-n", "--transcript", other.toString(), "node", "shutdown", "node1");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("exists and is not a sopctl transcript");
        assertThat(Files.readString(other)).isEqualTo("my notes\n");
    }

    @Test
    void aSecondRunOnATranscriptInUseIsRefusedNamingTheHolder() throws Exception {
        Path file = state.resolve("shared.jsonl");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                TranscriptLoopMain.class.getName(), file.toString(), "20261123-142501-abcdef")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("started");

            Cli.Result r = new Cli(state).run("-i", INV, "-n", "--transcript", file.toString(), "node", "shutdown", "node1");

            assertThat(r.exit()).isEqualTo(ExitCode.LOCKED);
            assertThat(r.err()).contains("is being written by another run (run 20261123-142501-abcdef by test@child since ");
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(file)).doesNotContain("node-shutdown");
    }
}
