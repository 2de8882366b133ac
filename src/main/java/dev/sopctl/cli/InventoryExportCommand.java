package dev.sopctl.cli;

import dev.sopctl.inventory.InventoryExport;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sopctl inventory export --format ansible|rundeck}. */
@Command(name = "export", description = {"The inventory as an Ansible YAML inventory (groups role_*, zone_*, cluster_*)",
    "or a Rundeck resource-model YAML document (a node per host, tagged with role, zone and clusters)."},
        footer = {"", "Secrets are never written.", "", "Examples:",
            "  sopctl inventory export --format ansible > hosts.yaml && ansible-inventory -i hosts.yaml --graph",
            "  sopctl inventory export --format rundeck > resources.yaml"})
final class InventoryExportCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "ansible or rundeck.")
    InventoryExport.Format format;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(InventoryExport.export(InventoryCommand.load(spec), format));
        out.flush();
    }
}
