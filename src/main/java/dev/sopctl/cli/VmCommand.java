package dev.sopctl.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl vm ...}: PVDI VM procedures. */
@Command(name = "vm", description = "PVDI VM procedures.")
final class VmCommand {

    @Command(name = "diagnose-start",
            description = {"Why a VM fails to start on a node (runbook pvdi/vm-start): the node",
                "answers, Xen's free memory ('xl info') covers the VM's memory, /data is",
                "mounted; ends with a verdict naming the cause, or 'no cause found'. Read-only."},
            footer = {"", "Examples:",
                "  sopctl vm diagnose-start node1 --memory 2048   # a VM with 'memory = 2048' in its cfg",
                "  sopctl vm diagnose-start node3                 # report free memory and /data only"})
    static final class DiagnoseStart implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NODE", description = "The node the VM should start on (a host with role node).")
        String node;

        // text, so that a wrong value is checked by the runbook's int parameter like every other (exit 65)
        @Option(names = "--memory", paramLabel = "MB", description = "The VM's memory in MiB, as in its cfg.")
        String memory;

        @Override
        public Integer call() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("node", node);
            if (memory != null) {
                params.put("memory", memory);
            }
            return RunbookInvoker.run(spec, "pvdi/vm-start", params);
        }
    }
}
