package dev.sopctl.cli;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Cluster;
import dev.sopctl.inventory.Inventory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sopctl mastervm ...}: the PVDI master VMs. */
@Command(name = "mastervm", description = "PVDI master VM procedures.")
final class MastervmCommand {

    @Command(name = "check",
            description = {"Check the master VMs (runbook pvdi/mastervm-check): nginx and the WAS processes (pvdi1 or pvdi2",
                "by host var pvdi_version), the newest DB dump and the latest backup log; in HA mode (a Pacemaker",
                "cluster of master VMs in the inventory) every resource of its resource_group Started, on one member,",
                "and the active master. With --fix: 'crm resource start' for stopped resources and the daemons'",
                "start scripts (confirmed), then check again."},
            footer = {"", "Examples:",
                "  sopctl mastervm check",
                "  sopctl mastervm check --max-backup-age 48h",
                "  sopctl mastervm check --fix --yes --reason 'after power loss'"})
    static final class Check implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--fix", description = "Start stopped cluster resources and daemons (destructive: asks, or --yes).")
        boolean fix;

        @Option(names = "--cluster", paramLabel = "CLUSTER",
                description = "The Pacemaker cluster of the master VMs (default: the one in the inventory whose members are master VMs; none: single mode).")
        String cluster;

        @Option(names = "--max-backup-age", paramLabel = "DURATION", defaultValue = "26h",
                description = "The newest DB dump must be younger than this (default ${DEFAULT-VALUE}).")
        String maxBackupAge;

        @Override
        public Integer call() {
            Map<String, String> params = new LinkedHashMap<>();
            String ha = cluster != null ? cluster : masterVmCluster(InventoryCommand.load(spec));
            if (ha != null) {
                params.put("cluster", ha);
            }
            params.put("fix", String.valueOf(fix));
            params.put("max_backup_age", maxBackupAge);
            return RunbookInvoker.run(spec, "pvdi/mastervm-check", params);
        }

        /** HA mode: the first Pacemaker cluster whose members are all master VMs, or null. */
        static String masterVmCluster(Inventory inventory) {
            for (Cluster c : inventory.clusters().values()) {
                boolean masterVms = !c.members().isEmpty() && c.members().stream()
                        .map(m -> inventory.hosts().get(m))
                        .allMatch(h -> h != null && "mastervm".equals(h.role()));
                if ("pacemaker".equals(c.type()) && masterVms) {
                    return c.name();
                }
            }
            return null;
        }
    }

    @Command(name = "switchover",
            description = {"Move the HA master VM's resource group (and the DRBD primary of ms_r0 with it) to the other master",
                "VM (runbook pvdi/mastervm-switchover): crm resource move, wait for the cluster, crm resource clear. Guards:",
                "both members Online, the group Started on one member, ms_r0 running unpromoted on the target. You type",
                "the target's name to confirm; a stop after the move moves the group back."},
            footer = {"", "Examples:",
                "  sopctl mastervm switchover --dry-run",
                "  sopctl mastervm switchover --to mastervm01 --reason 'patch mastervm02'"})
    static final class Switchover implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--to", paramLabel = "NODE", description = "The master VM to move to (default: the other member).")
        String to;

        @Option(names = "--cluster", paramLabel = "CLUSTER",
                description = "The Pacemaker cluster of the master VMs (default: the one in the inventory whose members are master VMs).")
        String cluster;

        @Override
        public Integer call() {
            String ha = cluster != null ? cluster : Check.masterVmCluster(InventoryCommand.load(spec));
            if (ha == null) {
                throw new SopctlException(ExitCode.INVALID_INPUT,
                        "no Pacemaker cluster of master VMs in the inventory: a single master VM has nothing to switch over to",
                        "name the cluster with --cluster");
            }
            Map<String, String> params = new LinkedHashMap<>();
            params.put("cluster", ha);
            if (to != null) {
                params.put("to", to);
            }
            return RunbookInvoker.run(spec, "pvdi/mastervm-switchover", params);
        }
    }
}
