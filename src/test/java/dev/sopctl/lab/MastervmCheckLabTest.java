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

/** mastervm check on the HA lab: stopped cluster resources, a master VM down, and stale DB backups. */
class MastervmCheckLabTest {

    @Lab("ha-resource-stopped")
    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class HaResourceStopped {
        @TempDir
        Path state;

        @Test
        @Order(1)
        void namesTheStoppedResources(LabEstate lab) {
            LabCli cli = new LabCli(lab, state);

            LabCli.Result r = cli.run("mastervm", "check", "--no-color");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
            assertThat(r.out()).contains("resources of group DBServer not started: DBFS, Links, Dbase");
            // HA checks run on one member only (the SOP: either one)
            assertThat(r.out()).contains("[mastervm01] $ crm resource status").doesNotContain("[mastervm02] $ crm resource status");
        }

        @Test
        @Order(2)
        void fixStartsThemAndASecondFixChangesNothing(LabEstate lab) {
            LabCli cli = new LabCli(lab, state);

            LabCli.Result fix = cli.run("mastervm", "check", "--fix", "--yes", "--no-color");
            LabCli.Result again = cli.run("mastervm", "check", "--fix", "--yes", "--no-color");

            assertThat(fix.exit()).as(fix.all()).isZero();
            assertThat(fix.out()).contains("[mastervm01] $ crm --wait resource start DBFS Links Dbase")
                    .contains("repaired: start the stopped resources DBFS, Links, Dbase of cluster mastervm-ha");
            assertThat(again.exit()).as(again.all()).isZero();
            assertThat(again.out()).doesNotContain("resource start").doesNotContain("confirmation:");
        }
    }

    @Lab("mastervm-down")
    @Nested
    class MastervmDown {
        @TempDir
        Path state;

        @Test
        void theOtherMemberIsAskedAndTheRunWarnsNamingTheActiveMaster(LabEstate lab) {
            LabCli cli = new LabCli(lab, state);

            LabCli.Result r = cli.run("mastervm", "check", "--no-color");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.WARNING);
            assertThat(r.out()).contains("mastervm01 down or OFFLINE: serving without redundancy, active master mastervm02")
                    .contains("[mastervm02] $ crm resource status").contains("[mastervm02] $ ps -ef")
                    .doesNotContain("[mastervm01] $ ps -ef");
        }
    }

    @Lab("db-backup-stale")
    @Nested
    class DbBackupStale {
        @TempDir
        Path state;

        @Test
        void failsOnTheBackupAgeAndTheLogErrors(LabEstate lab) {
            LabCli cli = new LabCli(lab, state);

            LabCli.Result r = cli.run("mastervm", "check", "--no-color");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
            assertThat(r.out()).containsPattern("the newest DB dump on mastervm01 \\(pvdi_\\d{8}\\.sql\\.gz\\) is 7\\d(\\.\\d)? h old")
                    .contains("reports errors: ").contains("[mastervm02] ok");
        }
    }
}
