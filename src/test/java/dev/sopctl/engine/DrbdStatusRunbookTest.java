package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.on;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ha/drbd-status on the example pair (nas1, nas2) with the formats of shared/formats §3: the state
 * words mapped like the check_drbd plugins (Connected UpToDate OK, a resync WARNING with its
 * progress, StandAlone/WFConnection/Connecting/Outdated CRITICAL, a split brain named only when the
 * kernel logged one), on DRBD 8.4 (/proc/drbd) and 9 (drbdadm status).
 */
class DrbdStatusRunbookTest {
    private static final Runbook RUNBOOK = EngineHarness.packaged("ha/drbd-status");
    private static final String HEADER_84 = """
            version: 8.4.11-1 (api:1/proto:86-101)
            GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018-11-03 01:26:55
            """;
    private static final String HEADER_9 = """
            version: 9.2.8 (api:2/proto:86-122)
            GIT-hash: 1a2a7c1a04a4a3dc1c5d0ca8c4bbbc1e0c8e2f4c build by root@node1, 2024-01-10 10:00:00
            Transports (api:21): tcp (9.2.8)
            """;
    private static final String COUNTERS = "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n";
    private static final String SPLIT_LOG = """
            Jan 15 10:01:02 nas2 kernel: block drbd0: Split-Brain detected but unresolved, dropping connection!
            Jan 15 10:01:02 nas2 kernel: block drbd0: helper command: /sbin/drbdadm split-brain minor-0
            """;

    private final EngineHarness h = new EngineHarness();

    @BeforeEach
    void aServingPairWithHeartbeat() {
        serving("nas1", true);
        serving("nas2", false);
        for (String n : new String[] {"nas1", "nas2"}) {
            h.transport.on(n, "^grep -h -e 'drbd'", Reply.exit(1, "", ""));
            h.transport.on(n, "^cl_status hbstatus$", Reply.ok("Heartbeat is running on this machine.\n"));
        }
    }

    private void serving(String host, boolean primary) {
        h.transport.on(host, "^mount$", Reply.ok(primary ? "/dev/sda1 on / type ext4 (rw)\n/dev/drbd0 on /data type ext4 (rw,relatime)\n"
                : "/dev/sda1 on / type ext4 (rw)\n"));
        h.transport.on(host, "^for s in rpcbind", Reply.ok(primary ? "rpcbind 0\nnfslock 0\nnfs 0\n" : "rpcbind 0\nnfslock 3\nnfs 3\n"));
    }

    private void proc84(String host, String line, String... sync) {
        h.transport.on(host, "^cat /proc/drbd$", Reply.ok(HEADER_84 + line + "\n" + COUNTERS + String.join("", sync)));
    }

    private void drbd9(String host, String status) {
        h.transport.on(host, "^cat /proc/drbd$", Reply.ok(HEADER_9));
        h.transport.on(host, "^drbdadm status data$", Reply.ok(status));
    }

    @Test
    void aConnectedUpToDatePairIsOk() {
        proc84("nas1", " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----");
        proc84("nas2", " 0: cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate C r-----");

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "nfs-ha"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(RunResults.notice(r, "summary")).contains(
                "nas1: DRBD 8.4.11-1 Connected Primary/Secondary UpToDate/UpToDate; /data mounted; Heartbeat running; NFS running: rpcbind, nfslock, nfs");
        assertThat(h.commands("nas1")).doesNotContain("drbdadm status data");
    }

    @Test
    void aResyncIsAWarningWithItsProgressAndTimeLeft() {
        proc84("nas1", " 0: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----",
                "\t[===>................] sync'ed: 21.4% (805044/1023932)K\n\tfinish: 0:00:42 speed: 19,072 (18,560) want: 30,720 K/sec\n");
        proc84("nas2", " 0: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----",
                "\t[===>................] sync'ed: 21.4% (805044/1023932)K\n\tfinish: 0:00:42 speed: 19,072 (18,560) want: 30,720 K/sec\n");

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "nfs-ha"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "judge-replication", "nas2").message())
                .isEqualTo("nas2: SyncTarget Secondary/Primary Inconsistent/UpToDate, resync 21.4 % done, 0:00:42 left");
    }

    @Test
    void aListeningSurvivorWithoutASplitBrainInTheLogIsCriticalButNotNamedASplitBrain() {
        proc84("nas1", " 0: cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown C r-----");
        proc84("nas2", " 0: cs:StandAlone ro:Secondary/Unknown ds:Outdated/DUnknown   r-----");

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "nfs-ha"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "judge-replication", "nas1").message())
                .isEqualTo("nas1: WFConnection Primary/Unknown UpToDate/DUnknown - not replicating");
        assertThat(on(r, "judge-replication", "nas2").message()).contains("StandAlone").doesNotContain("SPLIT BRAIN");
        assertThat(on(r, "check-mount", "nas1").outcome().id()).isEqualTo("ok");
    }

    @Test
    void aDisconnectedMemberWhoseKernelLoggedASplitBrainIsNamedOne() {
        proc84("nas1", " 0: cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown   r-----");
        proc84("nas2", " 0: cs:StandAlone ro:Secondary/Unknown ds:UpToDate/DUnknown   r-----");
        h.transport.on("nas2", "^grep -h -e 'drbd'", Reply.ok(SPLIT_LOG));

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "nfs-ha"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "judge-replication", "nas2").message()).startsWith("nas2: SPLIT BRAIN - StandAlone Secondary/Unknown");
        assertThat(on(r, "judge-replication", "nas2").hint()).contains("sopctl splitbrain recover nfs-ha --victim NODE");
        assertThat(on(r, "judge-replication", "nas1").message()).doesNotContain("SPLIT BRAIN");
    }

    @Test
    void drbd9IsReadFromDrbdadmStatusWithTheResyncDone() {
        drbd9("nas1", "data role:Primary\n  disk:UpToDate\n  nas2 role:Secondary\n    replication:SyncSource peer-disk:Inconsistent done:21.40\n");
        drbd9("nas2", "data role:Secondary\n  disk:Inconsistent\n  nas1 role:Primary\n    replication:SyncTarget peer-disk:UpToDate done:21.40\n");

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "nfs-ha"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "judge-replication", "nas1").message())
                .isEqualTo("nas1: SyncSource Primary/Secondary UpToDate/Inconsistent, resync 21.4 % done");
    }

    @Test
    void drbd9ConnectingAndStandAloneAreCritical() {
        drbd9("nas1", "data role:Primary\n  disk:UpToDate\n  nas2 connection:Connecting\n");
        drbd9("nas2", "data role:Secondary\n  disk:UpToDate\n  nas1 connection:StandAlone\n");

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "nfs-ha"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "judge-replication", "nas1").message()).isEqualTo("nas1: Connecting Primary/Unknown UpToDate/DUnknown - not replicating");
        assertThat(on(r, "judge-replication", "nas2").message()).startsWith("nas2: StandAlone Secondary/Unknown");
    }

    @Test
    void anOutdatedPeerDiskAndTwoPrimariesAreCritical() {
        proc84("nas1", " 0: cs:Connected ro:Primary/Primary ds:UpToDate/Outdated C r-----");
        proc84("nas2", " 0: cs:Connected ro:Primary/Primary ds:Outdated/UpToDate C r-----");
        serving("nas2", true);

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "nfs-ha"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "judge-replication", "nas1").message()).startsWith("nas1: disks UpToDate/Outdated");
        assertThat(on(r, "check-nfs", "nas1").message()).isEqualTo("nas1 and nas2 are both Primary");
    }

    @Test
    void anUnreadableProcDrbdIsUnknown() {
        proc84("nas2", " 0: cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate C r-----");
        h.transport.on("nas1", "^cat /proc/drbd$", Reply.ok("not drbd\n"));

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "nfs-ha"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(on(r, "read-proc-drbd", "nas1").outcome().id()).isEqualTo("unparsable");
    }
}
