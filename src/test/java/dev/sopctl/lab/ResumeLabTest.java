package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sopctl resume on real OpenSSH: a run stopped by a lab fault after its first change, the fault
 * fixed, the run resumed: it finishes, and each change ran exactly once on the node (counted there).
 */
@Lab("healthy")
class ResumeLabTest {
    private static final String RUNBOOKS = Path.of("src/test/resources/runbooks").toAbsolutePath().toString();

    @TempDir
    Path state;

    @Test
    void aRunStoppedByAFaultResumesAfterTheFixWithoutRepeatingItsChange(LabEstate lab) throws Exception {
        LabCli cli = new LabCli(lab, state);
        lab.exec("node1", "rm -f /tmp/resume-count");
        lab.fault("node1", "gateway-unreachable");
        String first;
        try {
            LabCli.Result failed = cli.run("--runbooks", RUNBOOKS, "--yes", "run", "test/resume-count", "-p", "node=node1");
            assertThat(failed.exit()).as(failed.all()).isEqualTo(ExitCode.CRITICAL);
            assertThat(failed.all()).contains("step 'gateway' failed on node1");
            first = runId(failed);
            assertThat(lab.exec("node1", "cat /tmp/resume-count")).isEqualTo("first\n");
        } finally {
            lab.fault("node1", "gateway-reachable");
        }

        LabCli.Result resumed = cli.run("--yes", "resume", first);

        assertThat(resumed.exit()).as(resumed.all()).isEqualTo(ExitCode.OK);
        assertThat(resumed.all()).contains("not repeated: first on node1");
        assertThat(lab.exec("node1", "cat /tmp/resume-count")).as("each change ran once").isEqualTo("first\nsecond\n");
        assertThat(lab.exec("node1", "ls /run/sopctl/lock 2>&1")).as("the lock is released").contains("No such file");

        LabCli.Result again = cli.run("--yes", "resume", runId(resumed));
        assertThat(again.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(again.all()).contains("finished (ok): there is nothing to resume");
    }

    private static String runId(LabCli.Result r) {
        Matcher m = Pattern.compile("sopctl transcript show (\\S+)\\)").matcher(r.all());
        assertThat(m.find()).as(r.all()).isTrue();
        return m.group(1);
    }
}
