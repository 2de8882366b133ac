package dev.sopctl.cli;

import static dev.sopctl.testing.PvdiSamples.MOUNT;
import static dev.sopctl.testing.PvdiSamples.PS_NODE;
import static dev.sopctl.testing.PvdiSamples.without;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sopctl.ExitCode;
import dev.sopctl.testing.ScriptedTransport;
import dev.sopctl.testing.ScriptedTransport.Reply;
import dev.sopctl.transport.TransportException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A check runbook's run ends with the check × host table (issue 10 item 7), in text and in -o json. */
class CheckTableCliTest {
    private static final String INV = "examples/inventory.yaml";

    @TempDir
    Path state;

    private Cli cli(boolean pemonOnNode2, boolean node3Reachable) {
        Cli cli = new Cli(state);
        ScriptedTransport t = new ScriptedTransport();
        for (String node : List.of("node1", "node2", "node3")) {
            t.on(node, "^mount$", Reply.ok(MOUNT));
            t.on(node, "^ps -ef$", Reply.ok(node.equals("node2") && !pemonOnNode2 ? without(PS_NODE, "pemon") : PS_NODE));
            t.on(node, "^cat /home/orchard/pvdi/docs/VERSION$", Reply.ok("2.3.1\n"));
        }
        if (!node3Reachable) {
            t.on("node3", ".*", Reply.fail(TransportException.Kind.UNREACHABLE));
        }
        cli.transport = t;
        return cli;
    }

    @Test
    void aHealthyCheckShowsOneOkRowPerCheckAndHostAndNoSkippedLines() {
        Cli.Result r = cli(true, true).run("-i", INV, "node", "check", "--no-color");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).containsPattern("CHECK\\s+HOST\\s+STATE\\s+DETAIL")
                .containsPattern("check-daemons\\s+node1\\s+OK")
                .containsPattern("check-daemons\\s+node3\\s+OK")
                .containsPattern("check-data-mounted\\s+node2\\s+OK")
                // the version is a check row too: its INFO report line is the detail
                .containsPattern("read-version\\s+node1\\s+OK\\s+PVDI 2.3.1")
                .contains("OK: 8 OK (3 checks, 3 hosts)")
                .doesNotContain("skipped")
                // the repair steps that did not run are not shown at all
                .doesNotContain("start-nginx");
        assertThat(rows(r.out(), "check-data-mounted")).hasSize(2); // node3's zone has local storage
    }

    @Test
    void aFailingCheckIsACriticalRowWithItsEvidenceAndTheExitIsTheWorst() {
        Cli.Result r = cli(false, true).run("-i", INV, "node", "check", "--no-color");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).containsPattern("check-daemons\\s+node2\\s+CRITICAL\\s+pemon is not running on node2")
                .containsPattern("check-daemons\\s+node1\\s+OK")
                .contains("CRITICAL: 1 critical, 7 OK (3 checks, 3 hosts)");
    }

    @Test
    void anUnreachableHostIsUnknownOnEveryCheck() {
        Cli.Result r = cli(true, false).run("-i", INV, "node", "check", "--no-color", "-q");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.UNKNOWN);
        // the daemons and the version (node3's zone has local storage: no /data check there)
        assertThat(rows(r.out(), "node3")).hasSize(2).allMatch(l -> l.contains("UNKNOWN"));
        // -q: only the rows that are not OK
        assertThat(r.out()).doesNotContainPattern("node1\\s+OK");
    }

    @Test
    void verboseListsTheChecksSkippedOnAHostWithTheReason() {
        Cli.Result r = cli(true, true).run("-i", INV, "node", "check", "--no-color", "-v");

        assertThat(r.out()).containsPattern("check-data-mounted\\s+node3\\s+skipped\\s+condition is false: zone != null and zone.shared");
    }

    @Test
    void jsonCarriesEachChecksStatusDetailAndCapturedValues() throws Exception {
        Cli.Result r = cli(false, true).run("-i", INV, "node", "check", "-o", "json");

        assertThat(r.exit()).isEqualTo(ExitCode.CRITICAL);
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode pemon2 = find(json.get("checks"), "check-daemons", "node2");
        assertThat(pemon2.get("status").asText()).isEqualTo("CRITICAL");
        assertThat(pemon2.get("detail").asText()).isEqualTo("pemon is not running on node2");
        assertThat(pemon2.get("outcome").asText()).isEqualTo("guard-failed");
        assertThat(pemon2.get("captured").get("pemon_running").asBoolean()).isFalse();
        assertThat(find(json.get("checks"), "check-daemons", "node1").get("status").asText()).isEqualTo("OK");
        assertThat(json.get("skipped_checks").get(0).get("host").asText()).isEqualTo("node3");
    }

    @Test
    void aRunbookThatIsNotACheckHasNoTable() {
        Cli cli = new Cli(state);
        cli.transport = new ScriptedTransport().on("node1", ".*", Reply.ok("x\n"));

        Cli.Result r = cli.run("-i", INV, "exec", "--on", "node1", "--no-color", "--", "uptime");

        assertThat(r.out()).doesNotContain("CHECK ");
    }

    private static JsonNode find(JsonNode rows, String check, String host) {
        for (JsonNode row : rows) {
            if (row.get("check").asText().equals(check) && row.get("host").asText().equals(host)) {
                return row;
            }
        }
        throw new AssertionError("no row " + check + " on " + host + " in " + rows);
    }

    private static List<String> rows(String out, String word) {
        List<String> lines = new ArrayList<>();
        out.lines().filter(l -> l.matches("^\\S.*") && l.contains(word) && l.matches(".*\\s(OK|WARNING|CRITICAL|UNKNOWN)(\\s.*|$)"))
                .forEach(lines::add);
        return lines;
    }
}
