package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** storage check on the storage-down lab (o2cb stopped and /data unmounted on node1): found and repaired. */
@Lab("storage-down")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageCheckLabTest {
    @TempDir
    Path state;

    @Test
    @Order(1)
    void findsTheClusterStackDownOnNode1(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("storage", "check", "--no-color");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("on node1").contains("/data is not mounted on node1").contains("[node2] ok");
    }

    @Test
    @Order(2)
    void fixRestartsO2cbAndMountsData(LabEstate lab) throws Exception {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("storage", "check", "--fix", "--yes", "--no-color");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("[node1] $ /etc/init.d/o2cb restart").contains("[node1] $ mount /data")
                .doesNotContain("[node2] $ mount /data");
        assertThat(lab.exec("node1", "mount")).contains(" on /data type ocfs2");
    }

    @Test
    @Order(3)
    void aSecondFixRunsNoChange(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("storage", "check", "--fix", "--yes", "--no-color");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).doesNotContain("$ /etc/init.d/o2cb restart").doesNotContain("$ mount /data")
                .doesNotContain("confirmation:");
    }
}
