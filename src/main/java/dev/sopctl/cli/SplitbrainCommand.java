package dev.sopctl.cli;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Cluster;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl splitbrain ...}: recovery from a split brain of an HA pair. */
@Command(name = "splitbrain", description = "Split-brain recovery of an HA pair.")
final class SplitbrainCommand {
    /** The recovery runbook of each cluster type: the whole dispatch. */
    static final Map<String, String> RUNBOOKS = Map.of(
            "drbd", "ha/splitbrain-drbd",
            "lifekeeper", "ha/splitbrain-lk");

    private SplitbrainCommand() {}

    @Command(name = "recover",
            description = {"Recover an HA pair from a split brain, by its cluster type: DRBD (runbook ha/splitbrain-drbd) or",
                "LifeKeeper (ha/splitbrain-lk). Refuses a pair that is not split (exit 2, nothing changed); shows both",
                "sides' evidence side by side; the operator types the victim's name. LifeKeeper, the SOP's procedure:",
                "the victim's copy of each hierarchy in service on both members is taken out of service (datarep, then",
                "ip), sopctl waits for the communication paths to be repaired and ALIVE, then for the mirrors to be in",
                "sync from the survivor. The victim's changes since the split are lost."},
            footer = {"", "Examples:",
                "  sopctl splitbrain recover nfs-ha --victim nas2 --dry-run",
                "  sopctl splitbrain recover app-lk --victim lk2 --reason 'INC-4711'"})
    static final class Recover implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "CLUSTER", description = "The pair (a cluster of type drbd or lifekeeper in the inventory).")
        String cluster;

        @Option(names = "--victim", paramLabel = "NODE", required = true,
                description = "The member whose changes since the split are discarded (there is no default).")
        String victim;

        @Override
        public Integer call() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("cluster", cluster);
            params.put("victim", victim);
            return RunbookInvoker.run(spec, runbookFor(InventoryCommand.load(spec).clusters().get(cluster)), params);
        }

        /** A missing cluster is left to the runbook's parameter check (it names the clusters). */
        private String runbookFor(Cluster c) {
            if (c == null) {
                return RUNBOOKS.get("drbd");
            }
            String runbook = RUNBOOKS.get(c.type());
            if (runbook == null) {
                throw new SopctlException(ExitCode.INVALID_INPUT, "cluster '" + cluster + "' is a " + c.type()
                        + " cluster; splitbrain recover knows " + String.join(" and ", new java.util.TreeSet<>(RUNBOOKS.keySet()))
                        + " clusters");
            }
            if (!c.members().contains(victim)) {
                throw new SopctlException(ExitCode.INVALID_INPUT, "--victim '" + victim + "' is not a member of cluster '"
                        + cluster + "' (members: " + String.join(", ", c.members()) + ")");
            }
            return runbook;
        }
    }
}
