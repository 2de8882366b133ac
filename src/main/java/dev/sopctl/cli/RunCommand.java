package dev.sopctl.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A parameter value; repeatable, once per name.")
    List<String> params = new ArrayList<>();

    @Override
    public Integer call() {
        return RunbookInvoker.run(spec, runbook, byName());
    }

    /** NAME=VALUE pairs; a pair without '=' or a name given twice is a usage error naming it. */
    private Map<String, String> byName() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "-p '" + p + "': write NAME=VALUE");
            }
            String name = p.substring(0, eq);
            String value = p.substring(eq + 1);
            if (out.containsKey(name)) {
                throw new ParameterException(spec.commandLine(), "-p " + name + " is given twice ('" + out.get(name)
                        + "' and '" + value + "'); give each parameter once");
            }
            out.put(name, value);
        }
        return out;
    }
}
