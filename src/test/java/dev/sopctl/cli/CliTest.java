package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sopctl.ExitCode;
import dev.sopctl.testing.FakePvdiNode;
import dev.sopctl.testing.ScriptedTransport;
import dev.sopctl.transcript.TranscriptStore;
import dev.sopctl.transcript.TranscriptVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line end to end through Main.run: exit codes, messages, options, transcripts. */
class CliTest {
    private static final String INV = "examples/inventory.yaml";

    @TempDir
    Path state;

    private Cli cli() {
        return new Cli(state);
    }

    @Test
    void aMalformedInventoryExits65NamingFileAndLine() throws IOException {
        Path bad = state.resolve("inventory.yaml");
        Files.writeString(bad, "hosts:\n  node1: {address: 10.0.0.1, role: node, zone: nowhere}\n  node2: {adress: 10.0.0.2}\n");

        Cli.Result r = cli().run("-i", bad.toString(), "node", "shutdown", "node1", "--dry-run");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains(bad + ":2:").contains("nowhere").contains(bad + ":3:").contains("adress");
    }

    @Test
    void aMalformedRunbookExits65NamingFileAndLine() throws IOException {
        Path dir = Files.createDirectories(state.resolve("rb/pvdi"));
        Files.writeString(dir.resolve("node-shutdown.yaml"), "name: pvdi/node-shutdown\ntitle: x\nsteps:\n  - id: a\n    title: a\n    on: node1\n    run: reboot\n");

        Cli.Result r = cli().run("-i", INV, "--runbooks", state.resolve("rb").toString(), "node", "shutdown", "node1", "-n");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("node-shutdown.yaml:7:").contains("marked as a probe");
    }

    @Test
    void aHostThatIsNotANodeExits65() {
        Cli.Result r = cli().run("-i", INV, "node", "shutdown", "mastervm01", "--dry-run");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("'mastervm01' is a mastervm, not a node").contains("node1, node2, node3");
    }

    @Test
    void aNameNotInTheInventoryExits65WithASuggestion() {
        Cli.Result r = cli().run("-i", INV, "node", "shutdown", "nod1", "--dry-run");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("'nod1' is not a host").contains("did you mean 'node1'");
    }

    @Test
    void usageErrorsExit64() {
        assertThat(cli().run("node", "shutdown").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(cli().run("node", "shutdown", "node1", "--hlat").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(cli().run("frobnicate").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(cli().run("-i", INV, "--parallel", "many", "inventory", "list").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(cli().run("-i", INV, "-n", "--check", "node", "shutdown", "node1").exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void versionAndHelpExitZero() {
        Cli.Result v = cli().run("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("sopctl ");
        Cli.Result h = cli().run("--help");
        assertThat(h.exit()).isZero();
        assertThat(h.out()).contains("Exit codes:").contains("65").contains("node");
    }

    @Test
    void versionWithoutTheCommandTreePrintsWhatPicocliPrints() {
        java.io.StringWriter picocli = new java.io.StringWriter();
        SopctlCommand.commandLine(CliContextsForTests.none(), new java.io.PrintWriter(picocli), new java.io.PrintWriter(
                new java.io.StringWriter())).execute("--inventory", "unused.yaml", "--version");

        assertThat(picocli.toString()).contains("sopctl ").contains("Java ");
        assertThat(cli().run("--version").out()).isEqualTo(picocli.toString());
        assertThat(cli().run("-V").out()).isEqualTo(picocli.toString());
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        CommandLine root = SopctlCommand.commandLine(CliContextsForTests.none(), new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()));
        List<String> missing = new ArrayList<>();
        walk(root, List.of(), missing);
        assertThat(missing).isEmpty();
    }

    private void walk(CommandLine cl, List<String> path, List<String> missing) {
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            List<String> sub = new ArrayList<>(path);
            sub.add(e.getKey());
            if (e.getValue().getCommandSpec().usageMessage().hidden()) {
                continue;
            }
            List<String> args = new ArrayList<>(sub);
            args.add("--help");
            Cli.Result r = cli().run(args.toArray(String[]::new));
            boolean leaf = e.getValue().getSubcommands().isEmpty();
            if (r.exit() != 0 || !r.out().contains("Usage: sopctl " + String.join(" ", sub))
                    || leaf && !r.out().contains("Example")) {
                missing.add(String.join(" ", sub));
            }
            walk(e.getValue(), sub, missing);
        }
    }

    @Test
    void aCommandGroupWithoutItsSubcommandShowsItsUsage() {
        Cli.Result r = cli().run("node");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: sopctl node").contains("shutdown").contains("check").contains("diagnose");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() {
        Cli.Result before = cli().run("-i", INV, "--dry-run", "node", "shutdown", "node1");
        Cli.Result after = cli().run("node", "shutdown", "node1", "--dry-run", "-i", INV);

        assertThat(before.exit()).isZero();
        assertThat(after.exit()).isZero();
        assertThat(strip(after.out())).isEqualTo(strip(before.out()));
    }

    @Test
    void inventoryListShowsHostsWithRoleZoneAndAddress() {
        Cli.Result r = cli().run("-i", INV, "inventory", "list");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("node1\\s+node\\s+zone-a\\s+root@192.168.0.20:22")
                .contains("bastion").contains("app-lk");
    }

    @Test
    void runbooksListAndShow() {
        Cli.Result list = cli().run("runbooks", "list");
        assertThat(list.out()).contains("pvdi/node-shutdown");
        Cli.Result show = cli().run("runbooks", "show", "pvdi/node-shutdown");
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("node").contains("host:node").contains("(default reboot)");
        assertThat(cli().run("runbooks", "show", "nope").exit()).isEqualTo(ExitCode.INVALID_INPUT);
    }

    @Test
    void aRealRunWithYesRebootsTheNodeAndLeavesAVerifiableTranscript() throws IOException {
        Cli cli = cli();
        cli.transport = new FakePvdiNode("node1", true, "mastervm01").install(new ScriptedTransport());

        Cli.Result r = cli.run("-i", INV, "node", "shutdown", "node1", "--yes", "--reason", "kernel update");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("[node1] $ xl shutdown mastervm01").contains("[node1] $ reboot")
                .contains("start its VMs from the PVDI admin page");
        TranscriptStore store = new TranscriptStore(state.resolve("sopctl/transcripts"));
        Path file = store.find("last");
        assertThat(new TranscriptVerifier().verify(file).ok()).isTrue();
        String text = Files.readString(file);
        assertThat(text).contains("\"reason\":\"kernel update\"").contains("\"answer\":\"auto-yes\"")
                .contains("tester@testhost");

        Cli.Result shown = cli.run("transcript", "show");
        assertThat(shown.out()).contains("xl shutdown mastervm01");
        Cli.Result verify = cli.run("transcript", "verify");
        assertThat(verify.exit()).isZero();
        assertThat(verify.out()).contains("OK");
        assertThat(cli.run("transcript", "list").out()).contains("pvdi/node-shutdown");
    }

    @Test
    void withoutTerminalAndYesItStopsWithExit5BeforeTheFirstDestructiveStep() {
        Cli cli = cli();
        FakePvdiNode node = new FakePvdiNode("node1", true, "mastervm01");
        cli.transport = node.install(new ScriptedTransport());

        Cli.Result r = cli.run("-i", INV, "node", "shutdown", "node1");

        assertThat(r.exit()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(r.out()).contains("no terminal").contains("--yes");
        assertThat(cli.transport.commandsOn("node1")).containsExactly("xl list", "cat /proc/sys/kernel/random/boot_id");
        assertThat(node.domains()).contains("mastervm01");
    }

    @Test
    void onATerminalTheOperatorMustTypeTheNodeName() {
        Cli cli = cli().typing("node2");
        FakePvdiNode node = new FakePvdiNode("node1", true, "mastervm01");
        cli.transport = node.install(new ScriptedTransport());

        Cli.Result r = cli.run("-i", INV, "node", "shutdown", "node1");

        assertThat(r.exit()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(cli.terminalOut.toString()).contains("[node1] $ xl shutdown mastervm01").contains("Type 'node1'");
        assertThat(node.domains()).contains("mastervm01");
    }

    @Test
    void jsonOutputIsOneDocument() throws IOException {
        Cli cli = cli();
        cli.transport = new FakePvdiNode("node1", true, "mastervm01", "guest1").install(new ScriptedTransport());

        Cli.Result r = cli.run("-i", INV, "-o", "json", "node", "shutdown", "node1", "--yes");

        assertThat(r.exit()).isEqualTo(ExitCode.CRITICAL);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("outcome").asText()).isEqualTo("guard-failed");
        assertThat(json.get("steps").get(0).get("hosts").get(0).get("message").asText()).contains("guest1");
    }

    @Test
    void execRunsOnATargetAndGroupsOutputByHost() {
        Cli cli = cli();
        cli.transport = new ScriptedTransport()
                .on("node1", "^mount \\| grep /data$", ScriptedTransport.Reply.ok("/dev/sdb on /data type ocfs2\n"))
                .on("node2", "^mount \\| grep /data$", ScriptedTransport.Reply.exit(1, "", ""));

        Cli.Result r = cli.run("-i", INV, "exec", "--on", "node1,node2", "--", "mount | grep /data");

        assertThat(r.exit()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("── node1 · exit 0").contains("/dev/sdb on /data type ocfs2").contains("── node2 · exit 1");
    }

    @Test
    void execOfAStateChangingCommandNeedsAConfirmation() {
        Cli cli = cli();
        cli.transport = new ScriptedTransport();

        Cli.Result r = cli.run("-i", INV, "exec", "--on", "role:node", "--", "reboot");

        assertThat(r.exit()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(cli.transport.log()).isEmpty();
    }

    @Test
    void execDryRunShowsTheCommandPerHostAndConnectsNowhere() {
        Cli cli = cli();

        Cli.Result r = cli.run("-i", INV, "-n", "exec", "--on", "zone:zone-a", "--", "xl", "list");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("on node1: $ xl list").contains("on mastervm02: $ xl list");
        assertThat(cli.transportsOpened).hasValue(0);
    }

    @Test
    void secretsAreRedactedOnTheTerminalInJsonAndInTheTranscript() throws IOException {
        Path inv = state.resolve("inv.yaml");
        Files.writeString(inv, "hosts: {db1: {address: 10.9.9.9, role: mastervm}}\nsecrets: {db_pw: {env: DBPW}}\n");
        Path rb = Files.createDirectories(state.resolve("rb/db"));
        Files.writeString(rb.resolve("dump.yaml"), """
                name: db/dump
                title: dump
                params: {pw: {type: secret}}
                steps:
                  - {id: dump, title: dump, on: db1, run: "mysqldump -p{{ pw }} pvdi"}
                """);
        Cli cli = cli();
        cli.env.put("DBPW", "s3cr3t-value");
        cli.transport = new ScriptedTransport().on("db1", ".*", ScriptedTransport.Reply.exit(2, "", "bad password s3cr3t-value\n"));

        Cli.Result text = cli.run("-i", inv.toString(), "--runbooks", state.resolve("rb").toString(), "-v", "run", "db/dump", "-p", "pw=db_pw");
        Cli.Result json = cli.run("-i", inv.toString(), "--runbooks", state.resolve("rb").toString(), "-o", "json", "run", "db/dump", "-p", "pw=db_pw");
        Cli.Result plan = cli.run("-i", inv.toString(), "--runbooks", state.resolve("rb").toString(), "-n", "run", "db/dump", "-p", "pw=db_pw");

        assertThat(text.all()).contains("mysqldump -p*** pvdi").doesNotContain("s3cr3t-value");
        assertThat(json.all()).contains("***").doesNotContain("s3cr3t-value");
        assertThat(plan.all()).contains("pw=***").doesNotContain("s3cr3t-value");
        try (var files = Files.list(state.resolve("sopctl/transcripts"))) {
            for (Path f : files.toList()) {
                assertThat(Files.readString(f)).doesNotContain("s3cr3t-value");
            }
        }
    }

    private static String strip(String out) {
        return out.lines().filter(l -> !l.startsWith("Transcript:")).reduce("", (a, b) -> a + b + "\n");
    }
}
