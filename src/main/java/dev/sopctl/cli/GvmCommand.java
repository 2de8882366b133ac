package dev.sopctl.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sopctl gvm ...}: golden-VM procedures. */
@Command(name = "gvm", description = "PVDI golden-VM (GVM) procedures.")
final class GvmCommand {

    @Command(name = "copy",
            description = {"Copy a GVM's disk to a new GVM on another node or zone (runbook",
                "pvdi/gvm-copy). First create the new GVM from the admin page, start and stop it.",
                "Guards: different disk ids; the source disk exists and is not in use (GVM",
                "halted); the target disk exists and is not in use; no leftover .bak; enough",
                "free space; the source node can log in to the destination (without --relay).",
                "The source node scp's the disk to a temporary name on the destination (with",
                "--relay sopctl streams it from one to the other itself), with a progress bar;",
                "size and SHA-256 are compared, and after you type the target disk id the old",
                "disk becomes TARGET.bak and the copy takes its place.",
                "A failure leaves the destination as it was."},
            footer = {"", "Examples:",
                "  sopctl gvm copy --from node1 --disk 1943409b-b9fb-4e18-acdd-f5eb5390e5ef \\",
                "      --to node3 --target-disk 8644c84e-76fc-4c2d-9eb9-847ad6d78c01 --dry-run",
                "  sopctl gvm copy --from node1 --disk 1943409b-b9fb-4e18-acdd-f5eb5390e5ef \\",
                "      --to node3 --target-disk 8644c84e-76fc-4c2d-9eb9-847ad6d78c01 --yes",
                "  # the nodes do not trust each other's keys: stream the disk through sopctl",
                "  sopctl gvm copy --from node1 --disk 1943409b-b9fb-4e18-acdd-f5eb5390e5ef \\",
                "      --to node3 --target-disk 8644c84e-76fc-4c2d-9eb9-847ad6d78c01 --relay"})
    static final class Copy implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "NODE", description = "The node of the source GVM.")
        String from;

        @Option(names = "--disk", required = true, paramLabel = "UUID", description = "The source GVM's Disk UUID.")
        String disk;

        @Option(names = "--to", required = true, paramLabel = "NODE", description = "The node of the new GVM.")
        String to;

        @Option(names = "--target-disk", required = true, paramLabel = "UUID",
                description = "The new GVM's Disk UUID (its disk is replaced by the copy and kept as .bak).")
        String targetDisk;

        @Option(names = "--relay", description = "Stream the disk through sopctl (source -> sopctl -> destination) "
                + "instead of the source node's scp, for nodes that do not trust each other's keys. Nothing is kept "
                + "on this machine; the copy goes as fast as its network allows.")
        boolean relay;

        @Override
        public Integer call() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("from", from);
            params.put("disk", disk);
            params.put("to", to);
            params.put("target_disk", targetDisk);
            params.put("relay", Boolean.toString(relay));
            return RunbookInvoker.run(spec, "pvdi/gvm-copy", params);
        }
    }
}
