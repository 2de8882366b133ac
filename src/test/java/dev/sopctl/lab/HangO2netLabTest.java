package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** node diagnose on a node whose logs hold o2net disconnects (scenario hang-o2net). */
@Lab("hang-o2net")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HangO2netLabTest {
    @TempDir
    Path state;

    @Test
    @Order(1)
    void diagnoseReportsTheDisconnectsAndTheThreshold(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("node", "diagnose", "node1");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.WARNING);
        assertThat(r.out()).contains("o2net: no longer connected to node node2 2x")
                .contains("O2CB_HEARTBEAT_THRESHOLD is 31").doesNotContain("O2CB_HEARTBEAT_THRESHOLD is already 91");
    }

    @Test
    @Order(2)
    void fixSetsTheThresholdAndReloadsO2cb(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("node", "diagnose", "node1", "--fix", "--yes");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.WARNING);
        assertThat(r.out()).contains("&& /etc/init.d/o2cb reload")
                .contains("O2CB_HEARTBEAT_THRESHOLD is already 91 (after the repair: set O2CB_HEARTBEAT_THRESHOLD=91 (was 31)");
        LabCli.Result after = cli.run("exec", "--on", "node1", "--",
                "grep -c '^O2CB_HEARTBEAT_THRESHOLD=91$' /etc/default/o2cb; /etc/init.d/o2cb status");
        assertThat(after.out()).containsPattern("(?m)^1$").contains("Heartbeat dead threshold: 91");
    }

    @Test
    @Order(3)
    void aSecondFixChangesNothing(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("node", "diagnose", "node1", "--fix", "--yes");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.WARNING);
        assertThat(r.out()).contains("O2CB_HEARTBEAT_THRESHOLD is already 91")
                .doesNotContain("O2CB_HEARTBEAT_THRESHOLD is 31").doesNotContain("confirmation: auto-yes");
    }
}
