package dev.sopctl.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl run RUNBOOK -p name=value ...}: any runbook by name. */
@Command(name = "run", description = "Run a runbook by name with its parameters.",
        footer = {"", "Examples:",
            "  sopctl run pvdi/node-shutdown -p node=node1 --dry-run",
            "  sopctl runbooks show pvdi/node-shutdown    # its parameters"})
final class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUNBOOK", description = "Runbook name, like pvdi/node-shutdown (see 'sopctl runbooks list').")
    String runbook;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A parameter value; repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Override
    public Integer call() {
        return RunbookInvoker.run(spec, runbook, params);
    }
}
