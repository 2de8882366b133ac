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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run locks on real OpenSSH hosts: a second changing run on a node another sopctl process is
 * changing stops with exit 4 naming it, or waits with --wait-lock; a SIGKILLed sopctl's lock is
 * taken over; a lock of another machine needs --break-lock and the typed host name.
 */
@Lab("healthy")
class RunLockLabTest {
    @TempDir
    Path state;
    private Process first;

    @AfterEach
    void stopTheFirstRun(LabEstate lab) throws Exception {
        if (first != null) {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        lab.exec("node1", "rm -rf /run/sopctl /tmp/lock-lab-*");
    }

    @Test
    void aSecondChangingRunStopsWithExit4NamingTheFirstAndChangesNothing(LabEstate lab) throws Exception {
        first = startFirst(lab, "touch /tmp/lock-lab-a; sleep 20 # sopctl-lock-lab");
        waitFor(() -> lockRun(lab) != null, "the first run's lock on node1");

        Result second = sopctl(lab, null, "--yes", "exec", "--on", "node1", "--", "touch /tmp/lock-lab-b");

        assertThat(second.exit).as(second.all()).isEqualTo(ExitCode.LOCKED);
        assertThat(second.all()).contains("node1 is locked by").contains("run " + lockRun(lab))
                .contains("pid " + first.pid()).contains(" since ").contains("nothing was changed");
        assertThat(lab.exec("node1", "ls /tmp/lock-lab-b 2>&1")).contains("No such file");
        assertThat(transcript(second)).contains("\"type\":\"lock\"").contains("\"action\":\"held\"");
    }

    @Test
    void withWaitLockTheSecondRunWaitsForTheFirstThenRuns(LabEstate lab) throws Exception {
        first = startFirst(lab, "touch /tmp/lock-lab-a; sleep 6 # sopctl-lock-lab");
        waitFor(() -> lockRun(lab) != null, "the first run's lock on node1");
        long t0 = System.nanoTime();

        Result second = sopctl(lab, null, "--yes", "--wait-lock", "60s", "exec", "--on", "node1", "--",
                "test -e /tmp/lock-lab-a && touch /tmp/lock-lab-b");

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(second.exit).as(second.all()).isEqualTo(ExitCode.OK);
        assertThat(first.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isZero();
        assertThat(second.all()).contains("run lock waiting");
        assertThat(waited).as("waited for the first run (ms)").isGreaterThan(2000);
        assertThat(lab.exec("node1", "ls /tmp/lock-lab-b")).contains("/tmp/lock-lab-b");
        assertThat(lockRun(lab)).isNull();
        System.out.printf("--wait-lock: the second run finished %d ms after it started%n", waited);
    }

    @Test
    void theLockOfASigkilledSopctlIsTakenOver(LabEstate lab) throws Exception {
        first = startFirst(lab, "touch /tmp/lock-lab-a; sleep 300 # sopctl-lock-lab");
        waitFor(() -> lockRun(lab) != null, "the first run's lock on node1");
        String dead = lockRun(lab);
        new ProcessBuilder("kill", "-KILL", String.valueOf(first.pid())).start().waitFor();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(lockRun(lab)).as("a SIGKILLed sopctl cannot release its lock").isEqualTo(dead);

        Result second = sopctl(lab, null, "--yes", "exec", "--on", "node1", "--", "touch /tmp/lock-lab-b");

        assertThat(second.exit).as(second.all()).isEqualTo(ExitCode.OK);
        assertThat(second.all()).contains("run lock taken-over").contains("run " + dead)
                .contains("process " + first.pid()).contains("no longer runs");
        assertThat(transcript(second)).contains("\"action\":\"taken-over\"");
        assertThat(lockRun(lab)).isNull();
    }

    @Test
    void aLockOfAnotherMachineNeedsBreakLockAndTheTypedHostName(LabEstate lab) throws Exception {
        lab.exec("node1", "mkdir -p /run/sopctl/lock && echo run-elsewhere > /run/sopctl/lock/run && "
                + "echo '{\"run\":\"run-elsewhere\",\"operator\":\"bob@ctl-other\",\"control_host\":\"ctl-other\","
                + "\"boot_id\":\"b\",\"pid\":1,\"since\":\"2026-11-30T22:00:00Z\",\"runbook\":\"pvdi/node-shutdown\"}'"
                + " > /run/sopctl/lock/owner");

        Result plain = sopctl(lab, null, "--yes", "exec", "--on", "node1", "--", "touch /tmp/lock-lab-b");
        assertThat(plain.exit).as(plain.all()).isEqualTo(ExitCode.LOCKED);
        assertThat(plain.all()).contains("node1 is locked by bob@ctl-other (run run-elsewhere, runbook pvdi/node-shutdown,"
                + " pid 1) since 2026-11-30 22:00:00 UTC");

        // typed: the exec's own confirmation, then (wrongly) the lock's host
        Result declined = sopctl(lab, List.of("y", "node2"), "--break-lock", "exec", "--on", "node1", "--",
                "touch /tmp/lock-lab-b");
        assertThat(declined.exit).as(declined.all()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(declined.all()).contains("the run lock was not broken: the typed text did not match 'node1'");
        assertThat(lockRun(lab)).isEqualTo("run-elsewhere");
        assertThat(lab.exec("node1", "ls /tmp/lock-lab-b 2>&1")).contains("No such file");

        Result broken = sopctl(lab, List.of("y", "node1"), "--break-lock", "exec", "--on", "node1", "--",
                "touch /tmp/lock-lab-b");
        assertThat(broken.exit).as(broken.all()).isEqualTo(ExitCode.OK);
        assertThat(broken.all()).contains("run lock broken").contains("bob@ctl-other");
        assertThat(transcript(broken)).contains("\"action\":\"broken\"").contains("\"step\":\"break-lock\"");
        assertThat(lab.exec("node1", "ls /tmp/lock-lab-b")).contains("/tmp/lock-lab-b");
        assertThat(lockRun(lab)).isNull();
    }

    // --- helpers

    record Result(int exit, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    /** A sopctl process of its own (another pid, same machine) changing node1 with {@code command}. */
    private Process startFirst(LabEstate lab, String command) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.sopctl.Main",
                "-i", lab.inventory().toString(), "--yes", "--reason", "first run", "exec", "--on", "node1", "--",
                command)
                .redirectErrorStream(true)
                .redirectOutput(state.resolve("first.txt").toFile());
        pb.environment().put("XDG_STATE_HOME", state.resolve("first").toString());
        return pb.start();
    }

    /** sopctl in this JVM; with {@code typed}, a terminal where those answers are typed. */
    private Result sopctl(LabEstate lab, List<String> typed, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_STATE_HOME", state.resolve("second").toString());
        env.remove("SOPCTL_INVENTORY");
        env.remove("SSH_AUTH_SOCK");
        StringWriter term = new StringWriter();
        TerminalIo terminal = null;
        if (typed != null) {
            Deque<String> answers = new ArrayDeque<>(typed);
            PrintWriter w = new PrintWriter(term, true);
            terminal = new TerminalIo() {
                @Override
                public PrintWriter writer() {
                    return w;
                }

                @Override
                public String readLine(String prompt) {
                    w.print(prompt);
                    return answers.pollFirst();
                }
            };
        }
        List<String> all = new java.util.ArrayList<>(List.of("-i", lab.inventory().toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(CliContext.ssh(env, Path.of(""), "lab-test@ci", terminal), new PrintWriter(out, true),
                new PrintWriter(err, true), all.toArray(String[]::new));
        Result r = new Result(code, out + term.toString(), err.toString());
        System.out.println("$ sopctl " + String.join(" ", all) + "  -> exit " + code + "\n" + r.all());
        return r;
    }

    private String transcript(Result r) throws Exception {
        Path dir = state.resolve("second/sopctl/transcripts");
        try (var files = Files.list(dir)) {
            Path newest = files.filter(f -> f.toString().endsWith(".jsonl")).max((a, b) -> {
                try {
                    return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).orElseThrow();
            return Files.readString(newest);
        }
    }

    /** The run id in node1's lock, or null when there is no lock. */
    private static String lockRun(LabEstate lab) {
        try {
            String out = lab.exec("node1", "cat /run/sopctl/lock/run 2>/dev/null || echo NONE").strip();
            return out.equals("NONE") || out.isEmpty() ? null : out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void waitFor(BooleanSupplier condition, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end || first != null && !first.isAlive()) {
                throw new AssertionError("no " + what + ": " + Files.readString(state.resolve("first.txt")));
            }
            Thread.sleep(200);
        }
    }
}
