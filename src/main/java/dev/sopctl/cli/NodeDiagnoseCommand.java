package dev.sopctl.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl node diagnose NODE [--fix]}: runbook pvdi/node-diagnose. */
@Command(name = "diagnose",
        description = {"Why did a PVDI node hang or reboot (runbook pvdi/node-diagnose): read",
            "/var/log/messages and messages.1 for Xen balloon traces, o2net disconnects,",
            "soft lockups, hung tasks and the OOM killer; report each with count, first and",
            "last time, meaning and remedy (exit 1, WARNING, when something was found).",
            "Nothing recognised: the logs are packed into /var/tmp on the node.",
            "--fix applies the SOP's remedies where missing, each confirmed: the hourly",
            "drop_caches cron; O2CB_HEARTBEAT_THRESHOLD=91 and 'o2cb reload'."},
        footer = {"", "Examples:",
            "  sopctl node diagnose node1                 # report only",
            "  sopctl node diagnose node1 --fix --dry-run # the plan, with the remedies",
            "  sopctl node diagnose node1 --fix           # asks before each remedy"})
final class NodeDiagnoseCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NODE", description = "The node (a host with role node).")
    String node;

    @Option(names = "--fix", description = "Apply the SOP's remedies for what was found (confirmed; idempotent).")
    boolean fix;

    @Override
    public Integer call() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("node", node);
        params.put("fix", Boolean.toString(fix));
        return RunbookInvoker.run(spec, "pvdi/node-diagnose", params);
    }
}
