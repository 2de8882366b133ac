package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** node diagnose on a node whose logs hold Xen balloon call traces (scenario hang-xenballoon). */
@Lab("hang-xenballoon")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HangXenballoonLabTest {
    private static final String CRON = "0 * * * * sync && echo 1 > /proc/sys/vm/drop_caches";
    private static final String MISSING = "root's crontab has no drop_caches line";
    private static final String ALREADY = "the hourly drop_caches cron is already in root's crontab";

    @TempDir
    Path state;

    @Test
    @Order(1)
    void diagnoseReportsTheBalloonTracesAndTheHungTaskAsWarnings(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("node", "diagnose", "node1");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.WARNING);
        assertThat(r.out()).contains("Xen balloon call trace (alloc_xenballooned_pages, with vfs_ioctl: true) 2x")
                .contains(MISSING)
                .doesNotContain(ALREADY)
                .contains("hung task 2x")
                .doesNotContain("No known signature");
    }

    @Test
    @Order(2)
    void fixInstallsTheCronLineOnce(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("node", "diagnose", "node1", "--fix", "--yes");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.WARNING);
        // one verdict: the re-check's, saying what the repair did
        assertThat(r.out()).contains("$ crontab -l 2>/dev/null | grep -qF")
                .contains(ALREADY + " (after the repair: add '" + CRON + "' to root's crontab on node1)");
        LabCli.Result cron = cli.run("exec", "--on", "node1", "--", "crontab -l");
        assertThat(cron.out()).containsOnlyOnce(CRON);
    }

    @Test
    @Order(3)
    void aSecondFixChangesNothing(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("node", "diagnose", "node1", "--fix", "--yes");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.WARNING);
        assertThat(r.out()).contains(ALREADY).doesNotContain(MISSING)
                .doesNotContain("confirmation: auto-yes");
        LabCli.Result cron = cli.run("exec", "--on", "node1", "--", "crontab -l");
        assertThat(cron.out()).containsOnlyOnce(CRON);
    }
}
