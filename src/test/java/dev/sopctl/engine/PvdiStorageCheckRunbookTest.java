package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.notice;
import static dev.sopctl.engine.RunResults.on;
import static dev.sopctl.engine.RunResults.stepsWith;
import static dev.sopctl.testing.PvdiSamples.MOUNT;
import static dev.sopctl.testing.PvdiSamples.O2CB_OFFLINE;
import static dev.sopctl.testing.PvdiSamples.O2CB_ONLINE;
import static dev.sopctl.testing.PvdiSamples.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * pvdi/storage-check on the example estate: the O2CB stack and /data on the shared-storage nodes
 * (node1, node2; node3 has local disks and is skipped), and fix=true restarting o2cb and mounting
 * /data only where needed, confirmed, then checking again: one verdict per check and node.
 */
class PvdiStorageCheckRunbookTest {
    private static final Runbook RUNBOOK = EngineHarness.packaged("pvdi/storage-check");

    private static final String STATUS = "/etc/init.d/o2cb status";
    private static final String RESTART = "/etc/init.d/o2cb restart";
    private static final String UNMOUNTED = without(MOUNT, " on /data ");
    private static final String HEARTBEAT_NOT_ACTIVE = O2CB_ONLINE.replace("Checking O2CB heartbeat: Active",
            "Checking O2CB heartbeat: Not active");
    private static final String MASTERVM_REMINDER = """
            If a node's master VM stopped while /data was away, start it again ('cd /data && xl create MASTERVM.cfg')
            and check the services with 'sopctl node check' and 'sopctl mastervm check'.
            """;

    private final EngineHarness h = new EngineHarness();

    @BeforeEach
    void healthyNodes() {
        h.answer(ConfirmAnswer.YES);
        for (String node : List.of("node1", "node2", "node3")) {
            h.transport.on(node, "^/etc/init\\.d/o2cb status$", Reply.ok(O2CB_ONLINE));
            h.transport.on(node, "^mount$", Reply.ok(MOUNT));
        }
    }

    @Test
    void aHealthyClusterPassesAndTheLocalNodeIsSkipped() {
        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).containsExactly(STATUS, "mount");
        assertThat(h.commands("node2")).containsExactly(STATUS, "mount");
        assertThat(h.commands("node3")).isEmpty();
        assertThat(on(r, "check-o2cb", "node3").message()).isEqualTo("condition is false: zone != null and zone.shared");
        assertThat(notice(r, "mastervm-reminder")).isNull();
    }

    @Test
    void aStoppedStackAndAnUnmountedDataAreNamedWithTheirRemedy() {
        h.transport.on("node1", "^/etc/init\\.d/o2cb status$", Reply.exit(1, O2CB_OFFLINE, ""));
        h.transport.on("node1", "^mount$", Reply.ok(UNMOUNTED));

        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-o2cb", "node1")).satisfies(x -> {
            assertThat(x.outcome().id()).isEqualTo("guard-failed");
            assertThat(x.message()).startsWith("ocfs2_dlmfs is not loaded and mounted on node1; ")
                    .contains("the O2CB heartbeat is not Active on node1");
            assertThat(x.hint()).startsWith("'/etc/init.d/o2cb restart' (or --fix); ");
        });
        assertThat(on(r, "check-data-mounted", "node1")).satisfies(x -> {
            assertThat(x.message()).isEqualTo("/data is not mounted on node1");
            assertThat(x.hint()).isEqualTo("'mount /data' (or --fix); look at 'dmesg' for ocfs2 mount errors");
        });
        assertThat(r.message()).startsWith("step 'check-o2cb' on node1: ocfs2_dlmfs is not loaded and mounted on node1");
        assertThat(stepsWith(r, "node2", "ok")).containsExactly("check-o2cb", "check-data-mounted");
        assertThat(h.commands("node1")).containsExactly(STATUS, "mount");
    }

    @Test
    void anOfflineClusterAndAnInactiveHeartbeatEachHaveTheirMessage() {
        h.transport.on("node1", "^/etc/init\\.d/o2cb status$", Reply.ok(O2CB_ONLINE.replace(": Online", ": Offline")));
        h.transport.on("node2", "^/etc/init\\.d/o2cb status$", Reply.ok(HEARTBEAT_NOT_ACTIVE));

        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-o2cb", "node1")).satisfies(x -> {
            assertThat(x.message()).isEqualTo("O2CB cluster ocfs2 is not Online on node1");
            assertThat(x.hint()).isEqualTo("'/etc/init.d/o2cb restart' (or --fix); check /etc/ocfs2/cluster.conf");
        });
        assertThat(on(r, "check-o2cb", "node2")).satisfies(x -> {
            assertThat(x.message()).isEqualTo("the O2CB heartbeat is not Active on node2");
            assertThat(x.hint()).isEqualTo("it starts with the mount of /data: 'mount /data' (or --fix);"
                    + " then check the SAN path");
        });
    }

    @Test
    void fixRestartsO2cbAndMountsDataWhereTheyAreDownAndChecksBothAgain() {
        h.transport.on("node1", "^/etc/init\\.d/o2cb status$", Reply.exit(1, O2CB_OFFLINE, ""));
        h.transport.on("node1", "^mount$", Reply.ok(UNMOUNTED));
        h.transport.on("node1", "^/etc/init\\.d/o2cb restart$", (host, c) -> {
            h.transport.on("node1", "^/etc/init\\.d/o2cb status$", Reply.ok(HEARTBEAT_NOT_ACTIVE));
            return Reply.ok("Starting O2CB cluster ocfs2: OK\n").answer(host, c);
        });
        h.transport.on("node1", "^mount /data$", (host, c) -> {
            h.transport.on("node1", "^/etc/init\\.d/o2cb status$", Reply.ok(O2CB_ONLINE));
            h.transport.on("node1", "^mount$", Reply.ok(MOUNT));
            return Reply.ok("").answer(host, c);
        });

        RunResult r = h.run(RUNBOOK, Map.of("fix", "true"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).containsExactly(STATUS, RESTART, "mount /data", STATUS, "mount");
        assertThat(h.commands("node2")).containsExactly(STATUS, "mount");
        assertThat(h.asked).extracting(ConfirmRequest::prompt).containsExactly("restart the O2CB cluster stack on node1",
                "mount /data on node1");
        assertThat(h.asked).flatExtracting(ConfirmRequest::commands).containsExactly(
                new ConfirmRequest.HostCommand("node1", RESTART), new ConfirmRequest.HostCommand("node1", "mount /data"));
        assertThat(on(r, "check-o2cb", "node1").message()).isEqualTo("repaired: restart the O2CB cluster stack on node1;"
                + " mount /data on node1");
        assertThat(on(r, "check-data-mounted", "node1").outcome().id()).isEqualTo("ok");
        assertThat(notice(r, "mastervm-reminder")).isEqualTo(MASTERVM_REMINDER);
    }

    @Test
    void fixWithTheStackUpMountsDataWithoutRestartingO2cb() {
        h.transport.on("node2", "^/etc/init\\.d/o2cb status$", Reply.ok(HEARTBEAT_NOT_ACTIVE));
        h.transport.on("node2", "^mount$", Reply.ok(UNMOUNTED));
        h.transport.on("node2", "^mount /data$", (host, c) -> {
            h.transport.on("node2", "^/etc/init\\.d/o2cb status$", Reply.ok(O2CB_ONLINE));
            h.transport.on("node2", "^mount$", Reply.ok(MOUNT));
            return Reply.ok("").answer(host, c);
        });

        RunResult r = h.run(RUNBOOK, Map.of("nodes", "node2", "fix", "true"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node2")).containsExactly(STATUS, "mount /data", STATUS, "mount");
    }

    @Test
    void aMountThatFailsIsReportedByItsStepAndTheRecheck() {
        h.transport.on("node1", "^mount$", Reply.ok(UNMOUNTED));
        h.transport.on("node1", "^/etc/init\\.d/o2cb status$", Reply.ok(HEARTBEAT_NOT_ACTIVE));
        h.transport.on("node1", "^mount /data$", Reply.exit(1, "",
                "mount.ocfs2: Transport endpoint is not connected while mounting /dev/sdb1 on /data.\n"));

        RunResult r = h.run(RUNBOOK, Map.of("nodes", "node1", "fix", "true"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-o2cb", "node1").message()).isEqualTo("repair failed: 'mount /data' exited with status 1:"
                + " mount.ocfs2: Transport endpoint is not connected while mounting /dev/sdb1 on /data.");
        // the second check tries the same mount, fails the same way, and says so for its own row
        assertThat(on(r, "check-data-mounted", "node1").message()).startsWith("repair failed: 'mount /data' exited with status 1");
        assertThat(h.commands("node1")).containsExactly(STATUS, "mount /data", "mount", "mount /data");
    }

    @Test
    void fixOnAHealthyClusterRunsNoChangeAndAsksNothing() {
        RunResult r = h.run(RUNBOOK, Map.of("fix", "true"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).containsExactly(STATUS, "mount");
        assertThat(h.commands("node2")).containsExactly(STATUS, "mount");
        assertThat(h.commands("node3")).isEmpty();
        assertThat(h.asked).isEmpty();
        assertThat(stepsWith(r, "node1", "skipped")).isEmpty();
    }
}
