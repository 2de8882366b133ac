package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.Main;
import dev.sopctl.cli.CliContext;
import dev.sopctl.cli.TerminalIo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DRBD pair (nas1 primary) switched by a runbook whose steps act on the primary and the
 * standby decided at run time, each change with its undo. A decline at each confirmation, a real
 * SIGINT at each step, and a refused promotion must each leave the pair serving from nas1 (Primary,
 * /data mounted, NFS running), with the undo in the transcript; with nothing stopping it, the
 * switch moves the service to nas2 (and back, for the next test).
 */
@Lab("healthy")
class DrbdSwitchUndoLabTest {
    private static final Path RUNBOOKS = Path.of("src/test/resources/runbooks").toAbsolutePath();
    private static final String[] STEPS = {"read-roles", "stop-nfs", "unmount-primary", "demote-primary",
        "promote-standby", "mount-standby", "start-nfs", "check-new-primary"};

    @TempDir
    Path state;
    private LabEstate lab;

    @BeforeEach
    void nas1Serves(LabEstate lab) throws Exception {
        this.lab = lab;
        assertServing("nas1", "before the test");
    }

    /** Whatever a failed test left, the next starts from nas1 serving. */
    @AfterEach
    void nas1ServesAgain() throws Exception {
        lab.fault("nas2", "drbd-promote-ok");
        for (String n : List.of("nas2", "nas1")) {
            lab.exec(n, "/etc/init.d/nfs stop; /etc/init.d/nfslock stop; /etc/init.d/rpcbind stop; "
                    + "mountpoint -q /data && umount /data; drbdadm secondary data");
        }
        lab.exec("nas1", "drbdadm primary data && mount /dev/drbd0 /data && /etc/init.d/rpcbind start "
                + "&& /etc/init.d/nfslock start && /etc/init.d/nfs start");
    }

    /** One member's state: role, /data mounted, nfsd running. */
    private String stateOf(String host) throws Exception {
        return lab.exec(host, "drbdadm role data; mountpoint -q /data && echo mounted || echo unmounted; "
                + "/etc/init.d/nfs status >/dev/null && echo nfs-running || echo nfs-stopped").strip();
    }

    private void assertServing(String host, String when) throws Exception {
        String other = host.equals("nas1") ? "nas2" : "nas1";
        assertThat(stateOf(host)).as(host + " " + when).startsWith("Primary/Secondary")
                .contains("\nmounted").endsWith("nfs-running");
        assertThat(stateOf(other)).as(other + " " + when).startsWith("Secondary/Primary")
                .contains("unmounted").endsWith("nfs-stopped");
    }

    /** A terminal that answers each confirmation in turn from {@code answers}, and records what it was asked. */
    private static final class ScriptedTerminal implements TerminalIo {
        final StringWriter shown = new StringWriter();
        final List<String> answers;
        final AtomicInteger next = new AtomicInteger();

        ScriptedTerminal(List<String> answers) {
            this.answers = answers;
        }

        @Override
        public PrintWriter writer() {
            return new PrintWriter(shown, true);
        }

        @Override
        public String readLine(String prompt) {
            shown.write(prompt + "\n");
            int i = next.getAndIncrement();
            return i < answers.size() ? answers.get(i) : "";
        }
    }

    private int runAtTerminal(ScriptedTerminal terminal, StringWriter out) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_STATE_HOME", state.toString());
        env.remove("SOPCTL_INVENTORY");
        int code = Main.run(CliContext.ssh(env, Path.of(""), "lab-test@ci", terminal), new PrintWriter(out, true),
                new PrintWriter(out, true), "-i", lab.inventory().toString(), "--runbooks", RUNBOOKS.toString(),
                "run", "test/drbd-switch-primary", "-p", "cluster=nfs-ha");
        System.out.println(out + "\n" + terminal.shown);
        return code;
    }

    private String transcript() throws Exception {
        try (Stream<Path> files = Files.list(state.resolve("sopctl/transcripts"))) {
            Path file = files.filter(f -> f.toString().endsWith(".jsonl")).findFirst().orElseThrow();
            return Files.readString(file);
        }
    }

    @Test
    void withEveryConfirmationApprovedTheServiceMovesToNas2AndBack() throws Exception {
        StringWriter out = new StringWriter();
        int code = runAtTerminal(new ScriptedTerminal(List.of("y", "y", "y", "y", "y", "y")), out);

        assertThat(code).as(out.toString()).isEqualTo(ExitCode.OK);
        assertServing("nas2", "after the switch");
        assertThat(out.toString()).contains("nas1 is Primary", "nas2 is Secondary").doesNotContain("{{");

        // back to nas1 for the other tests: the same runbook, the roles read again
        Files.walk(state.resolve("sopctl")).sorted(java.util.Comparator.reverseOrder()).map(Path::toFile)
                .forEach(java.io.File::delete);
        assertThat(runAtTerminal(new ScriptedTerminal(List.of("y", "y", "y", "y", "y", "y")), new StringWriter()))
                .isEqualTo(ExitCode.OK);
        assertServing("nas1", "after switching back");
    }

    @ParameterizedTest(name = "declined at confirmation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void aDeclineAtAnyConfirmationLeavesNas1Serving(int declineAt) throws Exception {
        List<String> answers = new ArrayList<>();
        for (int i = 1; i < declineAt; i++) {
            answers.add("y");
        }
        answers.add("n");
        answers.add(""); // the undo: Enter accepts it
        StringWriter out = new StringWriter();

        int code = runAtTerminal(new ScriptedTerminal(answers), out);

        assertThat(code).as(out.toString()).isEqualTo(ExitCode.NOT_DONE);
        assertServing("nas1", "after declining at confirmation " + declineAt);
        String t = transcript();
        if (declineAt > 1) {
            assertThat(t).contains("\"type\":\"undo-plan\"").contains("\"outcome\":\"undone\"")
                    .doesNotContain("\"still_changed\"");
            assertThat(out.toString()).contains("the changes before it were undone");
        } else {
            assertThat(t).doesNotContain("\"type\":\"undo-plan\"");
        }
    }

    @Test
    void aRefusedPromotionLeavesNas1Serving() throws Exception {
        lab.fault("nas2", "drbd-promote-refused");
        StringWriter out = new StringWriter();

        int code = runAtTerminal(new ScriptedTerminal(List.of("y", "y", "y", "y", "")), out);

        assertThat(code).as(out.toString()).isEqualTo(ExitCode.CRITICAL);
        assertThat(out.toString()).contains("step 'promote-standby' failed on nas2", "exited with status 11",
                "the changes before it were undone");
        assertServing("nas1", "after the refused promotion");
        String t = transcript();
        assertThat(t).contains("Need access to UpToDate data").contains("\"type\":\"undo-plan\"")
                .contains("\"command\":\"drbdadm primary data\",\"undo\":true")
                .contains("\"command\":\"mount /dev/drbd0 /data\",\"undo\":true");
    }

    @ParameterizedTest(name = "SIGINT during {0}")
    @ValueSource(strings = {"read-roles", "stop-nfs", "unmount-primary", "demote-primary", "promote-standby",
        "mount-standby", "start-nfs", "check-new-primary"})
    void aSigintAtAnyStepLeavesNas1Serving(String step) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path outFile = state.resolve("out.txt");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.sopctl.Main",
                "-i", lab.inventory().toString(), "--runbooks", RUNBOOKS.toString(), "run", "test/drbd-switch-primary",
                "-p", "cluster=nfs-ha", "-p", "pause_before=" + step, "--yes")
                .redirectErrorStream(true).redirectOutput(outFile.toFile());
        pb.environment().put("XDG_STATE_HOME", state.toString());
        Process sopctl = pb.start();
        try {
            String marker = "test " + step + " != " + step + " || sleep 120";
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(outFile).contains(marker)) {
                if (!sopctl.isAlive() || System.nanoTime() > until) {
                    throw new AssertionError("step " + step + " did not start:\n" + Files.readString(outFile));
                }
                Thread.sleep(100);
            }
            Thread.sleep(300); // the remote sleep has begun

            new ProcessBuilder("kill", "-INT", String.valueOf(sopctl.pid())).start().waitFor();

            assertThat(sopctl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            sopctl.destroyForcibly();
        }
        String out = Files.readString(outFile);
        assertThat(sopctl.exitValue()).as(out).isEqualTo(ExitCode.NOT_DONE);
        assertServing("nas1", "after SIGINT during " + step);
        String t = transcript();
        assertThat(t).contains("\"type\":\"interrupted\"").contains("\"outcome\":\"interrupted\"");
        boolean changesBefore = List.of(STEPS).indexOf(step) > 1;
        if (changesBefore) {
            assertThat(t).contains("\"type\":\"undo-plan\"").contains("\"outcome\":\"undone\"")
                    .doesNotContain("\"still_changed\"");
        } else {
            assertThat(t).doesNotContain("\"type\":\"undo-plan\"");
        }
        assertThat(lab.exec("nas1", "ps -ef") + lab.exec("nas2", "ps -ef")).contains("sshd").doesNotContain("sleep 120");
    }
}
