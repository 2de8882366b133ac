package dev.sopctl.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl node check [NODE…|--all] [--fix]}: runbook pvdi/node-check. */
@Command(name = "check",
        description = {"Check PVDI nodes (runbook pvdi/node-check): /data mounted where the zone's storage is shared;",
            "nginx, the PVDI WAS (uwsgi) and pemon running; the PVDI version. Every node and check is reported;",
            "the exit code is the worst. With --fix, what is broken is repaired the SOP's way (confirmed) and checked again."},
        footer = {"", "Examples:",
            "  sopctl node check                        # every node",
            "  sopctl node check node1 node2 -q         # only problems",
            "  sopctl node check node1 --fix --dry-run  # what a repair would run",
            "  sopctl node check node1 --fix --yes      # mount /data and start missing daemons on node1"})
final class NodeCheckCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NODE", arity = "0..*",
            description = "Nodes to check (hosts with role node, or targets like zone:zone-a); default all.")
    List<String> nodes = List.of();

    @Option(names = "--all", description = "Check every node (the default).")
    boolean all;

    @Option(names = "--fix", description = "Repair what is broken (destructive: asks, or --yes), then check again.")
    boolean fix;

    @Override
    public Integer call() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("nodes", all || nodes.isEmpty() ? "all" : String.join(",", nodes));
        params.put("fix", String.valueOf(fix));
        return RunbookInvoker.run(spec, "pvdi/node-check", params);
    }
}
