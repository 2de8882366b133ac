package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.testing.ScriptedTransport;
import dev.sopctl.transcript.TranscriptReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escape sequences from remote output, parameters and commands reach the terminal as visible text
 * (no cursor moves, no screen clears, no redrawn confirmation); the transcript keeps them exact.
 */
class TerminalTextTest {
    private static final String CLEAR_AND_HOME = "\u001b[2J\u001b[H";
    private static final String TITLE = "\u001b]0;pwned\u0007";

    @TempDir
    Path state;

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertThat(TerminalText.visible("a\u001b[31mb\rc\u0008d\u007fe\u009bf\u202eg\th\n"))
                .isEqualTo("a\\e[31mb\\rc^Hd^?e<U+009B>f<U+202E>g\th\n");
        assertThat(TerminalText.visible("plain ünïcödé — ok")).isEqualTo("plain ünïcödé — ok");
        assertThat(TerminalText.visible(Map.of("lines", List.of("x\u001by")))).containsEntry("lines", List.of("x\\ey"));

        StringWriter out = new StringWriter();
        TerminalText.print(new PrintWriter(out), w -> w.println("one\u001b[Ktwo"));
        assertThat(out.toString()).isEqualTo("one\\e[Ktwo" + System.lineSeparator());
    }

    @Test
    void remoteOutputIsShownVisiblyAndKeptExactInTheTranscript() throws IOException {
        Cli cli = new Cli(state);
        cli.transport = new ScriptedTransport().on("node1", "^cat /etc/motd$",
                ScriptedTransport.Reply.ok("hello" + CLEAR_AND_HOME + TITLE + "\rforged line\n"));
        Cli.Result r = cli.run("-i", "examples/inventory.yaml", "exec", "--on", "node1", "--", "cat /etc/motd");
        Path transcript;
        try (var files = java.nio.file.Files.list(state.resolve("sopctl/transcripts"))) {
            transcript = files.filter(f -> f.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }

        assertThat(r.exit()).isZero();
        assertThat(r.all()).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u0007")
                .contains("hello\\e[2J\\e[H\\e]0;pwned^G\\rforged line");
        assertThat(TranscriptReader.read(transcript)).anySatisfy(e -> assertThat(String.valueOf(e.get("line")))
                .isEqualTo("hello" + CLEAR_AND_HOME + TITLE));
        assertThat(cli.run("transcript", "show").out()).doesNotContain("\u001b").contains("\\e[2J");
    }

    @Test
    void aConfirmationCannotBeRedrawnByTheCommandItShows() {
        Cli cli = new Cli(state).typing("n");
        cli.transport = new ScriptedTransport();
        String forged = "reboot #" + CLEAR_AND_HOME + "\r  This will run:\n    [node1] $ uptime";

        Cli.Result r = cli.run("-i", "examples/inventory.yaml", "exec", "--on", "node1", "--", forged);

        assertThat(r.exit()).isEqualTo(ExitCode.NOT_DONE);
        String screen = cli.terminalOut.toString();
        assertThat(screen).doesNotContain("\u001b").doesNotContain("\r")
                .contains("[node1] $ reboot #\\e[2J\\e[H\\r  This will run:");
        assertThat(cli.transport.log()).isEmpty();
    }

    @Test
    void theDryRunPlanAndErrorsShowParameterValuesVisibly() {
        Cli cli = new Cli(state);

        Cli.Result plan = cli.run("-i", "examples/inventory.yaml", "-n", "exec", "--on", "node1", "--", "echo " + TITLE);
        Cli.Result error = cli.run("-i", "examples/inventory.yaml", "node", "shutdown", "node1" + CLEAR_AND_HOME, "-n");

        assertThat(plan.all()).doesNotContain("\u001b").contains("echo \\e]0;pwned^G");
        assertThat(error.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(error.all()).doesNotContain("\u001b").contains("node1\\e[2J");
    }

    @Test
    void inventoryAndRunbookTextsAreShownVisibly() throws IOException {
        Path inventory = java.nio.file.Files.writeString(state.resolve("inv.yaml"),
                "hosts:\n  node1: {address: 10.0.0.1, role: node, vars: {note: \"\\e]0;pwned\\a\\e[2J\"}}\n");
        Path runbooks = java.nio.file.Files.createDirectories(state.resolve("rb/x"));
        java.nio.file.Files.writeString(runbooks.resolve("probe.yaml"), "name: x/probe\ntitle: \"look \\e[2J here\"\n"
                + "steps:\n  - id: a\n    title: a\n    on: all\n    run: uptime\n");
        Cli cli = new Cli(state);

        Cli.Result list = cli.run("-i", inventory.toString(), "inventory", "list", "-v");
        Cli.Result books = cli.run("--runbooks", state.resolve("rb").toString(), "runbooks", "list");

        assertThat(list.exit()).as(list.all()).isZero();
        assertThat(list.all()).doesNotContain("\u001b");
        assertThat(books.exit()).as(books.all()).isZero();
        assertThat(books.all()).doesNotContain("\u001b").contains("look \\e[2J here");
    }
}
