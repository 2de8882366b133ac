package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** node check, mastervm check and storage check on the healthy lab: everything OK, exit 0. */
@Lab("healthy")
class ChecksHealthyLabTest {
    @TempDir
    Path state;

    @Test
    void allThreeChecksPass(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result node = cli.run("node", "check", "--no-color");
        LabCli.Result mastervm = cli.run("mastervm", "check", "--no-color");
        LabCli.Result storage = cli.run("storage", "check", "--no-color", "-v"); // -v: skipped steps too

        assertThat(node.exit()).as(node.all()).isZero();
        assertThat(node.out()).containsPattern("\\[node1\\] ok \\([0-9.]+s\\): PVDI 2\\.3\\.1");
        assertThat(mastervm.exit()).as(mastervm.all()).isZero();
        assertThat(mastervm.out()).contains("ok (").contains("): active master mastervm0");
        assertThat(storage.exit()).as(storage.all()).isZero();
        assertThat(storage.out()).contains("[node3] skipped: condition is false: zone != null and zone.shared");
    }

    @Test
    void aFixOnAHealthyEstateRunsNoChange(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("node", "check", "--fix", "--yes", "--no-color");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).doesNotContain("$ su - orchard").doesNotContain("$ /etc/init.d").doesNotContain("$ mount /data")
                .doesNotContain("confirmation:");
    }
}
