package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.lab.AnsweringCli.Answers;
import dev.sopctl.lab.AnsweringCli.Run;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sopctl mastervm switchover on the lab's Pacemaker pair of master VMs (DBServer and the ms_r0
 * promotion on mastervm01): the move and back, a decline, a mistyped name and a peer that is down,
 * each checked in the lab's cluster state afterwards.
 */
@Lab("healthy")
class MastervmSwitchoverLabTest {
    @TempDir
    Path state;
    private LabEstate lab;

    @BeforeEach
    void dbServerOnMastervm01(LabEstate lab) throws Exception {
        this.lab = lab;
        assertGroupOn("mastervm01");
    }

    /** Whatever a test left: both master VMs up, the group on mastervm01, no constraint. */
    @AfterEach
    void backOnMastervm01() throws Exception {
        if (!lab.exec("node2", "xl list").contains("mastervm02")) {
            lab.exec("node2", "cd /data && xl create -q mastervm02.cfg");
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!sshAnswers("mastervm02") || !lab.exec("mastervm01", "crm_mon -1").contains("Online: [ mastervm01 mastervm02 ]")) {
            assertThat(System.nanoTime()).as("mastervm02 back within 90 s").isLessThan(until);
            Thread.sleep(500);
        }
        lab.exec("mastervm01", "crm resource move DBServer mastervm01; crm resource clear DBServer");
    }

    private boolean sshAnswers(String host) throws Exception {
        Matcher m = Pattern.compile("(?m)^  " + host + ": \\{address: ([0-9.]+)(?:, port: (\\d+))?")
                .matcher(Files.readString(lab.inventory()));
        assertThat(m.find()).as(host + " in the lab inventory").isTrue();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(m.group(1), m.group(2) == null ? 22 : Integer.parseInt(m.group(2))), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void assertGroupOn(String host) throws Exception {
        String status = lab.exec("mastervm01", "crm_mon -1");
        assertThat(status).as("crm_mon -1").contains("Dbase\t(ocf:heartbeat:mysql):\t Started " + host)
                .contains("Promoted: [ " + host + " ]");
        assertThat(lab.exec("mastervm01", "crm configure show")).as("constraints").doesNotContain("cli-prefer");
    }



    private Run sopctl(Answers terminal, String... args) {
        return new AnsweringCli(lab, state).run(terminal, args);
    }

    @Test
    void theGroupMovesToTheOtherMasterVmAndBackWithoutALeftoverConstraint() throws Exception {
        Run there = sopctl(new Answers("mastervm02"), "mastervm", "switchover");

        assertThat(there.exit()).as(there.out()).isEqualTo(ExitCode.OK);
        assertThat(there.out()).contains("Type 'mastervm02'", "crm resource move DBServer mastervm02", "crm resource clear DBServer");
        assertGroupOn("mastervm02");

        Run back = sopctl(new Answers("mastervm01"), "mastervm", "switchover", "--to", "mastervm01");

        assertThat(back.exit()).as(back.out()).isEqualTo(ExitCode.OK);
        assertGroupOn("mastervm01");
    }

    @Test
    void aDeclineOrAMistypedNameMovesNothing() throws Exception {
        Run declined = sopctl(new Answers("n"), "mastervm", "switchover");
        Run mistyped = sopctl(new Answers("mastervm01"), "mastervm", "switchover");

        assertThat(declined.exit()).as(declined.out()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(mistyped.exit()).as(mistyped.out()).isEqualTo(ExitCode.NOT_DONE);
        assertGroupOn("mastervm01");
    }

    @Test
    void moveToWhereItRunsIsRefused() throws Exception {
        Run r = sopctl(new Answers("mastervm01"), "mastervm", "switchover", "--to", "mastervm01");

        assertThat(r.exit()).as(r.out()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("DBServer runs on mastervm01 already: nothing to move").doesNotContain("Type '");
        assertGroupOn("mastervm01");
    }

    @Test
    void aPeerThatIsDownIsRefusedBeforeAnyChange() throws Exception {
        lab.exec("node2", "xl shutdown -w mastervm02");
        // 'xl shutdown -w' returns before the lab's sshd and cluster view have caught up
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sshAnswers("mastervm02") || lab.exec("mastervm01", "crm_mon -1").contains("Online: [ mastervm01 mastervm02 ]")) {
            assertThat(System.nanoTime()).as("mastervm02 down within 30 s").isLessThan(until);
            Thread.sleep(300);
        }

        Run r = sopctl(new Answers("mastervm02"), "mastervm", "switchover");

        assertThat(r.exit()).as(r.out()).isNotZero().isNotEqualTo(ExitCode.NOT_DONE);
        assertThat(r.out()).contains("mastervm02 not Online").doesNotContain("Type '");
        assertGroupOn("mastervm01");
    }
}
