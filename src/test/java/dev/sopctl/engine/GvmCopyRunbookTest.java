package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.on;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * pvdi/gvm-copy's guards on the example estate (node1 and node2 share zone-a's /data; node3 is the
 * destination): each refusal names what is wrong before anything is copied.
 */
class GvmCopyRunbookTest {
    private static final Runbook RUNBOOK = EngineHarness.packaged("pvdi/gvm-copy");
    private static final String SRC = "1943409b-b9fb-4e18-acdd-f5eb5390e5ef";
    private static final String DST = "8644c84e-76fc-4c2d-9eb9-847ad6d78c01";
    private static final Map<String, String> PARAMS = Map.of("from", "node1", "disk", SRC, "to", "node3", "target_disk", DST);

    private final EngineHarness h = new EngineHarness();

    @BeforeEach
    void freeDisksOnBothSides() {
        h.answer(ConfirmAnswer.NO);
        h.transport.on("node1", "^stat -c %s /data/gvm/" + SRC + "$", Reply.ok("33554432\n"));
        for (String node : new String[] {"node1", "node2"}) {
            h.transport.on(node, "^xl list -l \\| grep -c /data/gvm/" + SRC + "; fuser ", Reply.exit(1, "0\n", "/data/gvm/" + SRC + ":\n"));
        }
        h.transport.on("node3", "^stat -c size=%s ", Reply.exit(0, "size=33554432\n0\n", ""));
        h.transport.on("node3", "^df -P /data/gvm$", Reply.ok("Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                + "/dev/sda3 103081248 1024 98000000 1% /data\n"));
        h.transport.on("node1", "^ssh -o BatchMode=yes", Reply.ok(""));
    }

    @Test
    void freeDisksPassEveryGuardUpToTheCopy() {
        RunResult r = h.run(RUNBOOK, PARAMS); // scp is not scripted here: the first change fails

        assertThat(r.message()).startsWith("step 'copy-disk' failed on node1");
        assertThat(h.commands("node2")).containsExactly("xl list -l | grep -c /data/gvm/" + SRC + "; fuser /data/gvm/" + SRC);
        assertThat(h.commands("node3")).containsExactly("stat -c size=%s /data/gvm/" + DST + "; xl list -l | grep -c /data/gvm/" + DST
                + "; fuser /data/gvm/" + DST + "; test ! -e /data/gvm/" + DST + ".bak", "df -P /data/gvm",
                "rm -f /data/gvm/" + DST + ".sopctl-partial");
    }

    @Test
    void aSourceDiskARunningDomainUsesOnAnotherNodeOfTheZoneIsRefused() {
        h.transport.on("node2", "^xl list -l", Reply.exit(1, "2\n", ""));

        RunResult r = h.run(RUNBOOK, PARAMS);

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-source-not-running", "node2").message())
                .isEqualTo("a running domain on node2 uses /data/gvm/" + SRC + ": copying a running GVM damages it");
        assertThat(h.commands("node3")).isEmpty();
    }

    @Test
    void aSourceDiskAProcessHoldsOpenNamesThePids() {
        h.transport.on("node1", "^xl list -l", Reply.exit(0, "0\n 4242 4343\n", "/data/gvm/" + SRC + ":\n"));

        RunResult r = h.run(RUNBOOK, PARAMS);

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-source-not-running", "node1").message())
                .isEqualTo("process(es) 4242 4343 on node1 hold /data/gvm/" + SRC + " open");
    }

    @Test
    void aMissingTargetDiskIsNamed() {
        h.transport.on("node3", "^stat -c size=%s ", Reply.exit(0, "0\n", "stat: cannot statx: No such file or directory\n"));

        RunResult r = h.run(RUNBOOK, PARAMS);

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-target-disk", "node3").message()).isEqualTo("there is no disk /data/gvm/" + DST + " on node3");
    }

    @Test
    void aTargetInUseOrALeftOverBakIsRefused() {
        h.transport.on("node3", "^stat -c size=%s ", Reply.exit(0, "size=33554432\n0\n 777\n", ""));
        RunResult inUse = h.run(RUNBOOK, PARAMS);
        h.transport.on("node3", "^stat -c size=%s ", Reply.exit(1, "size=33554432\n0\n", ""));
        RunResult bak = h.run(RUNBOOK, PARAMS);

        assertThat(on(inUse, "check-target-disk", "node3").message())
                .isEqualTo("/data/gvm/" + DST + " is in use on node3 (a running domain or an open file)");
        assertThat(on(bak, "check-target-disk", "node3").message())
                .isEqualTo("/data/gvm/" + DST + ".bak is left over on node3 (an earlier copy?)");
    }
}
