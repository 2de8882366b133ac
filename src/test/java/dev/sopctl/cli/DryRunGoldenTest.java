package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden plans: the --dry-run text of the SOP commands on the example inventory, compared
 * line by line with src/test/resources/golden/. Regenerate after an intended change with
 * {@code mvn test -Dtest=DryRunGoldenTest -Dgolden.update=true} and review the diff.
 */
class DryRunGoldenTest {
    @TempDir
    Path state;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "node-shutdown-node1-reboot, node shutdown node1",
        "node-shutdown-node1-halt, node shutdown node1 --halt",
        "node-shutdown-node3-local, node shutdown node3",
        "run-node-shutdown-node2, run pvdi/node-shutdown -p node=node2",
        "node-check-all, node check",
        "node-check-node1-fix, node check node1 --fix",
        "mastervm-check-ha, mastervm check",
        "mastervm-check-fix, mastervm check --fix",
        "storage-check-all-fix, storage check --fix",
        "node-diagnose-node1, node diagnose node1",
        "node-diagnose-node1-fix, node diagnose node1 --fix",
        "vm-diagnose-start-node1-2048, vm diagnose-start node1 --memory 2048",
        "vm-diagnose-start-node3, vm diagnose-start node3",
        "gvm-copy-node1-node3, gvm copy --from node1 --disk 1943409b-b9fb-4e18-acdd-f5eb5390e5ef --to node3 --target-disk 8644c84e-76fc-4c2d-9eb9-847ad6d78c01",
        "test-drbd-switch-primary, --runbooks src/test/resources/runbooks run test/drbd-switch-primary -p cluster=nfs-ha",
        "gvm-copy-relay-node1-node3, gvm copy --from node1 --disk 1943409b-b9fb-4e18-acdd-f5eb5390e5ef --to node3 --target-disk 8644c84e-76fc-4c2d-9eb9-847ad6d78c01 --relay",
        "net-check-all, net check",
        "net-readdress-bridge-node1, net readdress-bridge node1 --bridge xenbr1 --address 10.9.0.5/24 --gateway 10.9.0.1",
        "net-readdress-bridge-node1-management, net readdress-bridge node1 --bridge xenbr0 --address 192.168.0.120/24",
        "ntp-check-nodes-mastervm01, ntp check node1 node2 mastervm01 --warn 50ms",
        "ntp-sync-node2-server, ntp sync node2 --server 192.168.0.1",
        "cloudstack-check-cloud1, -i examples/cloudstack/inventory.yaml cloudstack check cloud1",
        "cloudstack-fix-memory-cap-cloud1, -i examples/cloudstack/inventory.yaml cloudstack fix-memory-cap cloud1",
        "lk-status-app-lk, lk status app-lk",
        "lk-failover-app1, lk failover app-lk --tag app1",
        "lk-failback-app2, lk failback app-lk --tag app2 --min-interval 5m",
        "lk-data-corrupt-app1, lk data-corrupt app-lk --tag app1",
        "lk-data-corrupt-app1-remove-flag, lk data-corrupt app-lk --tag app1 --method remove-flag",
        "lk-maintenance-stop, lk maintenance stop app-lk",
        "lk-maintenance-start, lk maintenance start app-lk",
        "splitbrain-recover-app-lk-lk2, splitbrain recover app-lk --victim lk2",
        "mastervm-switchover, mastervm switchover",
        "mastervm-switchover-to-mastervm01, mastervm switchover --to mastervm01",
        "drbd-status-nfs-ha, drbd status nfs-ha",
        "drbd-switchover-nfs-ha, drbd switchover nfs-ha",
        "drbd-switchover-nfs-ha-to-nas2, drbd switchover nfs-ha --to nas2",
        "splitbrain-recover-nfs-ha-nas2, splitbrain recover nfs-ha --victim nas2"})
    void planMatchesTheGoldenFileAndOpensNoConnection(String golden, String command) throws IOException {
        Cli cli = new Cli(state);
        // a command that names its own inventory (-i) uses that one
        String[] args = ((command.startsWith("-i ") ? "" : "-i examples/inventory.yaml ") + "--dry-run " + command).split(" ");

        Cli.Result r = cli.run(args);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(cli.transportsOpened).hasValue(0);
        String plan = r.out().lines().filter(l -> !l.startsWith("Transcript: ")).collect(Collectors.joining("\n")) + "\n";
        Path file = Path.of("src/test/resources/golden", golden + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, plan, StandardCharsets.UTF_8);
        }
        assertThat(plan).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
