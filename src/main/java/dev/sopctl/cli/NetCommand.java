package dev.sopctl.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl net ...}: bonds, bridges and addresses of the nodes. */
@Command(name = "net", description = "Node networking: bonds, bridges, gateway; bridge addresses.")
final class NetCommand {
    private NetCommand() {}

    @Command(name = "check",
            description = {"Check node networking (runbook net/check): every bond in /proc/net/bonding (down: CRITICAL;",
                "a slave down or a single slave: WARNING, serving without redundancy), the bridges and ports the",
                "inventory expects (host or zone vars 'bridges') from brctl show or ip/bridge link (missing: CRITICAL),",
                "and a ping of the zone's gateway (no answer: CRITICAL; loss: WARNING). Link failures, loss and",
                "round trip are captured for graphs."},
            footer = {"", "Examples:",
                "  sopctl net check                   # every node",
                "  sopctl net check node1 --count 10  # ten pings to the gateway"})
    static final class Check implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "HOST", arity = "0..*",
                description = "Hosts to check (names, or targets like zone:zone-a); default every node.")
        List<String> hosts = List.of();

        @Option(names = "--count", paramLabel = "N", defaultValue = "3", description = "Pings to the gateway (default ${DEFAULT-VALUE}).")
        String count;

        @Option(names = "--deadline", paramLabel = "SECONDS", defaultValue = "5",
                description = "Seconds ping may take at most (default ${DEFAULT-VALUE}).")
        String deadline;

        @Override
        public Integer call() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("targets", hosts.isEmpty() ? "role:node" : String.join(",", hosts));
            params.put("count", count);
            params.put("deadline", deadline);
            return RunbookInvoker.run(spec, "net/check", params);
        }
    }

    @Command(name = "readdress-bridge",
            description = {"Change a bridge's address without restarting networking (runbook net/readdress-bridge; the",
                "SOP's no-restart path, VMs keep their network). A job armed on the node first puts the old address",
                "and route back after --confirm-timeout unless sopctl confirms: after the change sopctl checks from",
                "the node that the gateway answers, then disarms it. The persistent configuration (Debian interfaces",
                "or RHEL ifcfg) is updated, after a backup, only then. On the bridge that carries the node's management",
                "address, sopctl reconnects to the new address for the check; when it cannot, the node rolls back by",
                "itself and sopctl reaches it again at the old one. A bridge the node does not have is exit 65."},
            footer = {"", "Examples:",
                "  sopctl net readdress-bridge node1 --bridge xenbr1 --address 10.9.0.5/24 --dry-run",
                "  sopctl net readdress-bridge node1 --bridge xenbr1 --address 10.9.0.5/24 --gateway 10.9.0.1",
                "  sopctl net readdress-bridge node1 --bridge xenbr1 --address 10.9.0.5/24 --confirm-timeout 5m"})
    static final class ReaddressBridge implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NODE", description = "The node (a host with role node).")
        String node;

        @Option(names = "--bridge", paramLabel = "BRIDGE", required = true, description = "The bridge, like xenbr1.")
        String bridge;

        @Option(names = "--address", paramLabel = "CIDR", required = true, description = "The new address with its prefix, like 10.9.0.5/24.")
        String address;

        @Option(names = "--gateway", paramLabel = "IP", description = "The new default gateway, on the new subnet (default: keep the route).")
        String gateway;

        @Option(names = "--confirm-timeout", paramLabel = "DURATION", defaultValue = "120s",
                description = "The node rolls back unless sopctl confirms within this (default ${DEFAULT-VALUE}).")
        String confirmTimeout;

        @Override
        public Integer call() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("node", node);
            params.put("bridge", bridge);
            params.put("address", address);
            if (gateway != null) {
                params.put("gateway", gateway);
            }
            params.put("confirm_timeout", confirmTimeout);
            return RunbookInvoker.run(spec, "net/readdress-bridge", params);
        }
    }
}
