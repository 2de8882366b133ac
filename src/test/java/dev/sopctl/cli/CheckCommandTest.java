package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sopctl.ExitCode;
import dev.sopctl.testing.ScriptedTransport;
import dev.sopctl.testing.ScriptedTransport.Reply;
import dev.sopctl.transport.TransportException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sopctl check} over scripted hosts with two small check runbooks (test resources
 * check-runbooks/demo): formats, exit codes, thresholds, the JUnit file, safety, and one transport
 * for all checks.
 */
class CheckCommandTest {
    private static final String INV = "examples/inventory.yaml";

    @TempDir
    Path state;

    private static Path runbooks(String dir) throws Exception {
        return Path.of(CheckCommandTest.class.getResource("/" + dir + "/demo").toURI()).getParent();
    }

    /** node1 42 % full, node2 85 % (warning), node3 unreachable. */
    private Cli cli(double node1Used) {
        Cli cli = new Cli(state);
        cli.transport = new ScriptedTransport()
                .on("node1", "^cat /var/lib/demo/used$", Reply.ok(node1Used + "\n"))
                .on("node2", "^cat /var/lib/demo/used$", Reply.ok("85\n"))
                .on("node1", "^cat /proc/loadavg$", Reply.ok("0.52 0.40 0.31 1/200 4242\n"))
                .on("node2", "^cat /proc/loadavg$", Reply.ok("9.10 3.00 1.00 1/200 4242\n"))
                .on("node3", ".*", Reply.fail(TransportException.Kind.UNREACHABLE));
        return cli;
    }

    private Cli.Result check(Cli cli, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-i", INV, "--runbooks", runbooks("check-runbooks").toString(),
                "--no-color", "check", "--only", "demo/disk-check,load-check"));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    @Test
    void theTableHasARowPerCheckAndHostAndTheExitIsTheWorstState() throws Exception {
        Cli cli = cli(42);

        Cli.Result r = check(cli);

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.WARNING);
        assertThat(r.out()).containsPattern("demo/disk-check/disk-use\\s+node1\\s+OK")
                .containsPattern("demo/disk-check/disk-use\\s+node2\\s+WARNING\\s+/ is 85(\\.0)?% full on node2")
                .containsPattern("demo/disk-check/disk-use\\s+node3\\s+UNKNOWN\\s+node3: unreachable")
                .containsPattern("demo/load-check/load\\s+node2\\s+WARNING\\s+load 9.1 on node2")
                .contains("WARNING: 2 warning, 2 unknown, 2 OK (2 checks, 3 hosts)");
        // one transport (one SSH connection per host) for both check runbooks
        assertThat(cli.transportsOpened.get()).isEqualTo(1);
    }

    @Test
    void aCriticalOnOneHostIsNotHiddenByAnUnreachableOneAndNothingIsChanged() throws Exception {
        Cli cli = cli(95);

        Cli.Result r = check(cli);

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).containsPattern("disk-use\\s+node1\\s+CRITICAL\\s+/ is 95(\\.0)?% full on node1");
        // the fix switch is off and the run is in check mode: the cleaning step never ran
        assertThat(cli.transport.commandsOn("node1")).noneMatch(c -> c.contains("rm -rf"));
    }

    @Test
    void nagiosOutputFollowsThePluginGuidelinesGrammar() throws Exception {
        Cli.Result r = check(cli(42), "--format", "nagios");

        assertThat(r.exit()).isEqualTo(ExitCode.WARNING);
        List<String> lines = r.out().lines().toList();
        NagiosLine first = NagiosLine.parse(lines.get(0));
        assertThat(first.state()).isEqualTo("WARNING");
        assertThat(first.text()).startsWith("2 warning, 2 unknown, 2 OK (2 checks, 3 hosts)");
        assertThat(first.perfdata()).contains("'node1 root used'=42%;80;90;0;100", "'node2 root used'=85%;80;90;0;100",
                "'node3 root used'=U;80;90;0;100", "'node1 load1'=0.52;;;0");
        assertThat(lines.subList(1, lines.size())).containsExactly(
                "WARNING demo/disk-check/disk-use on node2: / is 85% full on node2",
                "WARNING demo/load-check/load on node2: load 9.1 on node2",
                "UNKNOWN demo/disk-check/disk-use on node3: node3: unreachable (scripted)",
                "UNKNOWN demo/load-check/load on node3: node3: unreachable (scripted)");
    }

    @Test
    void thresholdsOnTheCommandLineReplaceTheRunbooksAndRaiseTheState() throws Exception {
        Cli.Result r = check(cli(42), "--format", "nagios", "--crit", "root used=40", "--warn", "load1=~:0.5");

        assertThat(r.exit()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("'node1 root used'=42%;80;40;0;100")
                .contains("CRITICAL demo/disk-check/disk-use on node1: root used 42% outside --crit 40")
                .contains("WARNING demo/load-check/load on node1: load1 0.52 outside --warn ~:0.5");
    }

    @Test
    void invalidRangesAndUnknownLabelsAreUsageErrorsNamingTheOption() throws Exception {
        Cli cli = cli(42);

        Cli.Result badRange = check(cli, "--warn", "root used=20:10");
        Cli.Result notARange = check(cli, "--crit", "load1=abc");
        Cli.Result unknownLabel = check(cli, "--warn", "skew=1");

        assertThat(badRange.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badRange.err()).contains("--warn root used=20:10").contains("start 20 is above its end 10");
        assertThat(notARange.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(notARange.err()).contains("--crit load1=abc").contains("not a range");
        assertThat(unknownLabel.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(unknownLabel.err()).contains("--warn skew").contains("root used").contains("load1");
        assertThat(cli.transportsOpened.get()).isZero();
    }

    @Test
    void theJunitReportValidatesAgainstTheJenkinsSchemaAndUnreachableIsAnError() throws Exception {
        Path file = state.resolve("checks.xml");

        Cli.Result r = check(cli(42), "--junit", file.toString(), "-q");

        assertThat(r.exit()).isEqualTo(ExitCode.WARNING);
        String xml = Files.readString(file);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/junit/jenkins-junit-10.xsd"))
                .newValidator().validate(new StreamSource(new StringReader(xml)));
        assertThat(xml).contains("<testsuite name=\"demo/disk-check/disk-use\" tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\"")
                .contains("<testcase name=\"node3\" classname=\"demo/disk-check/disk-use\"")
                .contains("<error message=\"node3: unreachable (scripted)\" type=\"UNKNOWN\">")
                .contains("<failure message=\"/ is 85% full on node2\" type=\"WARNING\">");
        try (var files = Files.list(state)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".sopctl-junit"));
        }
    }

    @Test
    void theExitCodeDoesNotDependOnTheReportAskedFor() throws Exception {
        int text = check(cli(42)).exit();
        int json = check(cli(42), "--format", "json").exit();
        int nagios = check(cli(42), "--format", "nagios").exit();
        int junit = check(cli(42), "--junit", state.resolve("j.xml").toString()).exit();

        assertThat(List.of(json, nagios, junit)).containsOnly(text);
    }

    @Test
    void aJunitPathThatCannotBeWrittenFailsBeforeConnecting() throws Exception {
        Cli cli = cli(42);

        Cli.Result noFolder = check(cli, "--junit", state.resolve("missing/checks.xml").toString());
        Cli.Result aFolder = check(cli, "--junit", state.toString());

        assertThat(noFolder.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noFolder.err()).contains("--junit").contains("does not exist");
        assertThat(aFolder.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(aFolder.err()).contains("is a folder");
        assertThat(cli.transportsOpened.get()).isZero();
    }

    @Test
    void jsonCarriesStatusDetailCapturedValuesAndTheRuns() throws Exception {
        Cli.Result r = check(cli(42), "-o", "json");

        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("status").asText()).isEqualTo("WARNING");
        assertThat(json.get("exit").asInt()).isEqualTo(1);
        JsonNode first = json.get("checks").get(0);
        assertThat(first.get("check").asText()).isEqualTo("disk-use");
        assertThat(first.get("host").asText()).isEqualTo("node1");
        assertThat(first.get("captured").get("used").asDouble()).isEqualTo(42.0);
        assertThat(json.get("runs")).hasSize(2);
        assertThat(json.get("runs").get(0).get("params").get("fix").asText()).isEqualTo("false");
    }

    @Test
    void targetsChooseTheHostsAndTheRunbooksThatApply() throws Exception {
        Cli cli = cli(42);

        Cli.Result r = check(cli, "node1", "-v");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(cli.transport.commandsOn("node2")).isEmpty();
        assertThat(r.out()).containsPattern("disk-use\\s+node1\\s+OK").doesNotContain("node2");
    }

    @Test
    void aCheckRunbookWithAChangeOutsideItsFixSwitchIsRefused() throws Exception {
        Cli cli = cli(42);

        Cli.Result r = cli.run("-i", INV, "--runbooks", runbooks("check-runbooks-unguarded").toString(), "check",
                "--only", "bad-check");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("bad-check.yaml:").contains("step 'restart-it' changes state in a check runbook")
                .contains("'fix or true'");
        assertThat(cli.transportsOpened.get()).isZero();
    }

    @Test
    void whenNoCheckAppliesToTheTargetsTheAnswerIsUnknownNotOk() throws Exception {
        Cli cli = cli(42);

        Cli.Result text = check(cli, "role:mastervm");
        Cli.Result nagios = check(cli, "role:mastervm", "--format", "nagios");

        assertThat(text.exit()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(text.out()).contains("UNKNOWN: no check runbook applies to the targets")
                .contains("demo/disk-check: no targeted host is one of its nodes");
        assertThat(nagios.exit()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(nagios.out()).startsWith("SOPCTL UNKNOWN - no check runbook applies to the targets\n");
        assertThat(cli.transportsOpened.get()).isZero();
    }

    @Test
    void anUnknownOnlyNameIsAUsageError() throws Exception {
        Cli.Result r = cli(42).run("-i", INV, "check", "--only", "nope");

        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--only nope").contains("pvdi/node-check");
    }

    /**
     * The first line of plugin output per the monitoring-plugins developer guidelines:
     * {@code SERVICE STATUS: text | perfdata} with perfdata {@code 'label'=value[UOM];[warn];[crit];[min];[max]}
     * (here with the v3 "SERVICE STATE - text" separator).
     */
    record NagiosLine(String state, String text, List<String> perfdata) {
        private static final Pattern LINE = Pattern.compile("^SOPCTL (OK|WARNING|CRITICAL|UNKNOWN) - ([^|]*?)(?: \\| (.*))?$");
        private static final String NUM = "-?[0-9.]+";
        private static final String RANGE = "@?(?:(?:~|" + NUM + ")?:)?(?:" + NUM + ")?";
        private static final Pattern PERF = Pattern.compile("('(?:[^'=]|'')+'|[^ '=]+)=(" + NUM + "|U)(s|ms|us|%|B|KB|MB|GB|TB|c)?"
                + "(?:;(" + RANGE + ")?(?:;(" + RANGE + ")?(?:;(" + NUM + ")?(?:;(" + NUM + ")?)?)?)?)?");

        static NagiosLine parse(String line) {
            Matcher m = LINE.matcher(line);
            assertThat(m.matches()).as("plugin first line: " + line).isTrue();
            List<String> perf = new ArrayList<>();
            if (m.group(3) != null) {
                String rest = m.group(3);
                Matcher p = PERF.matcher(rest);
                int at = 0;
                while (at < rest.length()) {
                    assertThat(p.find(at) && p.start() == at).as("perfdata at " + at + " of: " + rest).isTrue();
                    perf.add(p.group());
                    at = p.end();
                    if (at < rest.length()) {
                        assertThat(rest.charAt(at)).as("perfdata separated by one space").isEqualTo(' ');
                        at++;
                    }
                }
            }
            return new NagiosLine(m.group(1), m.group(2), perf);
        }
    }
}
