package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.notice;
import static dev.sopctl.engine.RunResults.on;
import static dev.sopctl.testing.PvdiSamples.MOUNT;
import static dev.sopctl.testing.PvdiSamples.XL_INFO;
import static dev.sopctl.testing.PvdiSamples.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import dev.sopctl.transport.TransportException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * pvdi/vm-start on a scripted node1 (xl info: 18233 MiB free of 65442): the SOP's three checks all
 * run, and the verdict names the cause or says none was found. It only reads: it has no fix.
 */
class PvdiVmStartRunbookTest {
    private static final Runbook RUNBOOK = EngineHarness.packaged("pvdi/vm-start");

    private static final String NOT_MOUNTED = without(MOUNT, " on /data ");

    private final EngineHarness h = new EngineHarness();

    @BeforeEach
    void healthyNode() {
        h.confirmer = request -> {
            throw new AssertionError("vm-start changes nothing and asks nothing");
        };
        h.transport.on("node1", "^uptime$", Reply.ok(" 10:15:01 up 3 days,  2:04,  1 user,  load average: 0.08, 0.03, 0.01\n"));
        h.transport.on("node1", "^xl info$", Reply.ok(XL_INFO));
        h.transport.on("node1", "^mount$", Reply.ok(MOUNT));
    }

    @Test
    void aVmThatFitsOnAHealthyNodeGetsNoCause() {
        RunResult r = h.run(RUNBOOK, Map.of("node", "node1", "memory", "2048"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).containsExactly("uptime", "xl info", "mount");
        assertThat(notice(r, "verdict-none")).isEqualTo("""
                Verdict: no cause found on node1: it answers, Xen has 18233 MiB free
                (the VM needs 2048 MiB; 0 = not given) and /data is mounted (ocfs2).
                Look at the VM's own error in the admin page and in /var/log/xen/ on node1 (xl-NAME.log, qemu-dm-NAME.log).
                """);
        assertThat(notice(r, "verdict-memory")).isNull();
        assertThat(notice(r, "verdict-data")).isNull();
    }

    @Test
    void withoutAMemorySizeTheFreeMemoryIsOnlyReported() {
        RunResult r = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(notice(r, "verdict-none")).contains("Xen has 18233 MiB free\n(the VM needs 0 MiB; 0 = not given)");
    }

    @Test
    void tooLittleFreeMemoryIsTheVerdict() {
        RunResult r = h.run(RUNBOOK, Map.of("node", "node1", "memory", "20000"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-free-memory", "node1")).satisfies(x -> {
            assertThat(x.outcome().id()).isEqualTo("guard-failed");
            assertThat(x.message()).isEqualTo("node1 has 18233 MiB free for guests, the VM needs 20000 MiB");
            assertThat(x.hint()).isEqualTo("stop VMs on node1 from the admin page or start this VM on a node with more free memory");
        });
        // every check runs
        assertThat(h.commands("node1")).containsExactly("uptime", "xl info", "mount");
        assertThat(notice(r, "verdict-memory")).isEqualTo("""
                Verdict: the VM cannot start on node1: Xen has only 18233 MiB free (of 65442 MiB), the VM needs 20000 MiB (SOP step 2).
                """);
        assertThat(notice(r, "verdict-data")).isNull();
        assertThat(notice(r, "verdict-none")).isNull();
    }

    @Test
    void anUnmountedDataIsTheVerdict() {
        h.transport.on("node1", "^mount$", Reply.ok(NOT_MOUNTED));

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1", "memory", "2048"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-data-mounted", "node1")).satisfies(x -> {
            assertThat(x.message()).isEqualTo("/data is not mounted on node1: the VMs' disks and cfg files are not there");
            assertThat(x.hint()).isEqualTo("'sopctl storage check node1' (o2cb, the SAN path) and 'mount /data'");
        });
        assertThat(notice(r, "verdict-data")).isEqualTo("""
                Verdict: the VM cannot start on node1 because /data is not mounted: its disk and cfg
                file are not there (SOP step 3). Check the storage with 'sopctl storage check node1'.
                """);
        assertThat(notice(r, "verdict-memory")).isNull();
        assertThat(notice(r, "verdict-none")).isNull();
    }

    @Test
    void bothCausesAreGivenAsVerdicts() {
        h.transport.on("node1", "^mount$", Reply.ok(NOT_MOUNTED));

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1", "memory", "20000"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(notice(r, "verdict-memory")).startsWith("Verdict: the VM cannot start on node1: Xen has only");
        assertThat(notice(r, "verdict-data")).startsWith("Verdict: the VM cannot start on node1 because /data is not mounted");
        assertThat(notice(r, "verdict-none")).isNull();
    }

    @Test
    void anUnreachableNodeIsUnknownAndNothingElseRuns() {
        h.transport.on("node1", "^uptime$", Reply.fail(TransportException.Kind.UNREACHABLE));

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1", "memory", "2048"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(r.outcome().id()).isEqualTo("unreachable");
        assertThat(h.commands("node1")).containsExactly("uptime");
        assertThat(r.steps()).extracting(StepResult::stepId).containsExactly("check-node-alive");
    }

    @Test
    void xlInfoFailingLeavesTheMemoryVerdictOutAndTheOthersRun() {
        h.transport.on("node1", "^xl info$", Reply.exit(1, "", "xencall: error: Could not obtain handle on privileged command"
                + " interface: No such file or directory\n"));

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1", "memory", "2048"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-free-memory", "node1").message()).isEqualTo("'xl info' exited with status 1: xencall: error:"
                + " Could not obtain handle on privileged command interface: No such file or directory");
        assertThat(h.commands("node1")).containsExactly("uptime", "xl info", "mount");
        assertThat(notice(r, "verdict-memory")).isNull();
        assertThat(notice(r, "verdict-data")).isNull();
        // without the memory check there is no "no cause found" either
        assertThat(notice(r, "verdict-none")).isNull();
    }
}
