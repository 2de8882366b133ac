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
}
