package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gvm copy while the source GVM runs (scenario gvm-running): refused, nothing changed. */
@Lab("gvm-running")
class GvmRunningLabTest {
    private static final String SRC = "1943409b-b9fb-4e18-acdd-f5eb5390e5ef";
    private static final String DST = "8644c84e-76fc-4c2d-9eb9-847ad6d78c01";

    @TempDir
    Path state;

    @Test
    void gvmCopyIsRefusedWithExit2AndTheDestinationIsUntouched(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);
        String before = gvmFolder(cli);

        LabCli.Result r = cli.run("gvm", "copy", "--from", "node1", "--disk", SRC, "--to", "node3",
                "--target-disk", DST, "--yes");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("a running domain on node1 uses /data/gvm/" + SRC).doesNotContain("scp ");
        String after = gvmFolder(cli);
        assertThat(after).isEqualTo(before).contains(DST).doesNotContain(".bak").doesNotContain("sopctl-partial");
    }

    /** node3's /data/gvm: names, sizes, times and the target's SHA-256 (without exec's header and footer). */
    private static String gvmFolder(LabCli cli) {
        LabCli.Result r = cli.run("exec", "--on", "node3", "--", "ls -l --time-style=+%s /data/gvm; sha256sum /data/gvm/" + DST);
        assertThat(r.exit()).as(r.all()).isZero();
        return r.out().lines().filter(l -> l.contains(DST)).collect(java.util.stream.Collectors.joining("\n"));
    }
}
