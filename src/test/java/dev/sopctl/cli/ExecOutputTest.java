package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.testing.ScriptedTransport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sopctl exec} text output: every host's group first, then one summary naming every failed host. */
class ExecOutputTest {
    @TempDir
    Path state;

    @Test
    void groupedOutputComesFirstAndTheSummaryNamesEveryFailedHost() {
        Cli cli = new Cli(state);
        cli.transport = new ScriptedTransport()
                .on("node1", "^ls /data$", ScriptedTransport.Reply.exit(2, "", "ls: cannot access '/data': No such file\n"))
                .on("node2", "^ls /data$", ScriptedTransport.Reply.ok("gvm\n"))
                .on("node3", "^ls /data$", ScriptedTransport.Reply.exit(1, "", "ls: /data: Permission denied\n"));

        Cli.Result r = cli.run("-i", "examples/inventory.yaml", "exec", "--on", "node1,node2,node3", "--", "ls /data");

        assertThat(r.exit()).isEqualTo(ExitCode.CRITICAL);
        String out = r.out();
        int firstGroup = out.indexOf("── ");
        assertThat(firstGroup).isNotNegative();
        assertThat(out.substring(0, firstGroup)).as("nothing about hosts before the grouped output").doesNotContain("node");
        assertThat(out).contains("── node1 · exit 2").contains("No such file").contains("── node2 · exit 0")
                .contains("── node3 · exit 1");
        String summary = out.substring(out.lastIndexOf("── "));
        assertThat(summary).contains("FAILED").contains("FAILED: failed on 2 of 3 hosts: node1 (exit 2), node3 (exit 1)");
    }

    @Test
    void anUnreachableHostIsNamedWithTheOthers() {
        Cli cli = new Cli(state);
        cli.transport = new ScriptedTransport()
                .on("node1", "^uptime$", ScriptedTransport.Reply.ok(" 10:00 up 3 days\n"))
                .on("node2", "^uptime$", ScriptedTransport.Reply.fail(dev.sopctl.transport.TransportException.Kind.UNREACHABLE));

        Cli.Result r = cli.run("-i", "examples/inventory.yaml", "exec", "--on", "node1,node2", "--", "uptime");

        assertThat(r.out()).contains("── node1 · exit 0").contains("── node2 · ")
                .contains("on 1 of 2 hosts: node2 (unreachable)");
        assertThat(r.out().indexOf("unreachable (scripted)")).isGreaterThan(r.out().indexOf("── node2"));
    }
}
