package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.testing.ScriptedTransport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values typed on the command line are checked before anything connects, with the exit code of DESIGN §4. */
class InputValidationCliTest {
    private static final String INV = "examples/inventory.yaml";

    @TempDir
    Path state;

    private Cli cli() {
        Cli cli = new Cli(state);
        cli.transport = new ScriptedTransport().on("node1", ".*", ScriptedTransport.Reply.ok("ok\n"));
        return cli;
    }

    @Test
    void execAsAUserNameThatSuWouldReadAsAnOptionIsRefused() {
        Cli cli = cli();

        Cli.Result r = cli.run("-i", INV, "-y", "exec", "--on", "node1", "--as=-s/tmp/evil.sh", "--", "id");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("--as: '-s/tmp/evil.sh' is not a user name");
        assertThat(cli.transport.log()).isEmpty();
        assertThat(cli.run("-i", INV, "-y", "exec", "--on", "node1", "--as", "orchard", "--", "id").exit()).isZero();
    }

    @Test
    void parallelBelowOneIsAUsageError() {
        for (String n : new String[] {"0", "-3"}) {
            Cli.Result r = cli().run("-i", INV, "--parallel", n, "-n", "node", "shutdown", "node1");

            assertThat(r.exit()).as(n).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("--parallel must be 1 or more, found " + n);
        }
        assertThat(cli().run("-i", INV, "--parallel", "1", "-n", "node", "shutdown", "node1").exit()).isZero();
    }

    @Test
    void aParameterGivenTwiceIsAUsageErrorNamingIt() {
        Cli.Result r = cli().run("-i", INV, "-n", "run", "pvdi/node-shutdown", "-p", "node=node1", "-p", "node=node2");

        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("-p node is given twice ('node1' and 'node2')");
        Cli.Result noEquals = cli().run("-i", INV, "-n", "run", "pvdi/node-shutdown", "-p", "node1");
        assertThat(noEquals.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noEquals.err()).contains("-p 'node1': write NAME=VALUE");
    }

    @Test
    void aBadOptionValueIsAnInvalidValueNamingTheParameterWhateverItsShape() {
        for (String memory : new String[] {"4096; id", "-5", "lots"}) {
            Cli.Result r = cli().run("-i", INV, "-n", "vm", "diagnose-start", "node1", "--memory=" + memory);

            assertThat(r.exit()).as(memory).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(r.err()).as(memory).contains("parameter 'memory'");
        }
    }

    @Test
    void anExpressionThatCannotBeEvaluatedWithTheGivenValuesIsAnInvalidValue() throws java.io.IOException {
        java.nio.file.Path rb = java.nio.file.Files.createDirectories(state.resolve("rb/t"));
        java.nio.file.Files.writeString(rb.resolve("div.yaml"), """
                name: t/div
                title: divide
                params: {parts: {type: int}}
                steps:
                  - {id: look, title: look, on: node1, when: "100 / parts > 1", run: "uptime"}
                """);

        Cli.Result r = cli().run("-i", INV, "--runbooks", state.resolve("rb").toString(), "-n", "run", "t/div",
                "-p", "parts=0");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("div.yaml:5:");
    }
}
