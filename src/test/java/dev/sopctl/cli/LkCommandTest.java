package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sopctl lk's bad input: refused before anything is planned or connected. */
class LkCommandTest {
    @TempDir
    Path state;

    private Cli.Result run(String... args) {
        Cli cli = new Cli(state);
        String[] all = new String[args.length + 2];
        all[0] = "-i";
        all[1] = "examples/inventory.yaml";
        System.arraycopy(args, 0, all, 2, args.length);
        Cli.Result r = cli.run(all);
        assertThat(cli.transportsOpened).hasValue(0);
        return r;
    }

    @Test
    void aClusterOfAnotherTypeIs65NamingItsType() {
        Cli.Result status = run("lk", "status", "nfs-ha");
        Cli.Result failover = run("lk", "failover", "mastervm-ha", "--tag", "app1", "--dry-run");

        assertThat(status.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(status.err()).contains("parameter 'cluster'", "cluster 'nfs-ha' is a drbd cluster, not lifekeeper");
        assertThat(failover.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(failover.err()).contains("cluster 'mastervm-ha' is a pacemaker cluster, not lifekeeper");
    }

    @Test
    void aClusterThatDoesNotExistIs65NamingTheClusters() {
        Cli.Result r = run("lk", "status", "nope");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("'nope' is not a cluster", "app-lk");
    }

    @Test
    void anUnknownTagIs65NamingTheTopTags() {
        for (String sub : new String[] {"failover", "failback", "data-corrupt"}) {
            Cli.Result r = run("lk", sub, "app-lk", "--tag", "ip1", "--dry-run");

            assertThat(r.exit()).as(sub).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(r.err()).as(sub).contains("--tag 'ip1' is not a hierarchy of cluster 'app-lk' (its top tags: app1, app2)");
        }
    }

    @Test
    void aMissingTagOrMaintenanceActionIsAUsageError() {
        Cli.Result noTag = run("lk", "failover", "app-lk");
        Cli.Result badAction = run("lk", "maintenance", "pause", "app-lk");
        Cli.Result badMethod = run("lk", "data-corrupt", "app-lk", "--tag", "app1", "--method", "guess", "--dry-run");
        Cli.Result badInterval = run("lk", "failover", "app-lk", "--tag", "app1", "--min-interval", "soon", "--dry-run");

        assertThat(noTag.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noTag.err()).contains("--tag");
        assertThat(badAction.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badAction.err()).contains("pause");
        assertThat(badMethod.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(badMethod.err()).contains("parameter 'method'", "guess");
        assertThat(badInterval.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(badInterval.err()).contains("parameter 'min_interval'");
    }

    @Test
    void splitbrainRecoverRefusesAVictimOutsideTheClusterAndAClusterWithoutARecovery() {
        Cli.Result notMember = run("splitbrain", "recover", "app-lk", "--victim", "nas1", "--dry-run");
        Cli.Result pacemaker = run("splitbrain", "recover", "mastervm-ha", "--victim", "mastervm01", "--dry-run");
        Cli.Result noVictim = run("splitbrain", "recover", "app-lk");

        assertThat(notMember.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(notMember.err()).contains("--victim 'nas1' is not a member of cluster 'app-lk' (members: lk1, lk2)");
        assertThat(pacemaker.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(pacemaker.err()).contains("cluster 'mastervm-ha' is a pacemaker cluster; splitbrain recover knows drbd and lifekeeper");
        assertThat(noVictim.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noVictim.err()).contains("--victim");
    }

    @Test
    void splitbrainRecoverOfALifekeeperClusterPlansTheSopsProcedure() {
        Cli.Result r = run("--dry-run", "splitbrain", "recover", "app-lk", "--victim", "lk2");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Plan: ha/splitbrain-lk", "remove-on-victim", "typed confirmation",
                "wait until out.alive");
    }

    @Test
    void mastervmSwitchoverRefusesATargetThatIsNoMasterVmAndAClusterOfAnotherType() {
        Cli.Result node = run("mastervm", "switchover", "--to", "node1", "--dry-run");
        Cli.Result drbd = run("mastervm", "switchover", "--cluster", "nfs-ha", "--dry-run");

        assertThat(node.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(node.err()).contains("parameter 'to'", "'node1' is a node, not a mastervm");
        assertThat(drbd.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(drbd.err()).contains("cluster 'nfs-ha' is a drbd cluster, not pacemaker");
    }
}
