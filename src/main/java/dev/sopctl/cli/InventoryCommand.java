package dev.sopctl.cli;

import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.InventoryLoader;
import dev.sopctl.inventory.InventoryLocator;
import dev.sopctl.inventory.InventoryTable;
import dev.sopctl.output.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code sopctl inventory list}. */
@Command(name = "inventory", description = "The estate as the inventory describes it.",
        subcommands = {InventoryCommand.ListHosts.class})
final class InventoryCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Inventory load(picocli.CommandLine.Model.CommandSpec spec) {
        SopctlCommand root = SopctlCommand.root(spec);
        CliContext ctx = root.context;
        return InventoryLoader.load(InventoryLocator.locate(root.global.inventory, ctx.environment(), ctx.workingDir()),
                ctx.environment());
    }

    @Command(name = "list", description = "Hosts with role, zone and address; clusters with their members.",
            footer = {"", "Example:", "  sopctl -i examples/inventory.yaml inventory list"})
    static final class ListHosts implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Inventory inventory = load(spec);
            PrintWriter out = spec.commandLine().getOut();
            if (SopctlCommand.root(spec).global.json()) {
                out.println(Json.pretty(new InventoryTable().asJson(inventory)));
            } else {
                new InventoryTable().render(inventory, out);
            }
            out.flush();
        }
    }
}
