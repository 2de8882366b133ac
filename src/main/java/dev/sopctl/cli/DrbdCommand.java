package dev.sopctl.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl drbd ...}: a DRBD + Heartbeat + NFS active/standby pair. */
@Command(name = "drbd", description = "DRBD + Heartbeat + NFS pair: status and manual switchover.")
final class DrbdCommand {
    private DrbdCommand() {}

    @Command(name = "status",
            description = {"Show both members of a DRBD pair (runbook ha/drbd-status), read-only: connection, roles,",
                "disks, resync progress and time left (DRBD 8.4 /proc/drbd; DRBD 9 drbdadm status), the mount on the",
                "Primary, Heartbeat (cl_status) and the NFS daemons in the SOP's order. Connected UpToDate/UpToDate is",
                "OK; a resync is WARNING; StandAlone, WFConnection/Connecting, Diskless, Outdated, Inconsistent are",
                "CRITICAL, and a split brain is named when the kernel log says so."},
            footer = {"", "Examples:",
                "  sopctl drbd status nfs-ha",
                "  sopctl drbd status nfs-ha -o json"})
    static final class Status implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "CLUSTER", description = "The DRBD pair (a cluster of type drbd in the inventory).")
        String cluster;

        @Override
        public Integer call() {
            return RunbookInvoker.run(spec, "ha/drbd-status", Map.of("cluster", cluster));
        }
    }

    @Command(name = "switchover",
            description = {"Move the NFS service to the other member (runbook ha/drbd-switchover), the SOP's way: only",
                "from a Connected UpToDate/UpToDate pair with one Primary whose mount nothing but NFS holds; Heartbeat",
                "is stopped on both members first (so it cannot act on a half-moved pair) and started again at the",
                "end; on the Primary nfs, nfslock, rpcbind stop, umount, drbdadm secondary; on the other drbdadm",
                "primary, mount, rpcbind, nfslock, nfs start. The service stop and the promotion ask for the node's",
                "name. Any stop (failure, decline, Ctrl-C) undoes the steps done so far, back to the old Primary."},
            footer = {"", "Examples:",
                "  sopctl drbd switchover nfs-ha --dry-run",
                "  sopctl drbd switchover nfs-ha --to nas2 --reason 'nas1 firmware update'"})
    static final class Switchover implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "CLUSTER", description = "The DRBD pair (a cluster of type drbd in the inventory).")
        String cluster;

        @Option(names = "--to", paramLabel = "NODE",
                description = "The member that becomes Primary (default: the one that is not); refused when it already is.")
        String to;

        @Override
        public Integer call() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("cluster", cluster);
            if (to != null) {
                params.put("to", to);
            }
            return RunbookInvoker.run(spec, "ha/drbd-switchover", params);
        }
    }
}
