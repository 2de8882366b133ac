package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sopctl splitbrain recover} on the lab's nas pair in a split brain: both Primary and
 * StandAlone, /data mounted and NFS running on both, a file written on each side after the split
 * (nas2's the newer). Recovery keeps the survivor's data on both sides and drops the victim's, on
 * DRBD 8.4 and 9; a decline at each confirmation leaves the pair as it was; a pair that is not
 * split, or a victim that is not a member, is refused before any change.
 */
@Lab("drbd-splitbrain")
class SplitbrainDrbdLabTest {
    private static final String NAS1_FILE = "/export/after-split-nas1.txt";
    private static final String NAS2_FILE = "/export/after-split-nas2.txt";
    /** victim nas2 holds the newest file: its name typed twice, then NFS stop and discard. */
    private static final List<String> APPROVE_NAS2 = List.of("nas2", "nas2", "y", "y");

    @TempDir
    Path state;
    private LabEstate lab;

    @BeforeEach
    void splitBrain(LabEstate lab) throws Exception {
        this.lab = lab;
        lab.fault("nas1", "drbd-splitbrain");
        for (String n : List.of("nas1", "nas2")) {
            lab.exec(n, "rm -f /root/splitbrain-*");   // a copy an earlier recovery saved
        }
        assertSplitAsMadeByTheFault("before the test");
    }

    @AfterEach
    void drbd84Again() throws Exception {
        lab.fault("nas1", "drbd-version-8");
    }

    /** role, connection, mount, NFS, Heartbeat; then the files of its own volume. */
    private String stateOf(String host) throws Exception {
        return lab.exec(host, "drbdadm role data; drbdadm cstate data; mountpoint -q /data && echo mounted || echo unmounted; "
                + "/etc/init.d/nfs status >/dev/null && echo nfs-running || echo nfs-stopped; "
                + "cl_status hbstatus >/dev/null && echo hb-running || echo hb-stopped; "
                + "cd /var/lib/lab/vol/data && ls export/*.txt").strip();
    }

    private void assertSplitAsMadeByTheFault(String when) throws Exception {
        assertThat(stateOf("nas1")).as("nas1 " + when).isEqualTo(
                "Primary/Unknown\nStandAlone\nmounted\nnfs-running\nhb-running\nexport/after-split-nas1.txt");
        assertThat(stateOf("nas2")).as("nas2 " + when).isEqualTo(
                "Primary/Unknown\nStandAlone\nmounted\nnfs-running\nhb-running\nexport/after-split-nas2.txt");
    }

    private String transcript() throws Exception {
        try (Stream<Path> files = Files.list(state.resolve("sopctl/transcripts"))) {
            return Files.readString(files.filter(f -> f.toString().endsWith(".jsonl")).findFirst().orElseThrow());
        }
    }

    @Test
    void statusNamesTheSplitBrain() throws Exception {
        LabCli.Result r = new LabCli(lab, state).run("drbd", "status", "nfs-ha");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("nas1: SPLIT BRAIN - StandAlone Primary/Unknown UpToDate/DUnknown",
                "nas2: SPLIT BRAIN - StandAlone Primary/Unknown", "nas1 and nas2 are both Primary");
    }

    @Test
    void recoveryWithNas2AsVictimKeepsNas1sDataOnBothAndSavesNas2sNewestFile() throws Exception {
        StringWriter out = new StringWriter();
        ScriptedTerminal terminal = new ScriptedTerminal(APPROVE_NAS2);

        int code = terminal.run(lab, state, out, "splitbrain", "recover", "nfs-ha", "--victim", "nas2");

        assertThat(code).as(out.toString()).isEqualTo(ExitCode.OK);
        assertThat(terminal.asked()).isEqualTo(4);
        assertThat(out.toString()).contains("changed blocks  450535 x 4 KiB  |  1028 x 4 KiB",
                "NFS clients", "WARNING: nas2 holds the newest data");
        assertThat(terminal.shown.toString()).contains("nas2 holds the NEWEST data");
        assertThat(out.toString()).as("the wait shows the resync").containsPattern("SyncTarget \\S+, 21\\.4 % done");
        assertThat(stateOf("nas1")).isEqualTo(
                "Primary/Secondary\nConnected\nmounted\nnfs-running\nhb-running\nexport/after-split-nas1.txt");
        assertThat(stateOf("nas2")).isEqualTo(
                "Secondary/Primary\nConnected\nunmounted\nnfs-stopped\nhb-running\nexport/after-split-nas1.txt");
        assertThat(lab.exec("nas2", "drbdadm dstate data").strip()).isEqualTo("UpToDate/UpToDate");
        assertThat(lab.exec("nas2", "test -e /var/lib/lab/vol/data" + NAS2_FILE + " && echo kept || echo gone").strip())
                .isEqualTo("gone");
        assertThat(lab.exec("nas2", "tar tzf /root/splitbrain-nas2-newest.tar.gz")).contains("data" + NAS2_FILE);

        // a pair that is not split: refused, nothing run but the probes
        StringWriter again = new StringWriter();
        code = new ScriptedTerminal(APPROVE_NAS2).run(lab, state.resolve("again"), again, "splitbrain", "recover",
                "nfs-ha", "--victim", "nas2");
        assertThat(code).as(again.toString()).isEqualTo(ExitCode.CRITICAL);
        assertThat(again.toString()).contains("nfs-ha is not in a split brain").doesNotContain("freeze-heartbeat  Stop");
    }

    @Test
    void onDrbd9RecoveryWithNas1AsVictimKeepsNas2sData() throws Exception {
        lab.fault("nas1", "drbd-version-9");
        lab.fault("nas1", "drbd-splitbrain");
        StringWriter out = new StringWriter();
        ScriptedTerminal terminal = new ScriptedTerminal(List.of("nas1", "y", "y"));

        int code = terminal.run(lab, state, out, "splitbrain", "recover", "nfs-ha", "--victim", "nas1");

        assertThat(code).as(out.toString()).isEqualTo(ExitCode.OK);
        assertThat(terminal.asked()).isEqualTo(3);
        assertThat(out.toString()).contains("connect-survivor-9", "DRBD 9").doesNotContain("holds the newest data");
        assertThat(lab.exec("nas1", "drbdadm status data")).contains("data role:Secondary", "nas2 role:Primary",
                "peer-disk:UpToDate");
        assertThat(stateOf("nas2")).endsWith("hb-running\nexport/after-split-nas2.txt");
        assertThat(stateOf("nas1")).endsWith("hb-running\nexport/after-split-nas2.txt");
    }

    @ParameterizedTest(name = "declined at confirmation {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void aDeclineAtAnyConfirmationLeavesThePairAsItWas(int declineAt) throws Exception {
        StringWriter out = new StringWriter();

        int code = ScriptedTerminal.answeringAt(declineAt, "n", APPROVE_NAS2).run(lab, state, out, "splitbrain",
                "recover", "nfs-ha", "--victim", "nas2");

        assertThat(code).as(out.toString()).isEqualTo(ExitCode.NOT_DONE);
        assertSplitAsMadeByTheFault("after declining at confirmation " + declineAt);
        assertThat(lab.exec("nas2", "ls /root")).doesNotContain("splitbrain-nas2");
        assertThat(transcript()).doesNotContain("\"still_changed\"");
    }

    @Test
    void aVictimThatIsNotAMemberIsRefused() throws Exception {
        LabCli cli = new LabCli(lab, state);
        LabCli.Result r = cli.run("splitbrain", "recover", "nfs-ha", "--victim", "node1");
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("--victim 'node1' is not a member of cluster 'nfs-ha' (members: nas1, nas2)");

        r = cli.run("splitbrain", "recover", "nfs-ha");
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.USAGE);
        assertSplitAsMadeByTheFault("after the refusals");
    }
}
