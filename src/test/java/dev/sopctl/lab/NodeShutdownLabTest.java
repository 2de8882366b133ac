package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The node-shutdown SOP end to end on the lab, over real OpenSSH. */
class NodeShutdownLabTest {

    @Lab("healthy")
    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Healthy {
        @TempDir
        Path state;

        @Test
        @Order(1)
        void theDryRunOpensNoConnectionAndTheCheckRunsOnlyProbes(LabEstate lab) {
            LabCli cli = new LabCli(lab, state);

            LabCli.Result plan = cli.run("node", "shutdown", "node1", "--dry-run");
            LabCli.Result check = cli.run("node", "shutdown", "node1", "--check");

            assertThat(plan.exit()).isZero();
            assertThat(plan.out()).contains("xl shutdown mastervm01").contains("umount /data");
            assertThat(check.exit()).as(check.all()).isZero();
            assertThat(check.out()).contains("would run");
            assertThat(cli.run("exec", "--on", "node1", "--", "xl list").out()).contains("mastervm01");
        }

        @Test
        @Order(2)
        void withoutATerminalAndWithoutYesItStopsBeforeTheFirstDestructiveStep(LabEstate lab) {
            LabCli cli = new LabCli(lab, state);

            LabCli.Result r = cli.run("node", "shutdown", "node1");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.NOT_DONE);
            assertThat(r.out()).contains("no terminal");
            LabCli.Result after = cli.run("exec", "--on", "node1", "--", "xl list; mount");
            assertThat(after.out()).contains("mastervm01").contains(" on /data ");
        }

        @Test
        @Order(3)
        void aRebootCompletesAndTheMasterVmRunsAgainWithDataMounted(LabEstate lab) {
            LabCli cli = new LabCli(lab, state);

            LabCli.Result r = cli.run("node", "shutdown", "node1", "--yes", "--reason", "lab e2e");

            assertThat(r.exit()).as(r.all()).isZero();
            assertThat(r.out()).contains("[node1] $ reboot").contains("start its VMs from the PVDI admin page");
            assertThat(r.out()).containsPattern("waiting until trim\\(stdout\\) != boot_id");
            LabCli.Result after = cli.run("exec", "--on", "node1", "--", "xl list; mount");
            assertThat(after.exit()).isZero();
            assertThat(after.out()).containsPattern("(?m)^mastervm01 ").contains(" on /data type ocfs2");
            LabCli.Result verify = cli.run("transcript", "verify");
            assertThat(verify.exit()).isZero();
        }
    }

    @Lab("guests-running")
    @Nested
    class GuestsRunning {
        @TempDir
        Path state;

        @Test
        void isRefusedWithExit2AndNothingChanges(LabEstate lab) {
            LabCli cli = new LabCli(lab, state);

            LabCli.Result r = cli.run("node", "shutdown", "node1", "--yes");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
            assertThat(r.out()).contains("guest VMs still run on node1");
            LabCli.Result after = cli.run("exec", "--on", "node1", "--", "xl list; mount");
            assertThat(after.out()).containsPattern("(?m)^mastervm01 ").contains(" on /data ");
        }
    }
}
