package dev.sopctl.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl node ...}: PVDI node procedures. */
@Command(name = "node", description = "PVDI node procedures.")
final class NodeCommand {

    @Command(name = "shutdown",
            description = {"Safely stop or restart a PVDI node (runbook pvdi/node-shutdown): no guest may run;",
                "shut down its master VM and wait until it is gone; unmount /data on shared storage;",
                "reboot (default) or halt; after a reboot mount /data and start the master VM again."},
            footer = {"", "Examples:",
                "  sopctl node shutdown node1 --dry-run     # read the plan first",
                "  sopctl node shutdown node1               # asks you to type 'node1' before the master VM stops",
                "  sopctl node shutdown node3 --halt --reason 'PSU swap'"})
    static final class Shutdown implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NODE", description = "The node (a host with role node).")
        String node;

        @Option(names = "--halt", description = "Halt instead of rebooting.")
        boolean halt;

        @Override
        public Integer call() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("node", node);
            params.put("action", halt ? "halt" : "reboot");
            return RunbookInvoker.run(spec, "pvdi/node-shutdown", params);
        }
    }
}
