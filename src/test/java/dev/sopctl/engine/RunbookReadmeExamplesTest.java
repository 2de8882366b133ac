package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.notice;
import static dev.sopctl.engine.RunResults.on;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.runbook.RunbookLoader;
import dev.sopctl.testing.ScriptedTransport.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every YAML example of runbooks/README.md is loaded and planned on the example inventory; the
 * ones that run commands are run against scripted hosts, with what each host answers and what the
 * run must report written here. A README example this class does not know fails the test.
 */
class RunbookReadmeExamplesTest {
    private static final Path README = Path.of("runbooks/README.md");
    private static final Pattern BLOCK = Pattern.compile("(?m)^```yaml\n(.*?)^```", Pattern.DOTALL);

    /** One ```yaml block: where it starts (line) and its text. */
    record Example(int line, String yaml) {
        boolean isRunbook() {
            return yaml.startsWith("name:");
        }

        @Override
        public String toString() {
            return "README line " + line;
        }
    }

    static List<Example> examples() throws IOException {
        String text = Files.readString(README);
        List<Example> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 2;
            out.add(new Example(line, m.group(1)));
        }
        return out;
    }

    /** Per runbook example: what the hosts answer and what the run must report. */
    private static final Map<String, BiConsumer<EngineHarness, Runbook>> RUNS = Map.of(
            "pvdi/ntp-skew", RunbookReadmeExamplesTest::ntpSkew,
            "pvdi/versions", RunbookReadmeExamplesTest::versions,
            "demo/quoting", RunbookReadmeExamplesTest::quoting,
            "demo/primary-nfs", RunbookReadmeExamplesTest::primaryNfs,
            "demo/web-check", RunbookReadmeExamplesTest::webCheck);

    /** Values for the parameters of fragments (blocks that are not whole runbooks). */
    private static final Map<String, String> FRAGMENT_PARAMS = Map.of(
            "node", "node1", "disk", "1943409b-b9fb-4e18-acdd-f5eb5390e5ef");

    @Test
    void theReadmeHasTheExamplesThisTestKnows() throws IOException {
        List<String> names = examples().stream().filter(Example::isRunbook)
                .map(e -> load(e).name()).toList();

        assertThat(names).containsExactlyInAnyOrderElementsOf(RUNS.keySet());
        assertThat(examples()).hasSizeGreaterThan(RUNS.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleLoadsPlansAndRuns(Example example) {
        EngineHarness h = new EngineHarness();
        Runbook runbook = load(example);

        if (!example.isRunbook()) {
            Plan plan = h.plan(runbook, FRAGMENT_PARAMS);
            assertThat(plan.steps()).hasSize(1);
            return;
        }
        assertThat(RUNS).as("README example %s needs its replies in this test", runbook.name())
                .containsKey(runbook.name());
        assertThat(h.plan(runbook, Map.of()).steps()).isNotEmpty();
        RUNS.get(runbook.name()).accept(h, runbook);
    }

    private static Runbook load(Example e) {
        String yaml = e.isRunbook() ? e.yaml() : "name: readme/fragment\ntitle: a README fragment\n" + e.yaml()
                + "steps:\n  - {id: say, title: Say hello, notice: hello}\n";
        return RunbookLoader.parse(yaml, "runbooks/README.md (example at line " + e.line() + ")", null);
    }

    private static final String PEERS_HEAD = """
                 remote           refid      st t when poll reach   delay   offset  jitter
            ==============================================================================
            """;

    private static void ntpSkew(EngineHarness h, Runbook rb) {
        h.transport.on("node1", "^ntpq -pn$", Reply.ok(PEERS_HEAD
                + "*192.168.0.1     .GPS.            1 u   33   64  377    0.211   -0.045   0.012\n"));
        h.transport.on("node2", "^ntpq -pn$", Reply.ok(PEERS_HEAD
                + " 192.168.0.9     .INIT.          16 u    -   64    0    0.000    0.000   0.000\n"
                + "*192.168.0.1     .GPS.            1 u   33   64  377    0.211  750.125   0.012\n"));
        h.transport.on("node3", "^ntpq -pn$", Reply.ok(PEERS_HEAD
                + " 192.168.1.1     .INIT.          16 u    -   64    0    0.000    0.000   0.000\n"));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "read-offset", "node1").outcome().id()).isEqualTo("ok");
        assertThat(on(r, "read-offset", "node2").message()).isEqualTo("node2 is 750.125 ms off");
        assertThat(on(r, "read-offset", "node2").hint())
                .isEqualTo("compare its clock with 192.168.0.1: ntpdate -q 192.168.0.1");
        assertThat(on(r, "read-offset", "node3").message()).isEqualTo("node3 follows no NTP peer");
        assertThat(on(r, "read-offset", "node3").hint())
                .isEqualTo("check that the NTP server answers: ntpdate -q the NTP server");
    }

    private static void primaryNfs(EngineHarness h, Runbook rb) {
        h.transport.on("nas1", "^drbdadm role data$", Reply.ok("Primary/Secondary\n"));
        h.transport.on("nas2", "^drbdadm role data$", Reply.ok("Secondary/Primary\n"));
        h.transport.on("nas1", "^/etc/init.d/nfs stop", Reply.ok(""));
        h.transport.on("nas1", "^umount /data$", Reply.exit(32, "", "umount: /data: target is busy."));
        h.transport.on("nas1", "^/etc/init.d/rpcbind start", Reply.ok(""));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(h.commands("nas2")).containsExactly("drbdadm role data");
        // the unmount failed: the completed change before it (NFS stopped) is undone on the primary
        assertThat(h.commands("nas1")).containsExactly("drbdadm role data",
                "/etc/init.d/nfs stop && /etc/init.d/nfslock stop && /etc/init.d/rpcbind stop", "umount /data",
                "/etc/init.d/rpcbind start && /etc/init.d/nfslock start && /etc/init.d/nfs start");
        assertThat(r.stillChanged()).isEmpty();
    }

    private static void webCheck(EngineHarness h, Runbook rb) {
        String head = "UID        PID  PPID  C STIME TTY          TIME CMD\n";
        String master = "root 20 1 0 10:00 ? 00:00:00 nginx: master process /usr/sbin/nginx\n";
        String worker = "www-data 21 20 0 10:00 ? 00:00:00 nginx: worker process\n";
        h.transport.on("node1", "^ps -ef$", Reply.ok(head + master + worker));
        h.transport.on("node2", "^ps -ef$", Reply.ok(head));
        h.transport.on("node2", "^/etc/init.d/nginx start$", (host, c) -> {
            h.transport.on("node2", "^ps -ef$", Reply.ok(head + master + worker + worker));
            return Reply.ok("Starting nginx: nginx.\n").answer(host, c);
        });
        h.transport.on("node3", "^ps -ef$", Reply.ok(head + master));

        RunResult r = h.run(rb, Map.of("fix", "true"));

        assertThat(on(r, "check-nginx", "node1").message()).isEqualTo("1 nginx workers");
        assertThat(on(r, "check-nginx", "node2").message()).isEqualTo("repaired: start nginx on node2; 2 nginx workers");
        // a warning with nginx running: no repair applies (its 'when' is false), the verdict stands
        assertThat(on(r, "check-nginx", "node3").message()).isEqualTo("nginx on node3 has no worker");
        assertThat(h.commands("node3")).containsExactly("ps -ef");
        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
    }

    private static void versions(EngineHarness h, Runbook rb) {
        String command = "^su - orchard -c 'cat ~/pvdi/docs/VERSION && ls ~/pvdi/conf'$";
        h.transport.on("mastervm01", command, Reply.ok("2.3.1\npvdi_uwsgi.ini\nuwsgi.ini\n"));
        h.transport.on("mastervm02", command, Reply.ok("1.9.0\nuwsgi.ini\n"));
        h.inventory = EngineHarness.EXAMPLE;

        RunResult r = h.run(rb, Map.of());

        assertThat(h.commands("mastervm01")).hasSize(1);
        assertThat(on(r, "show-version", "mastervm01").outcome().id()).isEqualTo("ok");
        // mastervm02 is pvdi_version 2 in the inventory, so it needs pvdi_uwsgi.ini
        assertThat(on(r, "show-version", "mastervm02").message())
                .isEqualTo("mastervm02 runs PVDI 1.9.0 but has no pvdi_uwsgi.ini");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
    }

    private static void quoting(EngineHarness h, Runbook rb) {
        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(notice(r, "show")).isEqualTo("1 and x: y");
        assertThat(Stream.of(h.transport.log()).flatMap(List::stream)).isEmpty();
    }
}
