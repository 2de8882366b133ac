package dev.sopctl.cli;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Cluster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl lk ...}: SIOS LifeKeeper clusters with DataKeeper mirrors. */
@Command(name = "lk", description = "SIOS LifeKeeper clusters: status, failover/failback, data_corrupt, maintenance.")
final class LkCommand {
    private LkCommand() {}

    @Command(name = "status",
            description = {"Check a LifeKeeper cluster (runbook ha/lk-status), read-only: lcdstatus -e on every member (each",
                "resource ISP/ISU/OSU/OSF, the communication paths ALIVE/DEAD) and mirror_status of each mirror in service",
                "there. CRITICAL: LifeKeeper down, a resource OSF, every path DEAD, a hierarchy in service on both members",
                "(split brain) or on none, a mirror broken. WARNING: one path of several DEAD, ISU, a mirror resyncing, a",
                "hierarchy away from its primary."},
            footer = {"", "Example:", "  sopctl lk status app-lk"})
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CLUSTER", description = "The LifeKeeper cluster (inventory type lifekeeper).")
        String cluster;

        @Override
        public Integer call() {
            return RunbookInvoker.run(spec, "ha/lk-status", Map.of("cluster", cluster));
        }
    }

    /** What failover and failback share: the cluster, the hierarchy and the SOP's interval. */
    abstract static class Move implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CLUSTER", description = "The LifeKeeper cluster (inventory type lifekeeper).")
        String cluster;

        @Option(names = "--tag", paramLabel = "TAG", required = true,
                description = "The top tag of the hierarchy to move (a key of the cluster's hierarchies in the inventory).")
        String tag;

        @Option(names = "--min-interval", paramLabel = "DURATION", defaultValue = "3m",
                description = "Refuse while the hierarchy's last switchover is more recent than this (the SOP: about 3 minutes; default ${DEFAULT-VALUE}).")
        String minInterval;

        abstract String runbook();

        @Override
        public Integer call() {
            requireHierarchy(spec, cluster, tag);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("cluster", cluster);
            params.put("tag", tag);
            params.put("min_interval", minInterval);
            return RunbookInvoker.run(spec, runbook(), params);
        }
    }

    @Command(name = "failover",
            description = {"Fail a hierarchy over from its primary to its backup (runbook ha/lk-failover). On the backup:",
                "perform_action -t TAG -a restore, after guards (every communication path ALIVE, nothing OSF, the hierarchy",
                "on its primary only, its mirror Fully Operational, no switchover of it within --min-interval: the newest",
                "last_owner flag of its mirror). You type the backup's name to confirm; a failed restore or check afterwards",
                "puts it back on the primary."},
            footer = {"", "Examples:",
                "  sopctl lk failover app-lk --tag app1 --dry-run",
                "  sopctl lk failover app-lk --tag app1 --reason 'kernel update on lk1'"})
    static final class Failover extends Move {
        @Override
        String runbook() {
            return "ha/lk-failover";
        }
    }

    @Command(name = "failback",
            description = {"Fail a hierarchy back to its primary (runbook ha/lk-failback): perform_action -t TAG -a restore on",
                "the primary, with the guards of failover (paths ALIVE, nothing OSF, in service on one member, mirror in",
                "sync, --min-interval since the last switchover). You type the primary's name to confirm."},
            footer = {"", "Example:", "  sopctl lk failback app-lk --tag app1"})
    static final class Failback extends Move {
        @Override
        String runbook() {
            return "ha/lk-failback";
        }
    }

    @Command(name = "data-corrupt",
            description = {"Recover a mirror LifeKeeper will not restore because of its DATAREP_data_corrupt flag (runbook",
                "ha/lk-data-corrupt): shows each member's flags and last_owner, you type the last owner's name, then the",
                "vendor's Force Mirror Online there (mirror_action DATAREP force OWNER) and perform_action -t TAG -a restore.",
                "With --method remove-flag, the SOP's path instead: remove the mirror, delete the flag on both members,",
                "restore. Then waits for the mirror to be in sync."},
            footer = {"", "Examples:",
                "  sopctl lk data-corrupt app-lk --tag app1",
                "  sopctl lk data-corrupt app-lk --tag app1 --method remove-flag"})
    static final class DataCorrupt implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CLUSTER", description = "The LifeKeeper cluster (inventory type lifekeeper).")
        String cluster;

        @Option(names = "--tag", paramLabel = "TAG", required = true, description = "The top tag of the hierarchy whose mirror is marked.")
        String tag;

        @Option(names = "--method", paramLabel = "METHOD", defaultValue = "force-mirror",
                description = "force-mirror (the vendor's, default) or remove-flag (the SOP's).")
        String method;

        @Override
        public Integer call() {
            requireHierarchy(spec, cluster, tag);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("cluster", cluster);
            params.put("tag", tag);
            params.put("method", method);
            return RunbookInvoker.run(spec, "ha/lk-data-corrupt", params);
        }
    }

    @Command(name = "maintenance",
            description = {"Stop or start a whole LifeKeeper cluster in the SOP's order (runbooks ha/lk-maintenance-stop,",
                "ha/lk-maintenance-start). stop: every hierarchy in service, shutdown_switchover removed on every member",
                "(flg_remove), then LifeKeeper stopped on every member (lkcli stop where installed, else lkstop). start:",
                "LifeKeeper started on every member, every hierarchy in service and every mirror in sync, then",
                "shutdown_switchover set again (flg_create)."},
            footer = {"", "Examples:",
                "  sopctl lk maintenance stop app-lk --reason 'power work'",
                "  sopctl lk maintenance start app-lk"})
    static final class Maintenance implements Callable<Integer> {
        enum Action { stop, start }

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "stop|start", description = "stop or start.")
        Action action;

        @Parameters(index = "1", paramLabel = "CLUSTER", description = "The LifeKeeper cluster (inventory type lifekeeper).")
        String cluster;

        @Override
        public Integer call() {
            return RunbookInvoker.run(spec, "ha/lk-maintenance-" + action, Map.of("cluster", cluster));
        }
    }

    /**
     * Refuses (65) a tag that is not a top tag of the cluster's hierarchies, naming them. A cluster
     * that is missing or of another type is left to the runbook's parameter check, which names it.
     */
    static void requireHierarchy(CommandSpec spec, String cluster, String tag) {
        Cluster c = InventoryCommand.load(spec).clusters().get(cluster);
        if (c == null || !"lifekeeper".equals(c.type())) {
            return;
        }
        List<String> tags = c.settings().get("hierarchies") instanceof Map<?, ?> m
                ? m.keySet().stream().map(String::valueOf).toList() : List.of();
        if (!tags.contains(tag)) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "--tag '" + tag + "' is not a hierarchy of cluster '" + cluster
                    + "' (its top tags: " + (tags.isEmpty() ? "none in the inventory" : String.join(", ", tags)) + ")",
                    "a hierarchy is named by its top tag, a key of clusters." + cluster + ".hierarchies in the inventory");
        }
    }
}
