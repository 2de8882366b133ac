package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.notice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.inventory.InventoryLoader;
import dev.sopctl.runbook.Runbook;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** cloudstack/fix-memory-cap: the API change after the cluster's name is typed, its undo, the restart list. */
class CloudstackFixMemoryCapRunbookTest {
    private static final Runbook RUNBOOK = EngineHarness.packaged("cloudstack/fix-memory-cap");
    private final EngineHarness h = new EngineHarness();
    private final CloudstackEstateModel estate = new CloudstackEstateModel();

    @BeforeEach
    void aCappedCluster() {
        h.inventory = InventoryLoader.parse(CloudstackEstateModel.INVENTORY, "inventory.yaml", Map.of());
        estate.factor = "2";
        estate.vms.put("web01", new long[] {4096, 2097152});
        estate.vms.put("db01", new long[] {8192, 8388608});
    }

    @Test
    void theSettingIsTurnedOffAfterTheClustersNameIsTypedAndTheVmsToRestartAreNamed() {
        h.answer(ConfirmAnswer.TYPED_OK);
        estate.script(h.transport);

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "cloud1"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(estate.capSetting).isFalse();
        assertThat(h.asked).singleElement().satisfies(q -> {
            assertThat(q.typed()).isEqualTo("cloud1");
            assertThat(q.prompt()).contains("c1 (factor 2: a 4096 MB offering runs with 2048 MB)");
            assertThat(q.commands()).singleElement().satisfies(c -> assertThat(c.command()).isEqualTo(
                    "for id in " + CloudstackEstateModel.CLUSTER_ID + "; do cmk -p '' -o json update configuration clusterid=\"$id\""
                            + " name=vm.min.memory.equals.memory.divided.by.mem.overprovisioning.factor value=false || exit 1; done"));
        });
        assertThat(notice(r, "restart-list")).endsWith(": web01 (2048 of 4096 MB)");
    }

    @Test
    void aDeclineLeavesTheSetting() {
        h.answer(ConfirmAnswer.TYPED_WRONG);
        estate.script(h.transport);

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "cloud1"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(estate.capSetting).isTrue();
        assertThat(h.commands("ms1")).noneMatch(c -> c.contains("update configuration"));
    }

    @Test
    void aFailedCheckAfterTheChangeSetsItBack() {
        h.answer(ConfirmAnswer.TYPED_OK);
        estate.script(h.transport);
        // the API says it changed the setting, but reading it again finds it on
        h.transport.on("ms1", "update configuration.*value=false", (host, c) ->
                dev.sopctl.testing.ScriptedTransport.Reply.ok("{\"configuration\": {\"name\": \"x\", \"value\": \"false\"}}\n").answer(host, c));

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "cloud1"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).contains("the cap is still on in c1 after the change");
        assertThat(h.commands("ms1")).anyMatch(c -> c.contains("update configuration") && c.endsWith("value=true; done"));
        assertThat(estate.capSetting).isTrue();
    }

    @Test
    void nothingCappedChangesNothing() {
        estate.factor = "1.0";
        estate.script(h.transport);

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "cloud1"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(notice(r, "nothing-to-change")).startsWith("No cluster of cloud1 caps its VMs");
        assertThat(h.commands("ms1")).noneMatch(c -> c.contains("update configuration"));
    }
}
