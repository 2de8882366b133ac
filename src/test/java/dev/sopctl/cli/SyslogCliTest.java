package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.audit.DatagramReceiver;
import dev.sopctl.testing.ScriptedTransport;
import dev.sopctl.testing.ScriptedTransport.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --syslog: the audit lines arrive at a real Unix datagram socket, as at /dev/log. */
class SyslogCliTest {
    private static final String INV = "examples/inventory.yaml";

    @TempDir
    Path state;
    @TempDir
    Path runbooks;
    private Cli cli;
    private ScriptedTransport node1;

    @BeforeEach
    void aNode() throws Exception {
        Files.createDirectories(runbooks.resolve("test"));
        Files.copy(Path.of("src/test/resources/runbooks/test/resume-count.yaml"), runbooks.resolve("test/resume-count.yaml"));
        cli = new Cli(state);
        node1 = new ScriptedTransport()
                .on("node1", "^hostname$", Reply.ok("node1\n"))
                .on("node1", "^echo ", Reply.ok(""))
                .on("node1", "^ping ", Reply.ok(""));
        cli.transport = node1;
    }

    private Cli.Result run(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("-i", INV, "--runbooks", runbooks.toString(), "--yes",
                "--reason", "audit me", "run", "test/resume-count", "-p", "node=node1"));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void aRunSendsItsStartEachChangeAndItsEnd() throws Exception {
        Path socket = state.resolve("log.sock");
        cli.env.put("SOPCTL_SYSLOG_SOCKET", socket.toString());
        try (DatagramReceiver syslog = new DatagramReceiver(socket)) {
            Cli.Result r = run("--syslog");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.OK);
            List<String> lines = syslog.await(4);
            assertThat(lines).hasSize(4);
            String pid = "sopctl[" + ProcessHandle.current().pid() + "]: ";
            assertThat(lines.get(0)).startsWith("<13>").contains(pid + "run-start run=")
                    .contains("operator=tester@testhost runbook=test/resume-count params=\"{node=node1}\" reason=\"audit me\"");
            assertThat(lines.get(1)).startsWith("<13>").contains(pid + "change run=").contains("step=first host=node1 outcome=ok exit=0");
            assertThat(lines.get(2)).contains("step=second host=node1 outcome=ok");
            assertThat(lines.get(3)).startsWith("<13>").contains("run-end run=").contains("outcome=ok exit=0");
            String run = lines.get(0).replaceAll(".*run-start run=(\\S+).*", "$1");
            assertThat(lines).allSatisfy(l -> assertThat(l).contains("run=" + run + " "));
        }
    }

    @Test
    void aFailureIsAWarningAndSopctlSyslogInTheEnvironmentTurnsItOn() throws Exception {
        Path socket = state.resolve("log.sock");
        cli.env.put("SOPCTL_SYSLOG_SOCKET", socket.toString());
        cli.env.put("SOPCTL_SYSLOG", "1");
        node1.on("node1", "^echo second", Reply.exit(1, "", "disk full\n"));
        try (DatagramReceiver syslog = new DatagramReceiver(socket)) {
            Cli.Result r = run();

            assertThat(r.exit()).isEqualTo(ExitCode.CRITICAL);
            List<String> lines = syslog.await(4);
            assertThat(lines.get(2)).startsWith("<12>").contains("step=second host=node1 outcome=failed exit=1")
                    .contains("message=\"'echo second >> /tmp/resume-count' exited with status 1: disk full\"");
            assertThat(lines.get(3)).startsWith("<12>").contains("run-end").contains("outcome=failed exit=2")
                    .contains("still_changed=\"{node1=[first]}\"");
        }
    }

    @Test
    void withoutASyslogSocketNothingRunsAndTheOptionIsNamed() {
        cli.env.put("SOPCTL_SYSLOG_SOCKET", state.resolve("no-such.sock").toString());

        Cli.Result r = run("--syslog");

        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--syslog: there is no syslog socket " + state.resolve("no-such.sock"));
        assertThat(cli.transportsOpened.get()).isZero();
    }

    @Test
    void aDryRunSendsNothingAndNeedsNoSocket() {
        cli.env.put("SOPCTL_SYSLOG_SOCKET", state.resolve("no-such.sock").toString());
        assertThat(run("--syslog", "--dry-run").exit()).isEqualTo(ExitCode.OK);
    }
}
