package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sopctl drbd status} and {@code sopctl drbd switchover} on the lab's nas pair (nas1 Primary,
 * Heartbeat running on both): the switch there and back on DRBD 8.4 and 9, a decline at each
 * confirmation and an interrupted promotion each leaving nas1 serving with Heartbeat running, and
 * the guards and parameter checks that stop it before any change.
 */
@Lab("healthy")
class DrbdSwitchoverLabTest {
    private static final List<String> APPROVE = List.of("y", "nas1", "nas2");

    @TempDir
    Path state;
    private LabEstate lab;
    private LabCli cli;

    @BeforeEach
    void nas1Serves(LabEstate lab) throws Exception {
        this.lab = lab;
        this.cli = new LabCli(lab, state);
        assertServing("nas1", "before the test");
    }

    /** Whatever a failed test left, the next starts from nas1 serving on DRBD 8.4. */
    @AfterEach
    void nas1ServesAgain() throws Exception {
        lab.fault("nas2", "drbd-promote-ok");
        lab.fault("nas1", "drbd-version-8");
        for (String n : List.of("nas2", "nas1")) {
            lab.exec(n, "/etc/init.d/nfs stop; /etc/init.d/nfslock stop; /etc/init.d/rpcbind stop; "
                    + "mountpoint -q /data && umount /data; drbdadm secondary data");
        }
        lab.exec("nas1", "drbdadm primary data && mount /dev/drbd0 /data && /etc/init.d/rpcbind start "
                + "&& /etc/init.d/nfslock start && /etc/init.d/nfs start");
        for (String n : List.of("nas1", "nas2")) {
            lab.exec(n, "/etc/init.d/heartbeat start");
        }
    }

    private String stateOf(String host) throws Exception {
        return lab.exec(host, "drbdadm role data; mountpoint -q /data && echo mounted || echo unmounted; "
                + "/etc/init.d/nfs status >/dev/null && echo nfs-running || echo nfs-stopped; "
                + "cl_status hbstatus >/dev/null && echo hb-running || echo hb-stopped").strip();
    }

    private void assertServing(String host, String when) throws Exception {
        String other = host.equals("nas1") ? "nas2" : "nas1";
        assertThat(stateOf(host)).as(host + " " + when).startsWith("Primary")
                .contains("\nmounted\nnfs-running\nhb-running");
        assertThat(stateOf(other)).as(other + " " + when).startsWith("Secondary")
                .contains("\nunmounted\nnfs-stopped\nhb-running");
    }

    private String transcript() throws Exception {
        try (Stream<Path> files = Files.list(state.resolve("sopctl/transcripts"))) {
            return Files.readString(files.filter(f -> f.toString().endsWith(".jsonl")).findFirst().orElseThrow());
        }
    }

    @Test
    void statusOfAHealthyPairIsOkOnBothVersions() throws Exception {
        LabCli.Result r = cli.run("drbd", "status", "nfs-ha");
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("nas1: DRBD 8.4.11-1 Connected Primary/Secondary UpToDate/UpToDate; /data mounted; "
                + "Heartbeat running; NFS running: rpcbind, nfslock, nfs")
                .contains("nas2: DRBD 8.4.11-1 Connected Secondary/Primary UpToDate/UpToDate; /data not mounted");

        lab.fault("nas1", "drbd-version-9");
        r = cli.run("drbd", "status", "nfs-ha");
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("read-drbdadm-status", "nas1: DRBD 9.2.8 Connected Primary/Secondary UpToDate/UpToDate");
    }

    @Test
    void aStandbyWithoutHeartbeatAndStoppedNfsAreReportedWithTheirLevels() throws Exception {
        lab.exec("nas2", "/etc/init.d/heartbeat stop");
        lab.exec("nas1", "/etc/init.d/nfs stop");

        LabCli.Result r = cli.run("drbd", "status", "nfs-ha");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("Heartbeat is stopped on nas2: no automatic failover")
                .contains("nas1 is Primary but nfs not running");
    }

    @Test
    void theSwitchMovesTheServiceToNas2AndBackOnDrbd84And9() throws Exception {
        StringWriter out = new StringWriter();
        int code = new ScriptedTerminal(APPROVE).run(lab, state, out, "drbd", "switchover", "nfs-ha");
        assertThat(code).as(out.toString()).isEqualTo(ExitCode.OK);
        assertServing("nas2", "after the switch");

        lab.fault("nas1", "drbd-version-9");
        out = new StringWriter();
        code = new ScriptedTerminal(List.of("y", "nas2", "nas1")).run(lab, state, out, "drbd", "switchover", "nfs-ha",
                "--to", "nas1");
        assertThat(code).as(out.toString()).isEqualTo(ExitCode.OK);
        assertServing("nas1", "after switching back on DRBD 9");
    }

    @ParameterizedTest(name = "declined at confirmation {0}")
    @ValueSource(ints = {1, 2, 3})
    void aDeclineAtAnyConfirmationLeavesNas1Serving(int declineAt) throws Exception {
        StringWriter out = new StringWriter();
        ScriptedTerminal terminal = ScriptedTerminal.answeringAt(declineAt, "n", APPROVE);

        int code = terminal.run(lab, state, out, "drbd", "switchover", "nfs-ha");

        assertThat(code).as(out.toString()).isEqualTo(ExitCode.NOT_DONE);
        assertServing("nas1", "after declining at confirmation " + declineAt);
        if (declineAt > 1) {
            assertThat(transcript()).contains("\"type\":\"undo-plan\"").contains("\"outcome\":\"undone\"")
                    .doesNotContain("\"still_changed\"");
        } else {
            assertThat(transcript()).doesNotContain("\"type\":\"undo-plan\"");
        }
    }

    @Test
    void theWrongNameTypedAtTheServiceStopIsADecline() throws Exception {
        StringWriter out = new StringWriter();
        int code = new ScriptedTerminal(List.of("y", "nas2", "")).run(lab, state, out, "drbd", "switchover", "nfs-ha");

        assertThat(code).as(out.toString()).isEqualTo(ExitCode.NOT_DONE);
        assertServing("nas1", "after the wrong name");
    }

    @Test
    void anInterruptedPromotionLeavesNas1Serving() throws Exception {
        lab.fault("nas2", "drbd-promote-slow");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path outFile = state.resolve("out.txt");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.sopctl.Main",
                "-i", lab.inventory().toString(), "drbd", "switchover", "nfs-ha", "--yes")
                .redirectErrorStream(true).redirectOutput(outFile.toFile());
        pb.environment().put("XDG_STATE_HOME", state.toString());
        Process sopctl = pb.start();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(outFile).contains("[nas2] $ drbdadm primary data")) {
                if (!sopctl.isAlive() || System.nanoTime() > until) {
                    throw new AssertionError("the promotion did not start:\n" + Files.readString(outFile));
                }
                Thread.sleep(100);
            }
            Thread.sleep(500);
            new ProcessBuilder("kill", "-INT", String.valueOf(sopctl.pid())).start().waitFor();
            assertThat(sopctl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            sopctl.destroyForcibly();
        }
        String out = Files.readString(outFile);
        assertThat(sopctl.exitValue()).as(out).isEqualTo(ExitCode.NOT_DONE);
        assertServing("nas1", "after the interrupted promotion");
        assertThat(transcript()).contains("\"type\":\"interrupted\"").contains("\"type\":\"undo-plan\"")
                .doesNotContain("\"still_changed\"");
    }

    @Test
    void aProcessInTheMountStopsTheSwitchBeforeAnyChange() throws Exception {
        lab.exec("nas1", "cd /data/export && setsid -f sleep 300 </dev/null >/dev/null 2>&1");
        try {
            LabCli.Result r = cli.run("drbd", "switchover", "nfs-ha", "--yes");
            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
            assertThat(r.out()).contains("nas1: /data is in use by more than NFS", "sleep");
            assertServing("nas1", "after the refusal");
        } finally {
            lab.exec("nas1", "pkill -x sleep; true");
        }
    }

    @Test
    void badTargetsAreRefusedBeforeAnything() throws Exception {
        LabCli.Result r = cli.run("drbd", "switchover", "app-lk");
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("'app-lk' is a lifekeeper cluster, not drbd");

        r = cli.run("drbd", "switchover", "nfs-ha", "--to", "lk1");
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("lk1 is not a member of cluster nfs-ha (members: nas1, nas2)");

        r = cli.run("drbd", "switchover", "nfs-ha", "--to", "nas1", "--yes");
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("nas1 is already the Primary of nfs-ha: nothing to switch");
        assertServing("nas1", "after the refusals");
    }
}
