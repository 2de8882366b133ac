package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.testing.ScriptedTransport;
import dev.sopctl.testing.ScriptedTransport.Reply;
import dev.sopctl.transcript.TranscriptReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sopctl resume against a scripted node: what it repeats, what it does not, and what it refuses. */
class ResumeCliTest {
    private static final String INV = "examples/inventory.yaml";
    private static final Pattern RUN_ID = Pattern.compile("sopctl transcript show (\\S+)\\)");

    @TempDir
    Path state;
    @TempDir
    Path runbooks;
    private Cli cli;
    private ScriptedTransport node1;

    @BeforeEach
    void aNodeWhoseGatewayIsDown() throws Exception {
        Files.createDirectories(runbooks.resolve("test"));
        Files.copy(Path.of("src/test/resources/runbooks/test/resume-count.yaml"), runbooks.resolve("test/resume-count.yaml"));
        cli = new Cli(state);
        node1 = new ScriptedTransport()
                .on("node1", "^hostname$", Reply.ok("node1\n"))
                .on("node1", "^echo first", Reply.ok(""))
                .on("node1", "^echo second", Reply.ok(""))
                .on("node1", "^ping ", Reply.exit(1, "1 packets transmitted, 0 received, 100% packet loss\n", ""));
        cli.transport = node1;
    }

    private Cli.Result start() {
        return cli.run("-i", INV, "--runbooks", runbooks.toString(), "--yes", "--reason", "first try", "run",
                "test/resume-count", "-p", "node=node1");
    }

    private static String runId(Cli.Result r) {
        Matcher m = RUN_ID.matcher(r.all());
        assertThat(m.find()).as(r.all()).isTrue();
        return m.group(1);
    }

    private long count(String command) {
        return node1.commandsOn("node1").stream().filter(c -> c.startsWith(command)).count();
    }

    @Test
    void aFailedRunResumesAtTheFailedStepWithoutRepeatingItsChangeAndLinksToIt() throws Exception {
        Cli.Result failed = start();
        assertThat(failed.exit()).as(failed.all()).isEqualTo(ExitCode.CRITICAL);
        String first = runId(failed);
        node1.on("node1", "^ping ", Reply.ok("1 packets transmitted, 1 received, 0% packet loss\n"));

        Cli.Result resumed = cli.run("--yes", "resume", first);

        assertThat(resumed.exit()).as(resumed.all()).isEqualTo(ExitCode.OK);
        assertThat(resumed.out()).contains("Resuming run " + first + " (failed) of test/resume-count; not repeated: first on node1");
        assertThat(count("echo first")).isEqualTo(1);
        assertThat(count("echo second")).isEqualTo(1);
        assertThat(count("hostname")).as("probes run again").isEqualTo(2);
        assertThat(count("ping")).isEqualTo(2);
        List<Map<String, Object>> events = TranscriptReader.read(
                state.resolve("sopctl/transcripts/" + runId(resumed) + ".jsonl"));
        Map<String, Object> runStart = events.get(0);
        assertThat(runStart).containsEntry("resumes", first).containsEntry("runbook", "test/resume-count")
                .containsEntry("reason", "resume of " + first + " (first try)");
        assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("type", "step-end").containsEntry("step", "first")
                .containsEntry("outcome", "done-earlier"));
    }

    @Test
    void aResumedRunThatStopsAgainCanBeResumedInTurn() {
        String first = runId(start());
        String second = runId(cli.run("--yes", "resume", first));
        node1.on("node1", "^ping ", Reply.ok("1 packets transmitted, 1 received, 0% packet loss\n"));

        Cli.Result third = cli.run("--yes", "resume", second);

        assertThat(third.exit()).as(third.all()).isEqualTo(ExitCode.OK);
        assertThat(count("echo first")).isEqualTo(1);
        assertThat(count("echo second")).isEqualTo(1);
    }

    @Test
    void aRunThatFinishedIsNotResumed() {
        node1.on("node1", "^ping ", Reply.ok(""));
        String done = runId(start());

        Cli.Result r = cli.run("--yes", "resume", done);

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("run " + done + " finished (ok): there is nothing to resume");
    }

    @Test
    void anUnknownRunIsRefused() {
        Cli.Result r = cli.run("resume", "20990101-000000-abcdef");
        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("no transcript matches '20990101-000000-abcdef'");
    }

    @Test
    void aTranscriptThatFailsVerificationIsRefused() throws Exception {
        String first = runId(start());
        Path file = state.resolve("sopctl/transcripts/" + first + ".jsonl");
        Files.writeString(file, Files.readString(file).replace("\"first try\"", "\"second thoughts\""));

        Cli.Result r = cli.run("--yes", "resume", first);

        assertThat(r.exit()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.err()).contains("the transcript fails verification");
        assertThat(count("echo first")).isEqualTo(1);
    }

    @Test
    void aRunbookChangedSinceIsRefused() throws Exception {
        String first = runId(start());
        Path rb = runbooks.resolve("test/resume-count.yaml");
        Files.writeString(rb, Files.readString(rb).replace("First change (counted)", "First change"));

        Cli.Result r = cli.run("--yes", "resume", first);

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("runbook test/resume-count has changed since run " + first).contains("resume refused");
    }

    @Test
    void aDryRunIsNotResumed() {
        Cli.Result dry = cli.run("-i", INV, "--runbooks", runbooks.toString(), "--dry-run", "run", "test/resume-count",
                "-p", "node=node1");
        Matcher m = Pattern.compile("Transcript: (\\S+)").matcher(dry.out());
        assertThat(m.find()).as(dry.all()).isTrue();

        Cli.Result r = cli.run("--yes", "resume", m.group(1));

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("was a dry-run: it changed nothing");
    }
}
