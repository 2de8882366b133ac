package dev.sopctl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.lock.ControlHost;
import dev.sopctl.lock.LocalShell;
import dev.sopctl.lock.LockOwner;
import dev.sopctl.lock.LockScript;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import dev.sopctl.transcript.RecordingSink;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.TransportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run locks in the engine: each host's lock commands run in a real sh against a directory of that
 * host's own under a temporary folder, so the locks are real directories.
 */
class RunLocksTest {
    private static final String DIR = "/run/sopctl/lock";
    private static final Runbook CHANGE = EngineHarness.yaml("""
            name: t/change
            title: t
            steps:
              - {id: look, title: look, on: "role:node", run: uptime}
              - {id: act, title: act, kind: change, on: "role:node", run: 'touch /x', undo: {run: 'rm /x'}}
            """);

    @TempDir
    Path tmp;
    private final EngineHarness h = new EngineHarness();

    @BeforeEach
    void hostsWithRealLockDirectories() {
        h.locks = new RunLockOptions(new LockScript(DIR), Duration.ZERO, false, ControlHost.local());
        h.transport.on("*", "^# sopctl run lock", (host, command) -> {
            LocalShell.Result r = LocalShell.run(command.replace(DIR, lockDir(host.name()).toString()));
            return new ExecResult(r.exit(), r.stdout(), r.stderr(), false, Duration.ZERO);
        });
        h.transport.on("*", "uptime", Reply.ok("up\n"));
        h.transport.on("*", "touch /x", Reply.ok(""));
        h.transport.on("*", "rm /x", Reply.ok(""));
    }

    private Path lockDir(String host) {
        return tmp.resolve(host).resolve("run/sopctl/lock");
    }

    /** Another run's lock on {@code host}, as it would have written it. */
    private void lockedBy(String host, LockOwner owner) throws Exception {
        LocalShell.Result r = LocalShell.run(new LockScript(lockDir(host).toString()).take(owner));
        assertThat(r.stdout()).startsWith("SOPCTL-LOCK-TAKEN");
    }

    private static LockOwner elsewhere(String run) {
        return new LockOwner(run, "bob@ctl2", "ctl2", "m2", "b2", 77L, null, Instant.parse("2026-11-23T09:00:00Z"),
                "pvdi/node-shutdown", "patching");
    }

    private List<RecordingSink.Event> lockEvents() {
        return h.events.events().stream().filter(e -> e.type().equals("lock")).toList();
    }

    @Test
    void aChangingRunLocksEveryHostItMayChangeBeforeItsFirstChangeAndReleasesThemAtTheEnd() {
        RunResult r = h.run(CHANGE, Map.of());

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        List<String> node1 = h.transport.commandsOn("node1");
        assertThat(node1).hasSize(4);
        assertThat(node1.get(0)).isEqualTo("uptime");
        assertThat(node1.get(1)).startsWith("# sopctl run lock: take");
        assertThat(node1.get(2)).isEqualTo("touch /x");
        assertThat(node1.get(3)).startsWith("# sopctl run lock: release");
        assertThat(lockEvents()).extracting(e -> e.get("host") + " " + e.get("action")).containsExactly(
                "node1 taken", "node2 taken", "node3 taken", "node1 released", "node2 released", "node3 released");
        @SuppressWarnings("unchecked")
        Map<String, Object> owner = (Map<String, Object>) lockEvents().get(0).get("owner");
        assertThat(owner).containsEntry("run", "run-1").containsEntry("operator", "tester@test")
                .containsEntry("runbook", "t/change").containsEntry("reason", "a test")
                .containsEntry("pid", ProcessHandle.current().pid()).containsKeys("boot_id", "since", "control_host");
        assertThat(lockDir("node1")).doesNotExist();
    }

    @Test
    void aHostLockedByAnotherRunStopsTheRunBeforeItsFirstChangeNamingTheHolder() throws Exception {
        lockedBy("node2", elsewhere("run-bob"));

        RunResult r = h.run(CHANGE, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.LOCKED);
        assertThat(r.outcome()).isEqualTo(Outcome.LOCKED);
        assertThat(r.message()).isEqualTo("node2 is locked by bob@ctl2 (run run-bob, runbook pvdi/node-shutdown,"
                + " pid 77, reason: patching) since 2026-11-23 09:00:00 UTC; nothing was changed");
        assertThat(r.hint()).contains("--wait-lock").contains("--break-lock");
        assertThat(r.steps()).extracting(StepResult::stepId).containsExactly("look", "act");
        assertThat(r.steps().get(1).hosts()).extracting(x -> x.outcome().id()).containsOnly("locked");
        assertThat(h.transport.log()).noneMatch(l -> l.endsWith("touch /x"));
        // the locks it took on the others are given back; the other run's stays
        assertThat(lockDir("node1")).doesNotExist();
        assertThat(lockDir("node3")).doesNotExist();
        assertThat(lockDir("node2").resolve("run")).content().isEqualTo("run-bob\n");
    }

    @Test
    void withWaitLockItAsksAgainUntilTheTimeIsUpThenStops() throws Exception {
        lockedBy("node1", elsewhere("run-bob"));
        h.locks = new RunLockOptions(h.locks.script(), Duration.ofSeconds(9), false, h.locks.self());

        RunResult r = h.run(CHANGE, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.LOCKED);
        assertThat(r.message()).contains("(waited 9s)");
        assertThat(lockEvents()).filteredOn(e -> "waiting".equals(e.get("action"))).hasSize(1);
        long asked = h.transport.commandsOn("node1").stream().filter(c -> c.startsWith("# sopctl run lock: take")).count();
        assertThat(asked).isEqualTo(6); // at 0, 2, 4, 6, 8 and 9 s
    }

    @Test
    void withWaitLockARunGoesAheadOnceTheOtherRunHasReleased() throws Exception {
        lockedBy("node1", elsewhere("run-bob"));
        h.locks = new RunLockOptions(h.locks.script(), Duration.ofMinutes(1), false, h.locks.self());
        // the other run ends after sopctl's second look
        int[] looks = {0};
        h.transport.on("node1", "^# sopctl run lock: take", (host, command) -> {
            if (++looks[0] == 2) {
                LocalShell.run(new LockScript(lockDir("node1").toString()).release("run-bob"));
            }
            LocalShell.Result r = LocalShell.run(command.replace(DIR, lockDir("node1").toString()));
            return new ExecResult(r.exit(), r.stdout(), r.stderr(), false, Duration.ZERO);
        });

        RunResult r = h.run(CHANGE, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(lockEvents()).extracting(e -> e.get("host") + " " + e.get("action"))
                .startsWith("node2 taken", "node3 taken", "node1 waiting", "node1 taken");
    }

    @Test
    void aStaleLockOfThisMachineIsTakenOverWithATranscriptEntry() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        ControlHost here = ControlHost.local();
        lockedBy("node1", new LockOwner("run-dead", "ops@" + here.name(), here.name(), here.machineId(), here.bootId(),
                gone.pid(), null, Instant.parse("2026-11-23T08:00:00Z"), "t/change", null));

        RunResult r = h.run(CHANGE, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        RecordingSink.Event over = lockEvents().get(0);
        assertThat(over.get("action")).isEqualTo("taken-over");
        assertThat((String) over.get("message")).contains("run run-dead").contains("process " + gone.pid())
                .contains("no longer runs");
        assertThat(lockDir("node1")).doesNotExist();
    }

    @Test
    void breakLockAsksToTypeTheHostAndADeclineChangesNothing() throws Exception {
        lockedBy("node1", elsewhere("run-bob"));
        h.locks = new RunLockOptions(h.locks.script(), Duration.ZERO, true, h.locks.self());
        h.answer(ConfirmAnswer.TYPED_WRONG);

        RunResult r = h.run(CHANGE, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(r.message()).startsWith("the run lock was not broken: the typed text did not match 'node1'")
                .contains("node1 is locked by bob@ctl2");
        assertThat(h.asked).singleElement().satisfies(q -> {
            assertThat(q.typed()).isEqualTo("node1");
            assertThat(q.commands()).extracting(ConfirmRequest.HostCommand::host).containsExactly("node1");
        });
        assertThat(lockDir("node1").resolve("run")).content().isEqualTo("run-bob\n");
        assertThat(h.transport.log()).noneMatch(l -> l.endsWith("touch /x"));
    }

    @Test
    void breakLockConfirmedTakesTheLockAndRecordsWhoseItWas() throws Exception {
        lockedBy("node1", elsewhere("run-bob"));
        h.locks = new RunLockOptions(h.locks.script(), Duration.ZERO, true, h.locks.self());
        h.answer(ConfirmAnswer.TYPED_OK);

        RunResult r = h.run(CHANGE, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        RecordingSink.Event broken = lockEvents().stream().filter(e -> "broken".equals(e.get("action"))).findFirst()
                .orElseThrow();
        assertThat(broken.get("host")).isEqualTo("node1");
        @SuppressWarnings("unchecked")
        Map<String, Object> old = (Map<String, Object>) broken.get("owner");
        assertThat(old).containsEntry("run", "run-bob");
        assertThat(h.events.types()).contains("confirm");
        assertThat(lockDir("node1")).doesNotExist();
    }

    @Test
    void probesOnlyAndCheckModeTakeNoLock() {
        Runbook probes = EngineHarness.yaml("""
                name: t/probe
                title: t
                steps:
                  - {id: look, title: look, on: "role:node", run: uptime}
                """);
        assertThat(h.run(probes, Map.of()).exitCode()).isEqualTo(ExitCode.OK);
        h.mode = RunMode.CHECK;
        assertThat(h.run(CHANGE, Map.of()).exitCode()).isEqualTo(ExitCode.OK);
        assertThat(h.transport.log()).noneMatch(l -> l.contains("sopctl run lock"));
    }

    @Test
    void theLocksAreReleasedAfterAFailureAndItsUndo() {
        h.transport.on("node3", "touch /x", Reply.exit(1, "", "read-only file system\n"));

        RunResult r = h.run(CHANGE, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        List<String> order = h.events.events().stream()
                .filter(e -> e.type().equals("undo") || e.type().equals("lock") && "released".equals(e.get("action")))
                .map(e -> e.type()).toList();
        assertThat(order).startsWith("undo").endsWith("lock");
        for (String node : List.of("node1", "node2", "node3")) {
            assertThat(lockDir(node)).doesNotExist();
        }
    }

    @Test
    void aHostOfALaterChangeUnreachableAtTheFirstChangeIsLockedBeforeItsOwn() {
        Runbook two = EngineHarness.yaml("""
                name: t/two
                title: t
                steps:
                  - {id: one, title: one, kind: change, on: node1, run: 'touch /x'}
                  - {id: two, title: two, kind: change, on: node2, run: 'touch /x'}
                """);
        h.transport.on("node2", "^# sopctl run lock: take", Reply.sequence(Reply.fail(TransportException.Kind.UNREACHABLE),
                (host, command) -> {
                    LocalShell.Result r = LocalShell.run(command.replace(DIR, lockDir("node2").toString()));
                    return new ExecResult(r.exit(), r.stdout(), r.stderr(), false, Duration.ZERO);
                }));

        RunResult r = h.run(two, Map.of());

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.events.events()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("notice");
            assertThat((String) e.get("message")).startsWith("not locked now:").endsWith("locked before its first change");
        });
        List<String> node2 = h.transport.commandsOn("node2");
        assertThat(node2).hasSize(4);
        assertThat(node2.get(1)).startsWith("# sopctl run lock: take");
        assertThat(node2.get(2)).isEqualTo("touch /x");
        assertThat(lockDir("node2")).doesNotExist();
    }

    @Test
    void aHostUnreachableAtItsFirstChangeFailsThereAlone() {
        h.transport.on("node2", "^# sopctl run lock: take", Reply.fail(TransportException.Kind.UNREACHABLE));

        RunResult r = h.run(CHANGE, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(r.steps().get(1).hosts()).extracting(x -> x.outcome().id())
                .containsExactly("ok", "unreachable", "ok");
        assertThat(r.steps().get(1).hosts().get(1).message()).startsWith("cannot take the run lock: node2")
                .endsWith("nothing was changed on it");
        assertThat(h.transport.commandsOn("node2")).doesNotContain("touch /x");
    }

    @Test
    void theLocksAreReleasedAfterAnInterruptAndItsUndo() {
        h.transport.onStream("node2", "^touch /x", (host, command, streams) -> {
            throw new InterruptedException("Ctrl-C");
        });

        RunResult r = h.run(CHANGE, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(r.outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(lockEvents()).filteredOn(e -> "released".equals(e.get("action"))).hasSize(3);
        for (String node : List.of("node1", "node2", "node3")) {
            assertThat(lockDir(node)).doesNotExist();
        }
    }

    @Test
    void theLocksAreReleasedAfterALaterDestructiveStepIsDeclined() {
        Runbook twoSteps = EngineHarness.yaml("""
                name: t/decline
                title: t
                steps:
                  - {id: act, title: act, kind: change, on: node1, run: 'touch /x', undo: {run: 'rm /x'}}
                  - {id: wipe, title: wipe, on: node1, run: 'touch /x # wipe', destructive: {confirm: wipe it}}
                """);
        h.confirmer = request -> request.isUndo() ? ConfirmAnswer.YES : ConfirmAnswer.NO;

        RunResult r = h.run(twoSteps, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(h.transport.commandsOn("node1")).contains("rm /x");
        assertThat(lockEvents()).extracting(e -> e.get("host") + " " + e.get("action"))
                .containsExactly("node1 taken", "node1 released");
        assertThat(lockDir("node1")).doesNotExist();
    }
}
