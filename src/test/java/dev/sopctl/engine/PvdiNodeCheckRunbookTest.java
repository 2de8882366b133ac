package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.notice;
import static dev.sopctl.engine.RunResults.on;
import static dev.sopctl.engine.RunResults.stepsWith;
import static dev.sopctl.testing.PvdiSamples.MOUNT;
import static dev.sopctl.testing.PvdiSamples.PS_NODE;
import static dev.sopctl.testing.PvdiSamples.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * pvdi/node-check on the example estate (node1, node2: shared /data; node3: local disks): every
 * node and check reported, and fix=true repairing only what is broken, confirmed, then checked again.
 */
class PvdiNodeCheckRunbookTest {
    private static final Runbook RUNBOOK = EngineHarness.packaged("pvdi/node-check");

    private static final String VERSION = "cat /home/orchard/pvdi/docs/VERSION";
    private static final String START_NGINX = "/etc/init.d/nginx start";
    private static final String START_WAS = "su - orchard -c 'cd ~/pvdi/scripts && ./pvdi_was start'";
    private static final String START_PEMON = "su - orchard -c 'cd ~/pvdi/scripts && ./pemon start'";
    private static final List<String> SHARED_PROBES = List.of("mount", "ps -ef", VERSION);
    private static final List<String> LOCAL_PROBES = List.of("ps -ef", VERSION);
    private static final List<String> CHANGES = List.of("mount /data", START_NGINX, START_WAS, START_PEMON);

    private final EngineHarness h = new EngineHarness();

    @BeforeEach
    void healthyNodes() {
        h.answer(ConfirmAnswer.YES);
        for (String node : List.of("node1", "node2", "node3")) {
            h.transport.on(node, "^mount$", Reply.ok(MOUNT));
            h.transport.on(node, "^ps -ef$", Reply.ok(PS_NODE));
            h.transport.on(node, "^cat /home/orchard/pvdi/docs/VERSION$", Reply.ok(node.equals("node3") ? "2.2.0\n" : "2.3.1\n"));
        }
    }

    @Test
    void aHealthyEstatePassesEveryCheckWithOnePsPerNodeAndShowsTheVersions() {
        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).containsExactlyElementsOf(SHARED_PROBES);
        assertThat(h.commands("node2")).containsExactlyElementsOf(SHARED_PROBES);
        assertThat(h.commands("node3")).containsExactlyElementsOf(LOCAL_PROBES);
        assertThat(on(r, "check-data-mounted", "node3").message()).isEqualTo("condition is false: zone != null and zone.shared");
        assertThat(on(r, "read-version", "node1").message()).isEqualTo("PVDI 2.3.1");
        assertThat(on(r, "read-version", "node3").message()).isEqualTo("PVDI 2.2.0");
        assertThat(on(r, "check-daemons", "node1").message()).isNull();
        assertThat(notice(r, "admin-page-reminder")).isEqualTo("In the PVDI admin page, check each node's state;"
                + " a node shown as dead needs 'recovery' there (SOP step 7).\n");
        assertThat(stepsWith(r, "node1", "guard-failed")).isEmpty();
    }

    @Test
    void pemonDownIsReportedForItsNodeWhileEveryOtherCheckAndNodeGoesOn() {
        h.transport.on("node1", "^ps -ef$", Reply.ok(without(PS_NODE, "pemon")));

        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-daemons", "node1")).satisfies(x -> {
            assertThat(x.outcome().id()).isEqualTo("guard-failed");
            assertThat(x.message()).isEqualTo("pemon is not running on node1");
            assertThat(x.hint()).isEqualTo("as orchard: 'cd ~/pvdi/scripts && ./pemon start' (or --fix)");
        });
        assertThat(stepsWith(r, "node1", "guard-failed")).containsExactly("check-daemons");
        assertThat(on(r, "check-daemons", "node2").outcome().id()).isEqualTo("ok");
        assertThat(on(r, "check-daemons", "node3").outcome().id()).isEqualTo("ok");
        assertThat(r.message()).isEqualTo("step 'check-daemons' on node1: pemon is not running on node1");
        assertThat(h.commands("node1")).containsExactlyElementsOf(SHARED_PROBES);
        assertThat(on(r, "read-version", "node1").message()).isEqualTo("PVDI 2.3.1");
    }

    @Test
    void eachBrokenThingIsNamedWithItsRemedy() {
        h.transport.on("node1", "^ps -ef$", Reply.ok(without(PS_NODE, "nginx|uwsgi")));
        h.transport.on("node2", "^mount$", Reply.ok(without(MOUNT, " on /data ")));

        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-daemons", "node1")).satisfies(x -> {
            assertThat(x.message()).isEqualTo("nginx is not running on node1; the PVDI WAS (uwsgi) is not running on node1");
            assertThat(x.hint()).isEqualTo("'/etc/init.d/nginx start' (or --fix);"
                    + " as orchard: 'cd ~/pvdi/scripts && ./pvdi_was start' (or --fix)");
        });
        assertThat(on(r, "check-data-mounted", "node2")).satisfies(x -> {
            assertThat(x.message()).isEqualTo("/data is not mounted on node2");
            assertThat(x.hint()).isEqualTo("'mount /data' (or --fix); if that fails, 'sopctl storage check node2'");
        });
        assertThat(stepsWith(r, "node1", "guard-failed")).containsExactly("check-daemons");
        assertThat(stepsWith(r, "node2", "guard-failed")).containsExactly("check-data-mounted");
        assertThat(stepsWith(r, "node3", "guard-failed")).isEmpty();
    }

    @Test
    void fixRepairsOnlyWhatIsBrokenAfterAConfirmationAndChecksItAgain() {
        brokenThenRepaired("node1", "^ps -ef$", without(PS_NODE, "pemon"), "^su - orchard -c 'cd ~/pvdi/scripts && ./pemon start'$",
                PS_NODE);
        brokenThenRepaired("node2", "^mount$", without(MOUNT, " on /data "), "^mount /data$", MOUNT);

        RunResult r = h.run(RUNBOOK, Map.of("fix", "true"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).containsExactly("mount", "ps -ef", START_PEMON, "ps -ef", VERSION);
        assertThat(h.commands("node2")).containsExactly("mount", "mount /data", "mount", "ps -ef", VERSION);
        assertThat(h.commands("node3")).containsExactlyElementsOf(LOCAL_PROBES);
        assertThat(h.asked).extracting(ConfirmRequest::prompt).containsExactly("mount /data on node2", "start pemon (as orchard) on node1");
        assertThat(h.asked).flatExtracting(ConfirmRequest::commands).containsExactly(
                new ConfirmRequest.HostCommand("node2", "mount /data"), new ConfirmRequest.HostCommand("node1", START_PEMON));
        // one verdict per check and node: the re-check's, saying what was repaired
        assertThat(on(r, "check-daemons", "node1").message()).isEqualTo("repaired: start pemon (as orchard) on node1");
        assertThat(on(r, "check-data-mounted", "node2").message()).isEqualTo("repaired: mount /data on node2");
        assertThat(h.events.ofType("step-end")).filteredOn(e -> "check-daemons".equals(e.get("step"))
                && "node1".equals(e.get("host"))).hasSize(1);
    }

    @Test
    void fixOnEveryDaemonStartsThemInTheSopsOrder() {
        brokenThenRepaired("node3", "^ps -ef$", without(PS_NODE, "nginx|uwsgi|pemon"), "^su - orchard -c 'cd ~/pvdi/scripts && ./pemon start'$",
                PS_NODE);
        h.transport.on("node3", "^/etc/init\\.d/nginx start$", Reply.ok("Starting nginx: nginx.\n"));
        h.transport.on("node3", "^su - orchard -c 'cd ~/pvdi/scripts && ./pvdi_was start'$", Reply.ok("Starting pvdi_was.\n"));

        RunResult r = h.run(RUNBOOK, Map.of("nodes", "node3", "fix", "true"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node3")).containsExactly("ps -ef", START_NGINX, START_WAS, START_PEMON, "ps -ef", VERSION);
        assertThat(on(r, "check-daemons", "node3").message()).isEqualTo("repaired: start nginx on node3;"
                + " start the PVDI WAS (pvdi_was start, as orchard) on node3; start pemon (as orchard) on node3");
    }

    @Test
    void aRepairThatDoesNotTakeIsReportedByTheRecheck() {
        h.transport.on("node1", "^ps -ef$", Reply.ok(without(PS_NODE, "pemon")));
        h.transport.on("node1", "^su - orchard -c 'cd ~/pvdi/scripts && ./pemon start'$", Reply.ok(""));

        RunResult r = h.run(RUNBOOK, Map.of("nodes", "node1", "fix", "true"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).startsWith("step 'check-daemons' on node1: pemon is not running on node1"
                + " (the repair did not take: start pemon (as orchard) on node1)");
    }

    @Test
    void fixOnAHealthyEstateRunsNoChangeAndAsksNothing() {
        RunResult r = h.run(RUNBOOK, Map.of("fix", "true"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.transport.log()).noneMatch(l -> CHANGES.stream().anyMatch(c -> l.endsWith(": " + c)));
        assertThat(h.commands("node1")).containsExactlyElementsOf(SHARED_PROBES);
        assertThat(h.commands("node3")).containsExactlyElementsOf(LOCAL_PROBES);
        assertThat(h.asked).isEmpty();
        assertThat(stepsWith(r, "node1", "skipped")).isEmpty();
    }

    /** {@code host} answers {@code probe} with {@code broken} until {@code repair} runs, then with {@code repaired}. */
    private void brokenThenRepaired(String host, String probe, String broken, String repair, String repaired) {
        h.transport.on(host, probe, Reply.ok(broken));
        h.transport.on(host, repair, (hh, c) -> {
            h.transport.on(host, probe, Reply.ok(repaired));
            return Reply.ok("").answer(hh, c);
        });
    }
}
