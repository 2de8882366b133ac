package dev.sopctl.cli;

import dev.sopctl.ExitCode;
import dev.sopctl.engine.Pinger;
import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.InventoryLoader;
import dev.sopctl.inventory.InventoryLocator;
import dev.sopctl.inventory.InventoryTable;
import dev.sopctl.output.Json;
import dev.sopctl.transport.Transport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl inventory list}. */
@Command(name = "inventory", description = "The estate as the inventory describes it.")
final class InventoryCommand {

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
            PrintWriter out = TerminalText.writer(spec.commandLine().getOut());
            if (SopctlCommand.root(spec).global.json()) {
                out.println(Json.pretty(new InventoryTable().asJson(inventory)));
            } else {
                new InventoryTable().render(inventory, out);
            }
            out.flush();
        }
    }

    @Command(name = "ping", description = {"Connect to hosts and show SSH server version, host-key fingerprint and",
        "round-trip time (with -v and in JSON also the negotiated key exchange and cipher); exit 3 when any",
        "host does not answer or its key is refused."},
            footer = {"", "Examples:", "  sopctl inventory ping", "  sopctl inventory ping role:node --accept-new-host-keys",
                "  sopctl inventory ping node1 -v"})
    static final class Ping implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "TARGET", arity = "0..1", defaultValue = "all",
                description = "Hosts to ping: all (default), a host, role:R, zone:Z, cluster:C.")
        String target;

        @Override
        public Integer call() {
            SopctlCommand root = SopctlCommand.root(spec);
            Inventory inventory = load(spec);
            List<Host> hosts = inventory.resolveTargets(target);
            try (InterruptGuard guard = InterruptGuard.install()) {
                List<Pinger.Ping> pings;
                try (Transport transport = root.context.transports().open(inventory, root.global)) {
                    pings = Pinger.ping(hosts, transport, root.global.parallel);
                }
                return report(pings, root);
            }
        }

        private int report(List<Pinger.Ping> pings, SopctlCommand root) {
            PrintWriter out = TerminalText.writer(spec.commandLine().getOut());
            int code = ExitCode.OK;
            List<Object> json = new ArrayList<>();
            for (Pinger.Ping p : pings) {
                code = ExitCode.worst(code, p.exitCode());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("host", p.host().name());
                m.put("address", p.host().address());
                m.put("ok", p.info() != null);
                if (p.info() != null) {
                    m.put("server", p.info().serverVersion());
                    m.put("key_type", p.info().keyType());
                    m.put("fingerprint", p.info().fingerprint());
                    m.put("rtt_ms", p.info().roundTrip().toNanos() / 1e6);
                    m.put("kex", p.info().keyExchange());
                    m.put("cipher", p.info().cipher());
                } else {
                    m.put("error", p.error());
                }
                json.add(m);
                if (!root.global.json()) {
                    out.println(p.info() != null
                            ? String.format("%-14s ok    %-26s %-12s %s  %.1f ms", p.host().name(), p.info().serverVersion(),
                                    p.info().keyType(), p.info().fingerprint(), p.info().roundTrip().toNanos() / 1e6)
                                    + (root.global.verbose ? "  kex " + p.info().keyExchange() + ", " + p.info().cipher() : "")
                            : String.format("%-14s FAIL  %s", p.host().name(), p.error()));
                }
            }
            if (root.global.json()) {
                out.println(Json.pretty(json));
            }
            out.flush();
            if (code == ExitCode.NOT_DONE) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("sopctl: interrupted by the operator (Ctrl-C); hosts marked '" + Pinger.INTERRUPTED + "' were not checked");
                err.flush();
            }
            return code;
        }
    }
}
