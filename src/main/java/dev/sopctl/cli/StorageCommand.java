package dev.sopctl.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl storage ...}: the OCFS2 shared storage of PVDI nodes. */
@Command(name = "storage", description = "OCFS2 (o2cb) shared storage of PVDI nodes.")
final class StorageCommand {

    @Command(name = "check",
            description = {"Check OCFS2 on PVDI nodes (runbook pvdi/storage-check): /etc/init.d/o2cb status (configfs, dlmfs,",
                "cluster Online, heartbeat Active) and /data mounted. Nodes whose zone uses local disks are skipped.",
                "With --fix: '/etc/init.d/o2cb restart' and 'mount /data' where needed (confirmed), then check again."},
            footer = {"", "Examples:",
                "  sopctl storage check                     # every node on shared storage",
                "  sopctl storage check node1 --fix --yes   # restart o2cb and mount /data on node1"})
    static final class Check implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NODE", arity = "0..*", description = "Nodes to check (hosts with role node); default all.")
        List<String> nodes = List.of();

        @Option(names = "--fix", description = "Restart o2cb and mount /data where needed (destructive: asks, or --yes).")
        boolean fix;

        @Override
        public Integer call() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("nodes", nodes.isEmpty() ? "all" : String.join(",", nodes));
            params.put("fix", String.valueOf(fix));
            return RunbookInvoker.run(spec, "pvdi/storage-check", params);
        }
    }
}
