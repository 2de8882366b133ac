package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.lab.AnsweringCli.Answers;
import dev.sopctl.lab.AnsweringCli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sopctl lk on the lab's LifeKeeper pair (app1 primary on lk1, app2 on lk2, real OpenSSH, the
 * simulated lcdstatus/perform_action/mirror_status/flags). Each test starts from the pair as at boot
 * (fault lk-healthy) and checks the pair's state in the lab's own files afterwards, not sopctl's word.
 */
@Lab("healthy")
class LifekeeperLabTest {
    @TempDir
    Path state;
    private LabEstate lab;

    @BeforeEach
    void pairAsAtBoot(LabEstate lab) throws Exception {
        this.lab = lab;
        lab.fault("lk1", "lk-healthy");
        assertStates("app1", "ISP", "OSU");
        assertStates("app2", "OSU", "ISP");
    }

    /** The state of TAG on lk1 and lk2, as the lab keeps it. */
    private List<String> states(String tag) throws Exception {
        List<String> s = new ArrayList<>();
        for (String n : List.of("lk1", "lk2")) {
            s.add(lab.exec(n, "awk -v t=" + tag + " '$1==t{print $2}' /var/lib/lab/cluster/lk." + n).strip());
        }
        return s;
    }

    private void assertStates(String tag, String onLk1, String onLk2) throws Exception {
        assertThat(states(tag)).as(tag + " on lk1, lk2").containsExactly(onLk1, onLk2);
    }



    private Run sopctl(Answers terminal, String... args) {
        return new AnsweringCli(lab, state).run(terminal, args);
    }

    private Run sopctl(String... args) {
        return sopctl(null, args);
    }

    /** The mirror resyncs for LAB_LK_RESYNC_SECS (10 s) after a restore; the SOP waits for it. */
    private void waitForMirror(String host, String datarep) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!lab.exec(host, "/opt/LifeKeeper/bin/mirror_status " + datarep).contains("Fully Operational")) {
            assertThat(System.nanoTime()).as(datarep + " on " + host + " in sync within 60 s").isLessThan(until);
            Thread.sleep(1000);
        }
    }

    private String transcripts() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(state.resolve("sopctl/transcripts"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }

    @Test
    void statusOfTheHealthyPairIsOk() {
        Run r = sopctl("lk", "status", "app-lk");

        assertThat(r.exit()).as(r.out()).isEqualTo(ExitCode.OK);
    }

    @Test
    void failoverThenFailbackReturnsEachTagToItsPrimary() throws Exception {
        Run app1 = sopctl(new Answers("lk2"), "lk", "failover", "app-lk", "--tag", "app1", "--min-interval", "1s");
        Run app2 = sopctl(new Answers("lk1"), "lk", "failover", "app-lk", "--tag", "app2", "--min-interval", "1s");

        assertThat(app1.exit()).as(app1.out()).isEqualTo(ExitCode.OK);
        assertThat(app2.exit()).as(app2.out()).isEqualTo(ExitCode.OK);
        assertThat(app1.out()).contains("Type 'lk2'", "perform_action -t app1 -a restore");
        assertStates("app1", "OSU", "ISP");
        assertStates("app2", "ISP", "OSU");
        assertThat(states("datarep1")).containsExactly("OSU", "ISP");
        Run away = sopctl("lk", "status", "app-lk");
        assertThat(away.exit()).as(away.out()).isEqualTo(ExitCode.WARNING);
        assertThat(away.out()).contains("app1 in service on lk2, not on its primary lk1 (failed over)");

        waitForMirror("lk2", "datarep1");
        waitForMirror("lk1", "datarep2");
        Run back1 = sopctl(new Answers("lk1"), "lk", "failback", "app-lk", "--tag", "app1", "--min-interval", "1s");
        Run back2 = sopctl(new Answers("lk2"), "lk", "failback", "app-lk", "--tag", "app2", "--min-interval", "1s");

        assertThat(back1.exit()).as(back1.out()).isEqualTo(ExitCode.OK);
        assertThat(back2.exit()).as(back2.out()).isEqualTo(ExitCode.OK);
        assertStates("app1", "ISP", "OSU");
        assertStates("app2", "OSU", "ISP");
        assertStates("datarep1", "ISP", "OSU");
    }

    @Test
    void aDeclinedOrMistypedConfirmationLeavesTheHierarchyWhereItWas() throws Exception {
        Run declined = sopctl(new Answers("n"), "lk", "failover", "app-lk", "--tag", "app1", "--min-interval", "1s");
        Run mistyped = sopctl(new Answers("lk1"), "lk", "failover", "app-lk", "--tag", "app1", "--min-interval", "1s");

        assertThat(declined.exit()).as(declined.out()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(mistyped.exit()).as(mistyped.out()).isEqualTo(ExitCode.NOT_DONE);
        assertStates("app1", "ISP", "OSU");
        assertThat(transcripts()).doesNotContain("perform_action -t app1 -a restore\",\"exit");
    }

    @Test
    void aSecondSwitchoverWithinThreeMinutesIsRefused() throws Exception {
        Run first = sopctl(new Answers("lk2"), "lk", "failover", "app-lk", "--tag", "app1", "--min-interval", "1s");
        assertThat(first.exit()).as(first.out()).isEqualTo(ExitCode.OK);
        waitForMirror("lk2", "datarep1");

        Run second = sopctl(new Answers("lk1"), "lk", "failback", "app-lk", "--tag", "app1");

        assertThat(second.exit()).as(second.out()).isEqualTo(ExitCode.CRITICAL);
        assertThat(second.out()).contains("step 'check-last-switchover'", "came in service on lk2",
                "the SOP allows no second switchover within about 3m of the last").doesNotContain("Type 'lk1'");
        assertStates("app1", "OSU", "ISP");
    }

    @Test
    void aResyncingMirrorOrADeadCommPathIsRefusedBeforeAnyChange() throws Exception {
        Run first = sopctl(new Answers("lk2"), "lk", "failover", "app-lk", "--tag", "app1", "--min-interval", "1s");
        assertThat(first.exit()).as(first.out()).isEqualTo(ExitCode.OK);
        // past --min-interval (whole seconds on the hosts' clocks), well inside the lab's 10 s resync
        Thread.sleep(1500);

        Run resyncing = sopctl(new Answers("lk1"), "lk", "failback", "app-lk", "--tag", "app1", "--min-interval", "1s");

        assertThat(resyncing.exit()).as(resyncing.out()).isEqualTo(ExitCode.CRITICAL);
        assertThat(resyncing.out()).contains("mirror datarep1 on lk2 is Resynchronizing");
        assertStates("app1", "OSU", "ISP");

        lab.fault("lk1", "lk-comm-dead");
        Run dead = sopctl(new Answers("lk1"), "lk", "failback", "app-lk", "--tag", "app1", "--min-interval", "1s");

        assertThat(dead.exit()).as(dead.out()).isEqualTo(ExitCode.CRITICAL);
        assertThat(dead.out()).contains("not ALIVE: a switchover now risks split brain");
        assertStates("app1", "OSU", "ISP");
    }

    @Test
    void dataCorruptShowsTheEvidenceAndRecoversOnTheLastOwner() throws Exception {
        lab.fault("lk1", "lk-data-corrupt");
        Run before = sopctl("lk", "status", "app-lk");
        assertThat(before.exit()).as(before.out()).isEqualTo(ExitCode.CRITICAL);
        assertThat(before.out()).contains("OSF (out of service, failed): datarep1", "--tag app1");

        Run r = sopctl(new Answers("lk1"), "lk", "data-corrupt", "app-lk", "--tag", "app1");

        assertThat(r.exit()).as(r.out()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("lk1: datarep1_data_corrupt SET; last_owner says lk1", "Type 'lk1'",
                "mirror_action datarep1 force lk1");
        assertStates("app1", "ISP", "OSU");
        assertStates("datarep1", "ISP", "OSU");
        assertThat(lab.exec("lk1", "ls /opt/LifeKeeper/subsys/scsi/resources/netraid/")).doesNotContain("data_corrupt");
        assertThat(lab.exec("lk1", "/opt/LifeKeeper/bin/mirror_status datarep1")).contains("Fully Operational");
    }

    @Test
    void dataCorruptByTheSopsFlagRemovalRecoversToo() throws Exception {
        lab.fault("lk1", "lk-data-corrupt");

        Run r = sopctl(new Answers("lk1"), "lk", "data-corrupt", "app-lk", "--tag", "app1", "--method", "remove-flag");

        assertThat(r.exit()).as(r.out()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("rm -f /opt/LifeKeeper/subsys/scsi/resources/netraid/datarep1_data_corrupt");
        assertStates("app1", "ISP", "OSU");
        assertThat(lab.exec("lk1", "ls /opt/LifeKeeper/subsys/scsi/resources/netraid/")).doesNotContain("data_corrupt");
    }

    @Test
    void dataCorruptWithoutAFlagChangesNothing() throws Exception {
        Run r = sopctl(new Answers("lk1"), "lk", "data-corrupt", "app-lk", "--tag", "app1");

        assertThat(r.exit()).as(r.out()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("no member of app-lk has datarep1_data_corrupt: nothing to recover")
                .doesNotContain("Type 'lk1'");
        assertStates("app1", "ISP", "OSU");
    }

    @Test
    void maintenanceStopThenStartInTheSopsOrder() throws Exception {
        for (String n : List.of("lk1", "lk2")) {
            lab.exec(n, "/opt/LifeKeeper/bin/flg_create -f shutdown_switchover");
        }

        Run stop = sopctl(new Answers("app-lk"), "lk", "maintenance", "stop", "app-lk");

        assertThat(stop.exit()).as(stop.out()).isEqualTo(ExitCode.OK);
        assertThat(stop.out()).contains("Type 'app-lk'");
        for (String n : List.of("lk1", "lk2")) {
            assertThat(lab.exec(n, "/opt/LifeKeeper/bin/flg_list").strip()).as("flags on " + n).isEmpty();
            assertThat(lab.exec(n, "/opt/LifeKeeper/bin/lktest >/dev/null; echo $?").strip()).as("lktest on " + n).isEqualTo("1");
        }
        assertStates("app1", "OSU", "OSU");
        assertStates("app2", "OSU", "OSU");
        String t = transcripts();
        assertThat(t.indexOf("flg_remove -f shutdown_switchover")).as("flags removed before lkstop")
                .isGreaterThan(0).isLessThan(t.indexOf("\"command\":\"lkstop\""));

        Run start = sopctl("lk", "maintenance", "start", "app-lk");

        assertThat(start.exit()).as(start.out()).isEqualTo(ExitCode.OK);
        assertStates("app1", "ISP", "OSU");
        assertStates("app2", "OSU", "ISP");
        for (String n : List.of("lk1", "lk2")) {
            assertThat(lab.exec(n, "/opt/LifeKeeper/bin/flg_list").strip()).as("flags on " + n).isEqualTo("shutdown_switchover");
        }
    }

    @Test
    void aDeclinedMaintenanceStopLeavesLifekeeperRunningAndTheFlagsSet() throws Exception {
        for (String n : List.of("lk1", "lk2")) {
            lab.exec(n, "/opt/LifeKeeper/bin/flg_create -f shutdown_switchover");
        }

        Run stop = sopctl(new Answers("n", ""), "lk", "maintenance", "stop", "app-lk");

        assertThat(stop.exit()).as(stop.out()).isEqualTo(ExitCode.NOT_DONE);
        for (String n : List.of("lk1", "lk2")) {
            assertThat(lab.exec(n, "/opt/LifeKeeper/bin/flg_list").strip()).as("flags on " + n).isEqualTo("shutdown_switchover");
            assertThat(lab.exec(n, "/opt/LifeKeeper/bin/lktest >/dev/null; echo $?").strip()).isEqualTo("0");
        }
        assertStates("app1", "ISP", "OSU");
    }

    @Test
    void splitBrainRecoveryKeepsTheSurvivorsCopyOnceTheCommPathsAreBack() throws Exception {
        lab.fault("lk1", "lk-splitbrain");
        assertStates("app1", "ISP", "ISP");
        Run before = sopctl("lk", "status", "app-lk");
        assertThat(before.exit()).as(before.out()).isEqualTo(ExitCode.CRITICAL);
        assertThat(before.out()).contains("app1 in service on more than one member (lk1 and lk2): split brain");
        // the operator repairs the heartbeat network once the victim's copy is out of service
        Thread repair = new Thread(() -> {
            try {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!states("app1").equals(List.of("ISP", "OSU")) && System.nanoTime() < until) {
                    Thread.sleep(300);
                }
                Thread.sleep(2000);
                lab.fault("lk1", "lk-comm-alive");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        repair.start();

        Run r = sopctl(new Answers("lk2"), "splitbrain", "recover", "app-lk", "--victim", "lk2");
        repair.join();

        assertThat(r.exit()).as(r.out()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("lk1 (survivor): in service app1", "lk2 (victim): in service app1, app2",
                "Type 'lk2'", "Repair the communication paths", "waiting until out.alive");
        assertStates("app1", "ISP", "OSU");
        assertStates("ip1", "ISP", "OSU");
        assertStates("app2", "OSU", "ISP");
        assertThat(transcripts()).contains("perform_action -t \\\"$t\\\" -a remove").contains("datarep1 ip1");
        Run after = sopctl("lk", "status", "app-lk");
        assertThat(after.exit()).as(after.out()).isEqualTo(ExitCode.OK);
    }

    @Test
    void splitBrainRecoveryRefusesAPairThatIsNotSplitAndADeclineChangesNothing() throws Exception {
        Run notSplit = sopctl(new Answers("lk2"), "splitbrain", "recover", "app-lk", "--victim", "lk2");

        assertThat(notSplit.exit()).as(notSplit.out()).isEqualTo(ExitCode.CRITICAL);
        assertThat(notSplit.out()).contains("not a split brain, nothing changed").doesNotContain("Type 'lk2'");

        lab.fault("lk1", "lk-splitbrain");
        Run declined = sopctl(new Answers("lk1"), "splitbrain", "recover", "app-lk", "--victim", "lk2");

        assertThat(declined.exit()).as(declined.out()).isEqualTo(ExitCode.NOT_DONE);
        assertStates("app1", "ISP", "ISP");
    }

    @Test
    void aRestoreThatFailsOnTheBackupIsRecoveredOnThePrimary() throws Exception {
        lab.fault("lk2", "lk-restore-refused");

        Run r = sopctl(new Answers("lk2"), "lk", "failover", "app-lk", "--tag", "app1", "--min-interval", "1s");

        assertThat(r.exit()).as(r.out()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("step 'restore-on-backup' failed on lk2", "restore-where-it-ran");
        assertThat(transcripts()).contains("\"step\":\"restore-where-it-ran\"");
        assertThat(states("app1").get(0)).as("app1 on lk1 after the undo").isEqualTo("ISP");
        assertThat(states("app1").get(1)).as("app1 on lk2").isNotEqualTo("ISP");
    }

    @Test
    void statusNamesAMemberWhereLifekeeperIsDown() throws Exception {
        lab.exec("lk2", "/opt/LifeKeeper/bin/lkstop");

        Run r = sopctl("lk", "status", "app-lk");

        assertThat(r.exit()).as(r.out()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("LifeKeeper is not running on lk2", "lk1: no communication path to the other member is ALIVE");
    }
}
