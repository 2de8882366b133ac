package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** node diagnose, vm diagnose-start and gvm copy on the healthy lab, over real OpenSSH. */
@Lab("healthy")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PvdiDiagnoseHealthyLabTest {
    private static final String SRC = "1943409b-b9fb-4e18-acdd-f5eb5390e5ef";
    private static final String DST = "8644c84e-76fc-4c2d-9eb9-847ad6d78c01";

    @TempDir
    Path state;

    @Test
    @Order(1)
    void diagnoseFindsNothingAndPrintsTheArchiveItLeftOnTheNode(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("node", "diagnose", "node1");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("No known signature");
        Matcher m = Pattern.compile("(/var/tmp/sopctl-diagnose-node1-[0-9-]+\\.tgz)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        LabCli.Result ls = cli.run("exec", "--yes", "--on", "node1", "--", "tar tzf " + m.group(1));
        assertThat(ls.exit()).as(ls.all()).isZero();
        assertThat(ls.out()).contains("var/log/messages");
    }

    @Test
    @Order(2)
    void vmDiagnoseStartFindsNoCauseForASmallVm(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("vm", "diagnose-start", "node1", "--memory", "512");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("Verdict: no cause found on node1");
    }

    @Test
    @Order(3)
    void vmDiagnoseStartNamesMemoryForAnImpossibleVm(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("vm", "diagnose-start", "node1", "--memory", "4000000");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("Verdict: the VM cannot start on node1: Xen has only")
                .doesNotContain("Verdict: no cause found on");
    }

    @Test
    @Order(4)
    void gvmCopyCheckRunsTheGuardsForRealAndChangesNothing(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("gvm", "copy", "--from", "node1", "--disk", SRC, "--to", "node3",
                "--target-disk", DST, "--check");

        assertThat(r.exit()).as(r.all()).isNotEqualTo(ExitCode.CRITICAL).isNotEqualTo(ExitCode.UNKNOWN);
        assertThat(r.out()).contains("would run").doesNotContain("is now a verified copy");
        LabCli.Result files = cli.run("exec", "--on", "node3", "--", "ls /data/gvm");
        assertThat(files.out()).doesNotContain(".bak").doesNotContain("sopctl-partial");
    }

    @Test
    @Order(5)
    void anUntrustedDestinationIsFoundBeforeAnythingIsCopiedAndRelayCopiesThroughSopctlInstead(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);
        String before = listing(cli);
        // node3 no longer trusts node1's key (sopctl's own key still works)
        assertThat(cli.run("exec", "--yes", "--on", "node3", "--", "cd /root/.ssh && cp authorized_keys authorized_keys.off"
                + " && grep -v ' root@node1$' authorized_keys.off > authorized_keys").exit()).isZero();
        try {
            LabCli.Result refused = cli.run("gvm", "copy", "--from", "node1", "--disk", SRC, "--to", "node3",
                    "--target-disk", DST, "--yes");

            assertThat(refused.exit()).as(refused.all()).isEqualTo(ExitCode.CRITICAL);
            assertThat(refused.out()).contains("step 'check-node-trust' failed on node1")
                    .contains("node1 cannot log in to node3").contains("add --relay").doesNotContain("$ scp ");
            assertThat(listing(cli)).isEqualTo(before);

            LabCli.Result relayed = cli.run("gvm", "copy", "--from", "node1", "--disk", SRC, "--to", "node3",
                    "--target-disk", DST, "--relay", "--yes", "--reason", "lab e2e relay");

            assertThat(relayed.exit()).as(relayed.all()).isZero();
            assertThat(relayed.out()).contains("through sopctl into node3").contains("relayed 32.0 MiB in ")
                    .doesNotContain("$ scp ");
            LabCli.Result transcript = cli.run("transcript", "show");
            assertThat(transcript.out()).contains("(reads node1's output)").contains("transferred 32.0 MiB of 32.0 MiB to node3");
            assertThat(sha(cli, "node3", "/data/gvm/" + DST)).isEqualTo(sha(cli, "node1", "/data/gvm/" + SRC));
        } finally {
            cli.run("exec", "--yes", "--on", "node3", "--", "mv /root/.ssh/authorized_keys.off /root/.ssh/authorized_keys");
            cli.run("exec", "--yes", "--on", "node3", "--", "cd /data/gvm && if [ -e " + DST + ".bak ]; then mv " + DST
                    + ".bak " + DST + "; fi");
        }
        assertThat(sha(cli, "node3", "/data/gvm/" + DST)).isNotEqualTo(sha(cli, "node1", "/data/gvm/" + SRC));
    }

    @Test
    @Order(6)
    void whenScpFailsAfterTheChecksTheDestinationIsPutBackAsItWas(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);
        String before = listing(cli);
        // node3 lets node1's key in only to run 'true': the trust check passes, scp cannot transfer
        assertThat(cli.run("exec", "--yes", "--on", "node3", "--", "cd /root/.ssh && cp authorized_keys authorized_keys.off"
                + " && sed 's/^ssh-ed25519 \\(.* root@node1\\)$/command=\"true\" ssh-ed25519 \\1/' authorized_keys.off"
                + " > authorized_keys && grep -c '^command=' authorized_keys").out()).contains("1");
        try {
            LabCli.Result r = cli.run("gvm", "copy", "--from", "node1", "--disk", SRC, "--to", "node3",
                    "--target-disk", DST, "--yes");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
            assertThat(r.out()).contains("step 'copy-disk' failed on node1").contains("$ scp ")
                    .contains("remove-partial-copy").contains("is left as it was");
        } finally {
            cli.run("exec", "--yes", "--on", "node3", "--", "mv /root/.ssh/authorized_keys.off /root/.ssh/authorized_keys");
        }
        assertThat(listing(cli)).isEqualTo(before);
    }

    /** node3's GVM folder: names, sizes and times, to tell that nothing changed. */
    private static String listing(LabCli cli) {
        LabCli.Result r = cli.run("exec", "--on", "node3", "--", "ls -l --time-style=+%s /data/gvm");
        assertThat(r.exit()).as(r.all()).isZero();
        return r.out().lines().filter(l -> l.contains(DST)).toList().toString();
    }

    @Test
    @Order(7)
    void gvmCopyReplacesTheTargetWithAVerifiedCopyAndKeepsTheOldOneAsBak(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("gvm", "copy", "--from", "node1", "--disk", SRC, "--to", "node3",
                "--target-disk", DST, "--yes", "--reason", "lab e2e");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("Start the new GVM from the admin page");
        String source = sha(cli, "node1", "/data/gvm/" + SRC);
        String target = sha(cli, "node3", "/data/gvm/" + DST);
        assertThat(target).isEqualTo(source).hasSize(64);
        LabCli.Result files = cli.run("exec", "--on", "node3", "--", "ls /data/gvm");
        assertThat(files.out()).contains(DST + ".bak").doesNotContain("sopctl-partial");
        assertThat(cli.run("transcript", "verify").exit()).isZero();
    }

    @Test
    @Order(8)
    void aSecondGvmCopyIsRefusedBecauseOfTheLeftoverBak(LabEstate lab) {
        LabCli cli = new LabCli(lab, state);

        LabCli.Result r = cli.run("gvm", "copy", "--from", "node1", "--disk", SRC, "--to", "node3",
                "--target-disk", DST, "--yes");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains(DST + ".bak is left over on node3");
    }

    private static String sha(LabCli cli, String host, String file) {
        LabCli.Result r = cli.run("exec", "--on", host, "--", "sha256sum " + file);
        assertThat(r.exit()).as(r.all()).isZero();
        Matcher m = Pattern.compile("\\b([0-9a-f]{64})\\b").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return m.group(1);
    }
}
