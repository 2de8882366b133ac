package dev.sopctl.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl cloudstack ...}: CloudStack / Mold management-server and host HA, the memory cap. */
@Command(name = "cloudstack", description = "CloudStack / Mold: management-server HA, host HA readiness, the memory cap.")
final class CloudstackCommand {
    private CloudstackCommand() {}

    @Command(name = "check",
            description = {"Check a CloudStack cluster (runbook cloudstack/check): on each management server",
                "cloudstack-management active, 8080/8250/9090 listening and db.properties' HA keys alike; MySQL on",
                "3306; on each KVM host cloudstack-agent and libvirtd active and agent.properties' host= the VIP or",
                "every server. Through cmk on a server that answers: every server Up, the global setting 'host' the",
                "load balancer's VIP, KVM hosts Up and host-HA ready, ha.tag carried by a host, and the memory cap",
                "(WARNING where mem.overprovisioning.factor > 1 caps every VM), with the VMs that keep it."},
            footer = {"", "Examples:",
                "  sopctl cloudstack check cloud1",
                "  sopctl cloudstack check cloud1 -o json   # captures for graphs"})
    static final class Check implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "CLUSTER", description = "A cluster of type cloudstack in the inventory.")
        String cluster;

        @Override
        public Integer call() {
            return RunbookInvoker.run(spec, "cloudstack/check", Map.of("cluster", cluster));
        }
    }

    @Command(name = "fix-memory-cap",
            description = {"Turn off the memory cap (runbook cloudstack/fix-memory-cap): in every cluster whose",
                "mem.overprovisioning.factor is above 1, vm.min.memory.equals.memory.divided.by.mem.overprovisioning.factor",
                "is set to false through cmk after you type the cluster's name (or --yes); the undo sets it back.",
                "Running VMs keep the cap until stopped and started: the run ends with their list."},
            footer = {"", "Examples:",
                "  sopctl cloudstack fix-memory-cap cloud1 --dry-run",
                "  sopctl cloudstack fix-memory-cap cloud1"})
    static final class FixMemoryCap implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "CLUSTER", description = "A cluster of type cloudstack in the inventory.")
        String cluster;

        @Override
        public Integer call() {
            return RunbookInvoker.run(spec, "cloudstack/fix-memory-cap", Map.of("cluster", cluster));
        }
    }
}
