package dev.sopctl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.FakePvdiNode;
import dev.sopctl.transcript.RecordingSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node-shutdown SOP on in-memory nodes: the whole procedure, its guards and its refusals. */
class NodeShutdownRunbookTest {
    private static final Runbook RUNBOOK = EngineHarness.packaged("pvdi/node-shutdown");

    private final EngineHarness h = new EngineHarness();

    @Test
    void rebootOfASharedStorageNodeFollowsTheSopAndBringsTheMasterVmBack() {
        FakePvdiNode node1 = new FakePvdiNode("node1", true, "mastervm01");
        node1.install(h.transport);
        List<String> typed = new ArrayList<>();
        h.confirmer = request -> {
            typed.add(request.typed());
            return request.typed() == null ? ConfirmAnswer.YES
                    : request.typed().equals("node1") ? ConfirmAnswer.TYPED_OK : ConfirmAnswer.TYPED_WRONG;
        };

        RunResult result = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(result.exitCode()).as(result.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).containsSubsequence(
                "xl list",
                "cat /proc/sys/kernel/random/boot_id",
                "xl shutdown mastervm01",
                "xl list",
                "umount /data",
                "mount",
                "reboot",
                "cat /proc/sys/kernel/random/boot_id",
                "mount | grep -q ' on /data ' || mount /data",
                "mount",
                "cd /data && xl create /data/mastervm01.cfg",
                "xl list");
        assertThat(typed).containsExactly("node1", null);
        assertThat(node1.domains()).containsExactlyInAnyOrder("Domain-0", "mastervm01");
        assertThat(node1.dataMounted()).isTrue();
        assertThat(h.events.ofType("wait")).isNotEmpty();
        assertThat(h.events.ofType("notice")).extracting(e -> (String) e.get("message"))
                .anySatisfy(t -> assertThat(t).contains("start its VMs from the PVDI admin page"));
        assertThat(stepOutcome(h.events, "reboot")).isEqualTo("disconnected-as-expected");
    }

    @Test
    void runningGuestsStopTheRunBeforeAnythingChanges() {
        FakePvdiNode node1 = new FakePvdiNode("node1", true, "mastervm01", "win10-pool-01", "win10-pool-02");
        node1.install(h.transport);

        RunResult result = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(result.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(result.message()).contains("guest VMs still run on node1: win10-pool-01, win10-pool-02");
        assertThat(result.hint()).contains("admin page");
        assertThat(h.commands("node1")).containsExactly("xl list");
        assertThat(node1.domains()).contains("mastervm01", "win10-pool-01");
    }

    @Test
    void withoutATerminalItRunsTheProbesThenStopsBeforeTheFirstDestructiveStep() {
        FakePvdiNode node1 = new FakePvdiNode("node1", true, "mastervm01");
        node1.install(h.transport);
        h.confirmer = Confirmer.NO_TERMINAL;

        RunResult result = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(result.message()).contains("shutdown-mastervm").contains("no terminal");
        assertThat(result.hint()).contains("--yes");
        assertThat(h.commands("node1")).containsExactly("xl list", "cat /proc/sys/kernel/random/boot_id");
        assertThat(h.events.ofType("confirm")).singleElement()
                .satisfies(e -> assertThat(e.get("answer")).isEqualTo("no-terminal"));
        assertThat(node1.domains()).contains("mastervm01");
    }

    @Test
    void aWrongTypedNameChangesNothing() {
        FakePvdiNode node1 = new FakePvdiNode("node1", true, "mastervm01");
        node1.install(h.transport);
        h.confirmer = request -> ConfirmAnswer.TYPED_WRONG;

        RunResult result = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(result.outcome().id()).isEqualTo("declined");
        assertThat(h.commands("node1")).doesNotContain("xl shutdown mastervm01", "reboot");
    }

    @Test
    void theConfirmationShowsTheExactCommandAndHost() {
        new FakePvdiNode("node1", true, "mastervm01").install(h.transport);
        List<ConfirmRequest> asked = new ArrayList<>();
        h.confirmer = request -> {
            asked.add(request);
            return ConfirmAnswer.NO;
        };

        h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.commands()).containsExactly(new ConfirmRequest.HostCommand("node1", "xl shutdown mastervm01"));
            assertThat(r.prompt()).contains("shut down master VM mastervm01 on node1, then reboot");
        });
    }

    @Test
    void aLocalStorageNodeIsNeverUnmounted() {
        h.inventory = dev.sopctl.inventory.InventoryLoader.parse("""
                zones: {zone-b: {storage: local}}
                hosts:
                  node3: {address: 192.168.1.20, role: node, zone: zone-b, vars: {mastervm: mastervm03}}
                """, "local.yaml", Map.of());
        FakePvdiNode node3 = new FakePvdiNode("node3", false, "mastervm03");
        node3.install(h.transport);

        RunResult result = h.run(RUNBOOK, Map.of("node", "node3"));

        assertThat(result.exitCode()).as(result.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node3")).doesNotContain("umount /data", "mount | grep -q ' on /data ' || mount /data")
                .contains("reboot", "cd /data && xl create /data/mastervm03.cfg");
    }

    @Test
    void haltStopsAfterTheDisconnectAndSaysWhatIsLeft() {
        FakePvdiNode node1 = new FakePvdiNode("node1", true, "mastervm01");
        node1.install(h.transport);

        RunResult result = h.run(RUNBOOK, Map.of("node", "node1", "action", "halt"));

        assertThat(result.exitCode()).as(result.message()).isEqualTo(ExitCode.OK);
        assertThat(node1.halted()).isTrue();
        assertThat(h.commands("node1")).endsWith("halt").doesNotContain("reboot");
        assertThat(h.events.ofType("notice")).extracting(e -> (String) e.get("message"))
                .anySatisfy(t -> assertThat(t).contains("node1 is halted"));
    }

    @Test
    void aMasterVmThatNeverStopsTimesOutAfterFiveMinutes() {
        new FakePvdiNode("node1", true, "mastervm01").stuck().install(h.transport);

        RunResult result = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(result.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(result.outcome().id()).isEqualTo("timeout");
        assertThat(result.message()).contains("wait-mastervm-gone").contains("waited 5m");
        assertThat(h.commands("node1")).doesNotContain("umount /data", "reboot");
        assertThat(Duration.between(java.time.Instant.parse("2026-11-23T10:00:00Z"), h.ticker.now()))
                .isGreaterThanOrEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anUnreachableNodeIsUnknownNotFailed() {
        h.transport.on("node1", ".*", dev.sopctl.testing.ScriptedTransport.Reply.fail(
                dev.sopctl.transport.TransportException.Kind.UNREACHABLE));

        RunResult result = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(result.exitCode()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(result.outcome().id()).isEqualTo("unreachable");
    }

    @Test
    void outputThatIsNotXlListIsUnknown() {
        h.transport.on("node1", "^xl list$", dev.sopctl.testing.ScriptedTransport.Reply.ok("command not found\n"));

        RunResult result = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(result.exitCode()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(result.message()).contains("xl-list");
    }

    @Test
    void checkModeRunsOnlyProbesAndReportsTheChangesItWouldMake() {
        FakePvdiNode node1 = new FakePvdiNode("node1", true, "mastervm01");
        node1.install(h.transport);
        h.mode = RunMode.CHECK;
        h.confirmer = request -> {
            throw new AssertionError("--check must never ask for a confirmation");
        };

        RunResult result = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(result.exitCode()).as(result.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).doesNotContain("xl shutdown mastervm01", "umount /data", "reboot",
                "cd /data && xl create /data/mastervm01.cfg");
        assertThat(h.events.ofType("command")).filteredOn(e -> Boolean.TRUE.equals(e.get("would_run")))
                .extracting(e -> e.get("command"))
                .contains("xl shutdown mastervm01", "umount /data", "reboot");
        assertThat(node1.domains()).contains("mastervm01");
        assertThat(node1.dataMounted()).isTrue();
    }

    @Test
    void checkModeReportsTheGuardThatWouldStopTheRun() {
        new FakePvdiNode("node1", true, "mastervm01", "guest7").install(h.transport);
        h.mode = RunMode.CHECK;

        RunResult result = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(result.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(result.outcome().id()).isEqualTo("would-stop");
        assertThat(result.message()).contains("check-no-guests").contains("guest7");
    }

    @Test
    void theTranscriptRecordsOperatorReasonCommandsAndOutcomes() {
        new FakePvdiNode("node1", true, "mastervm01").install(h.transport);

        h.run(RUNBOOK, Map.of("node", "node1"));

        RecordingSink.Event start = h.events.ofType("run-start").get(0);
        assertThat(start.get("operator")).isEqualTo("tester@test");
        assertThat(start.get("reason")).isEqualTo("a test");
        assertThat(start.get("runbook")).isEqualTo("pvdi/node-shutdown");
        assertThat(h.events.types()).startsWith("run-start").endsWith("run-end");
        assertThat(h.events.ofType("command")).extracting(e -> e.get("host")).containsOnly("node1");
        assertThat(h.events.ofType("step-end")).allSatisfy(e -> assertThat(e.get("outcome")).isNotNull());
    }

    private static String stepOutcome(RecordingSink events, String step) {
        return events.ofType("step-end").stream().filter(e -> step.equals(e.get("step")))
                .map(e -> (String) e.get("outcome")).findFirst().orElse(null);
    }
}
