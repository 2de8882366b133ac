package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.testing.ScriptedTransport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sopctl exec} runs at once only a known read-only probe; anything else is confirmed with
 * the exact command and hosts, or {@code --yes}, and without a terminal stops before running (exit 5).
 */
class ExecConfirmationTest {
    private static final String INV = "examples/inventory.yaml";

    @TempDir
    Path state;

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"$(echo reboot)", "\\rm -rf /tmp/x", "eval \"rm /tmp/x\"", "sh -c 'rm /tmp/x'",
        "bash <<EOF\nrm /tmp/x\nEOF\n", "uptime; `echo halt`", "hostnamectl set-hostname x"})
    void withoutATerminalAndWithoutYesNothingRuns(String command) {
        Cli cli = new Cli(state);
        cli.transport = new ScriptedTransport();

        Cli.Result r = cli.run("-i", INV, "exec", "--on", "node1,node2", "--", command);

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(cli.transport.log()).isEmpty();
        assertThat(r.all()).contains("--yes");
    }

    @Test
    void theConfirmationShowsTheExactCommandOnEveryHostAndWhy() {
        Cli cli = new Cli(state).typing("n");
        cli.transport = new ScriptedTransport();

        Cli.Result r = cli.run("-i", INV, "exec", "--on", "node1,node2", "--", "$(echo reboot)");

        assertThat(r.exit()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(cli.terminalOut.toString()).contains("[node1] $ $(echo reboot)").contains("[node2] $ $(echo reboot)")
                .contains("command substitution").contains("Go ahead? [y/N]");
        assertThat(cli.transport.log()).isEmpty();
    }

    @Test
    void approvedOrWithYesItRuns() {
        Cli cli = new Cli(state).typing("y");
        cli.transport = new ScriptedTransport().on("node1", "^eval", ScriptedTransport.Reply.ok(""));

        assertThat(cli.run("-i", INV, "exec", "--on", "node1", "--", "eval \"rm /tmp/x\"").exit()).isZero();

        Cli batch = new Cli(state);
        batch.transport = new ScriptedTransport().on("node1", "^\\\\rm", ScriptedTransport.Reply.ok(""));
        assertThat(batch.run("-i", INV, "--yes", "exec", "--on", "node1", "--", "\\rm /tmp/x").exit()).isZero();
        assertThat(batch.transport.commandsOn("node1")).containsExactly("\\rm /tmp/x");
    }

    @Test
    void aReadOnlyProbeRunsAtOnceWithoutATerminal() {
        Cli cli = new Cli(state);
        cli.transport = new ScriptedTransport().on("node1", "^cat /proc/drbd \\| grep cs:$", ScriptedTransport.Reply.ok("cs:Connected\n"));

        Cli.Result r = cli.run("-i", INV, "exec", "--on", "node1", "--", "cat /proc/drbd | grep cs:");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("cs:Connected");
    }
}
