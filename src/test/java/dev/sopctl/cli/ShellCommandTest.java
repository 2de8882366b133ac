package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.testing.FakePvdiNode;
import dev.sopctl.testing.FakeTicker;
import dev.sopctl.testing.ScriptedTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell on a dumb terminal fed with typed lines. */
class ShellCommandTest {
    @TempDir
    Path state;

    private String session(ScriptedTransport transport, String typed) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        TypedKeys keys = new TypedKeys(typed);
        try (Terminal terminal = new DumbTerminal(keys, screen)) {
            CliContext context = new CliContext(Map.of("XDG_STATE_HOME", state.toString()), Path.of(""), "t@shell",
                    null, (inventory, options) -> transport, new FakeTicker(), Clock.systemUTC());
            int last = ShellCommand.loop(context, terminal, List.of("-i", "examples/inventory.yaml"));
            terminal.writer().println("[last exit " + last + "]");
            terminal.flush();
        } finally {
            keys.release();
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void errorsPrintAndTheShellGoesOnWithTheStickyInventory() throws IOException {
        String screen = session(null, "inventory list\nnode shutdown nod1 --dry-run\nnode shutdown node1 -n\nexit\n");

        assertThat(screen).contains("bastion").contains("did you mean 'node1'").contains("(exit 65)")
                .contains("Plan: pvdi/node-shutdown").contains("[last exit 0]");
    }

    @Test
    void destructiveStepsAreConfirmedThroughTheShellPrompt() throws IOException {
        FakePvdiNode node = new FakePvdiNode("node1", true, "mastervm01");
        ScriptedTransport transport = node.install(new ScriptedTransport());

        String screen = session(transport, "node shutdown node1\nnode1\ny\nexit\n");

        assertThat(screen).contains("[node1] $ xl shutdown mastervm01").contains("confirmation: typed-ok")
                .contains("confirmation: yes").contains("[last exit " + ExitCode.OK + "]");
        assertThat(node.domains()).contains("mastervm01");
        assertThat(transport.commandsOn("node1")).contains("reboot");
    }

    @Test
    void typedLinesAreKeptForTheNextSessionButNotThoseWithALeadingSpace() throws IOException {
        session(new ScriptedTransport(), "runbooks list\n inventory list\nexit\n");

        Path history = state.resolve("sopctl/history");
        assertThat(Files.readString(history)).contains("runbooks list").doesNotContain("inventory list");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history))).isEqualTo("rw-------");

        // the next session finds it: !run (as in bash) runs the last line that began with "run" again
        String screen = session(new ScriptedTransport(), "!run\nexit\n");
        assertThat(screen).contains("pvdi/node-shutdown");
    }

    @Test
    void answersTypedAtConfirmationsStayOutOfTheHistory() throws IOException {
        FakePvdiNode node = new FakePvdiNode("node1", true, "mastervm01");
        ScriptedTransport transport = node.install(new ScriptedTransport());

        session(transport, "node shutdown node1\nnode1\nn\nexit\n");

        List<String> kept = Files.readAllLines(state.resolve("sopctl/history")).stream()
                .map(l -> l.replaceFirst("^\\d+:", "")).toList();
        assertThat(kept).anyMatch(l -> l.endsWith("node shutdown node1"))
                .noneMatch(l -> l.equals("node1") || l.equals("n"));
    }

    @Test
    void shellTypedInsideTheShellIsRefusedAndTheShellGoesOn() throws IOException {
        String screen = session(null, "shell\n--yes shell\nrunbooks list\nexit\n");

        assertThat(screen).contains("in the sopctl shell already").contains("pvdi/node-shutdown")
                .doesNotContain("sopctl shell needs a terminal").contains("[last exit 0]");
    }

    @Test
    void withoutATerminalTheShellDoesNotStart() {
        Cli.Result r = new Cli(state).run("-i", "examples/inventory.yaml", "shell");

        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("sopctl shell needs a terminal");
    }
}
