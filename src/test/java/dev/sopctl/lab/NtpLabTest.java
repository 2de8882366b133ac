package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * ntp check and sync on the clock-skew lab (node2's clock 0.3 s ahead; node1, node2 run ntpd, node3
 * and the master VMs chrony, lk2 systemd-timesyncd): found, synced, found healthy; chrony stepped;
 * a server that does not answer and a big step on OCFS2 without a terminal change nothing; timesyncd
 * pointed at a server and waited for, or put back when the server does not answer.
 */
@Lab("clock-skew")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NtpLabTest {
    @TempDir
    Path state;

    @Test
    @Order(1)
    void theSkewedNodeIsNamedWithItsSkew(LabEstate lab) {
        LabCli.Result r = new LabCli(lab, state).run("ntp", "check", "--no-color");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.WARNING);
        assertThat(r.out()).containsPattern("node2's clock is (2[5-9]\\d|3[0-4]\\d)(\\.\\d)? ms off the other hosts' \\(± [\\d.]+ ms; limit 100ms\\)")
                .contains("ntpd on node2 is -299.88 ms off its peer")
                .doesNotContain("node1's clock is").doesNotContain("node3's clock is");
    }

    @Test
    @Order(2)
    void syncThenCheckIsOk(LabEstate lab) throws Exception {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result sync = cli.run("ntp", "sync", "node2", "--yes", "--no-color");

        assertThat(sync.exit()).as(sync.all()).isZero();
        assertThat(sync.out()).contains("[node2] $ /etc/init.d/ntp stop && ntpdate -s ");
        assertThat(lab.exec("node2", "cat /var/lib/lab/clock_offset")).isEqualTo("0\n");
        assertThat(lab.exec("node2", "grep -c '^server' /etc/ntp.conf")).as("the line was there: no second one").isEqualTo("1\n");
        LabCli.Result check = cli.run("ntp", "check", "node1", "node2", "node3", "mastervm01", "lk2", "--no-color");
        assertThat(check.exit()).as(check.all()).isZero();
        assertThat(check.out()).contains("[node3] $ chronyc tracking").contains("[lk2] $ timedatectl show");
    }

    @Test
    @Order(3)
    void chronyIsSteppedWithMakestep(LabEstate lab) throws Exception {
        lab.fault("node3", "clock-skew", Map.of("LAB_SKEW", "-1.5"));
        LabCli cli = new LabCli(lab, state);
        LabCli.Result check = cli.run("ntp", "check", "--no-color");
        assertThat(check.exit()).as(check.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(check.out()).containsPattern("node3's clock is -1[45]\\d\\d(\\.\\d)? ms off the other hosts'");

        LabCli.Result sync = cli.run("ntp", "sync", "node3", "--yes", "--no-color");

        assertThat(sync.exit()).as(sync.all()).isZero();
        assertThat(sync.out()).contains("[node3] $ chronyc makestep").doesNotContain("/etc/init.d/ntp stop");
        assertThat(lab.exec("node3", "grep -c '^server' /etc/chrony/chrony.conf")).isEqualTo("1\n");
        assertThat(cli.run("ntp", "check", "--no-color").exit()).isZero();
    }

    @Test
    @Order(4)
    void aServerThatDoesNotAnswerStopsBeforeNtpdStops(LabEstate lab) throws Exception {
        LabCli.Result r = new LabCli(lab, state).run("ntp", "sync", "node1", "--server", "10.0.0.9", "--yes", "--no-color");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("NTP server 10.0.0.9 does not answer node1; nothing was changed")
                .doesNotContain("/etc/init.d/ntp stop");
        assertThat(lab.exec("node1", "/etc/init.d/ntp status")).contains("NTP server is running.");
        assertThat(lab.exec("node1", "grep -c 10.0.0.9 /etc/ntp.conf")).isEqualTo("0\n");
    }

    @Test
    @Order(5)
    void aBigStepOnOcfs2NeedsTheNodesNameTyped(LabEstate lab) throws Exception {
        lab.fault("node1", "clock-skew", Map.of("LAB_SKEW", "3"));

        LabCli.Result r = new LabCli(lab, state).run("ntp", "sync", "node1", "--no-color");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(r.all()).contains("stopped before destructive step 'sync-ntpd-ocfs2'")
                .doesNotContain("[node1] $ /etc/init.d/ntp stop");
        assertThat(lab.exec("node1", "/etc/init.d/ntp status")).contains("NTP server is running.");
        assertThat(lab.exec("node1", "cat /var/lib/lab/clock_offset")).isEqualTo("3\n");
    }

    @Test
    @Order(6)
    void timesyncdIsPointedAtTheServerRestartedAndWaitedFor(LabEstate lab) throws Exception {
        lab.fault("lk2", "clock-skew", Map.of("LAB_SKEW", "0.8"));
        String server = lab.exec("lk2", "cat /var/lib/lab/lab_net").strip() + ".5";

        LabCli.Result r = new LabCli(lab, state).run("ntp", "sync", "lk2", "--server", server, "--yes", "--no-color");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("[lk2] $ systemctl restart systemd-timesyncd").doesNotContain("[lk2] $ ntpdate")
                .doesNotContain("[lk2] $ /etc/init.d/ntp");
        assertThat(lab.exec("lk2", "grep '^NTP=' /etc/systemd/timesyncd.conf")).isEqualTo("NTP=" + server + "\n");
        assertThat(lab.exec("lk2", "ls /etc/systemd/")).contains("timesyncd.conf.sopctl-bak").doesNotContain("sopctl-prev");
        assertThat(lab.exec("lk2", "timedatectl show-timesync -p ServerAddress --value")).isEqualTo(server + "\n");
        assertThat(lab.exec("lk2", "cat /var/lib/lab/clock_offset")).isEqualTo("0\n");
    }

    @Test
    @Order(7)
    void aServerThatDoesNotAnswerTimesyncdIsNamedAndTheConfigurationPutBack(LabEstate lab) throws Exception {
        lab.fault("lk2", "clock-skew", Map.of("LAB_SKEW", "0.5"));
        String before = lab.exec("lk2", "cat /etc/systemd/timesyncd.conf");

        LabCli.Result r = new LabCli(lab, state).run("ntp", "sync", "lk2", "--server", "10.0.0.9", "--yes", "--no-color");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.all()).contains("systemd-timesyncd on lk2 did not synchronise with 10.0.0.9 within 30 s");
        assertThat(lab.exec("lk2", "cat /etc/systemd/timesyncd.conf")).isEqualTo(before);
        assertThat(lab.exec("lk2", "systemctl is-active systemd-timesyncd")).isEqualTo("active\n");
        assertThat(lab.exec("lk2", "ls /etc/systemd/")).doesNotContain("sopctl-prev");
    }
}
