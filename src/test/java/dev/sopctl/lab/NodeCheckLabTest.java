package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** node check on the daemon-down lab (pemon stopped on node1): found, repaired, and a second fix changes nothing. */
@Lab("daemon-down")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeCheckLabTest {
    @TempDir
    Path state;

    @Test
    @Order(1)
    void findsPemonDownOnNode1AndReportsEveryNode(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("node", "check", "--no-color");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("pemon is not running on node1").contains("[node2] ok").contains("[node3] ok");
    }

    @Test
    @Order(2)
    void fixStartsPemonAsOrchard(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("node", "check", "--fix", "--yes", "--no-color", "--reason", "lab e2e");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("[node1] $ su - orchard -c 'cd ~/pvdi/scripts && ./pemon start'")
                .contains("[node1] ok").contains("repaired: start pemon (as orchard) on node1")
                .doesNotContain("[node2] $ su - orchard").doesNotContain("nginx start");
        assertThat(cli.run("exec", "--on", "node1", "--", "ps -ef").out()).contains("pemon.py");
    }

    @Test
    @Order(3)
    void aSecondFixRunsNoChange(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("node", "check", "node1", "--fix", "--yes", "--no-color", "-v");

        assertThat(r.exit()).as(r.all()).isZero();
        // no repair runs: only the probes ran (one ps -ef), nothing was confirmed
        assertThat(r.out()).doesNotContain("$ su - orchard").doesNotContain("$ /etc/init.d").doesNotContain("$ mount /data")
                .doesNotContain("confirmation:");
        assertThat(r.out().lines().filter(l -> l.startsWith("  [node1] $ ")).toList())
                .containsExactly("  [node1] $ mount", "  [node1] $ ps -ef", "  [node1] $ cat /home/orchard/pvdi/docs/VERSION");
    }
}
