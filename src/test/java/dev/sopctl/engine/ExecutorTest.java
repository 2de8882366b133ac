package dev.sopctl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.inventory.InventoryLoader;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import dev.sopctl.transport.TransportException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Engine semantics on small runbooks and a scripted transport. */
class ExecutorTest {
    private final EngineHarness h = new EngineHarness();

    @Test
    void aFailureOnOneHostOfAFanOutIsReportedForThatHostWhileTheOthersFinish() {
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - {id: look, title: look, on: "role:node", run: uptime}
                  - {id: after, title: after, on: "role:node", run: date}
                """);
        h.transport.on("node1", "uptime", Reply.ok("up 3 days\n"));
        h.transport.on("node2", "uptime", Reply.exit(1, "", "uptime: broken\n"));
        h.transport.on("node3", "uptime", Reply.ok("up 1 day\n"));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.steps().get(0).hosts()).extracting(HostResult::host, h -> h.outcome().id())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("node1", "ok"),
                        org.assertj.core.groups.Tuple.tuple("node2", "failed"),
                        org.assertj.core.groups.Tuple.tuple("node3", "ok"));
        assertThat(r.message()).contains("node2").contains("exited with status 1: uptime: broken");
        assertThat(h.transport.log()).noneMatch(l -> l.endsWith(": date"));
    }

    @Test
    void anUnreachableHostMakesTheRunUnknownAndDoesNotHideTheOthers() {
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - {id: look, title: look, on: "role:node", run: uptime}
                """);
        h.transport.on("*", "uptime", Reply.ok("up\n"));
        h.transport.on("node2", "uptime", Reply.fail(TransportException.Kind.UNREACHABLE));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(r.steps().get(0).hosts()).extracting(h -> h.outcome().id()).containsExactly("ok", "unreachable", "ok");
    }

    @Test
    void continueGoesOnAndRecoverRunsTheRecoverySteps() {
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - {id: optional, title: may fail, on: node1, run: 'false', on_failure: continue}
                  - {id: needed, title: must work, on: node1, run: 'test -e /x', on_failure: recover, recover: [undo]}
                  - {id: never, title: not reached, on: node1, run: 'true'}
                recovery:
                  - {id: undo, title: put it back, on: node1, run: 'echo undo'}
                """);
        h.transport.on("node1", "^false$", Reply.exit(1, "", ""));
        h.transport.on("node1", "^test", Reply.exit(1, "", ""));
        h.transport.on("node1", "^echo undo$", Reply.ok("undo\n"));

        RunResult r = h.run(rb, Map.of());

        assertThat(h.commands("node1")).containsExactly("false", "test -e /x", "echo undo");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).contains("needed");
    }

    @Test
    void aWarningGuardReportsAndGoesOnWithExitOne() {
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - id: bond
                    title: bond slaves
                    on: node1
                    run: cat /proc/net/bonding/bond0
                    parse: lines
                    capture: {down: "len(where(pluck([], 'x'), 'x', 1))"}
                    assert:
                      - {that: "not contains(stdout, 'down')", message: "a bond slave is down", severity: warning}
                  - {id: next, title: next, on: node1, run: 'true'}
                """);
        h.transport.on("node1", "bonding", Reply.ok("Slave Interface: eth1\nMII Status: down\n"));
        h.transport.on("node1", "^true$", Reply.ok(""));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(r.outcome().id()).isEqualTo("warning");
        assertThat(h.commands("node1")).contains("true");
    }

    @Test
    void allowExitCountsOtherStatusesAsSuccessAndCapturesFlowToLaterSteps() {
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - id: find
                    title: grep
                    on: node1
                    run: grep -c pemon /etc/inittab
                    allow_exit: [0, 1]
                    capture: {count: int(trim(stdout))}
                  - {id: use, title: use, on: node1, when: count == 0, run: "echo {{ count }}"}
                """);
        h.transport.on("node1", "^grep", Reply.exit(1, "0\n", ""));
        h.transport.on("node1", "^echo", Reply.ok("0\n"));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).containsExactly("grep -c pemon /etc/inittab", "echo 0");
    }

    @Test
    void asWrapsTheCommandForAnotherUserWithItsQuoting() {
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                params: {script: {type: string, pattern: "[a-z_]+"}}
                steps:
                  - {id: start, title: start, kind: change, on: node1, as: orchard, run: "cd ~/pvdi/scripts && ./{{ script }} start"}
                """);
        h.transport.on("node1", ".*", Reply.ok(""));

        h.run(rb, Map.of("script", "pvdi_was"));

        assertThat(h.commands("node1")).containsExactly("su - orchard -c 'cd ~/pvdi/scripts && ./pvdi_was start'");
    }

    @Test
    void hostileParameterValuesAreQuotedIntoOneWord() {
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                params: {text: {type: string}}
                steps:
                  - {id: say, title: say, on: node1, run: "echo {{ text }}"}
                """);
        h.transport.on("node1", ".*", Reply.ok(""));

        h.run(rb, Map.of("text", "x; reboot $(halt) `poweroff`"));

        assertThat(h.commands("node1")).containsExactly("echo 'x; reboot $(halt) `poweroff`'");
    }

    @Test
    void secretValuesAreRedactedInEventsAndResults() {
        h.inventory = InventoryLoader.parse("""
                hosts: {db1: {address: 10.0.0.9, role: mastervm}}
                secrets: {db_password: {env: TEST_DB_PW}}
                """, "s.yaml", Map.of());
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                params: {pw: {type: secret}}
                steps:
                  - {id: dump, title: dump, on: db1, run: "mysqldump -p{{ pw }} pvdi", allow_exit: [0, 2]}
                """);
        h.transport.on("db1", ".*", Reply.exit(2, "", "access denied for password hunter2hunter2\n"));
        RunResult r = runWithEnv(rb, Map.of("pw", "db_password"), Map.of("TEST_DB_PW", "hunter2hunter2"));

        assertThat(h.transport.log()).containsExactly("db1: mysqldump -phunter2hunter2 pvdi");
        assertThat(h.events.events()).allSatisfy(e -> assertThat(e.fields().toString()).doesNotContain("hunter2hunter2"));
        assertThat(r.steps().get(0).hosts().get(0).stderr()).contains("***").doesNotContain("hunter2");
    }

    private RunResult runWithEnv(Runbook rb, Map<String, String> params, Map<String, String> env) {
        var values = dev.sopctl.runbook.ParameterValidator.validate(rb, params, h.inventory, env);
        Plan plan = Planner.plan(rb, values, h.inventory);
        RunOptions options = new RunOptions(RunMode.RUN, 2, null, "t@t", java.util.List.of(), null, java.util.List.of());
        return new Executor(h.transport, h.confirmer, java.util.List.of(h.events), h.ticker, options).run("r", plan);
    }

    @Test
    void anInterruptStopsTheRunWithExitFiveAndRecordsIt() throws Exception {
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - {id: slow, title: slow, on: node1, run: sleep 600}
                  - {id: never, title: never, on: node1, run: 'true'}
                """);
        CountDownLatch started = new CountDownLatch(1);
        h.transport.on("node1", "sleep", (host, c) -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(host.name(), TransportException.Kind.DISCONNECTED, "stopped");
            }
            return null;
        });
        AtomicReference<RunResult> result = new AtomicReference<>();
        Thread runner = new Thread(() -> result.set(h.run(rb, Map.of())));
        runner.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        runner.interrupt();
        runner.join(10_000);

        assertThat(result.get().exitCode()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(result.get().outcome().id()).isEqualTo("interrupted");
        assertThat(h.events.types()).contains("interrupted").endsWith("run-end");
        assertThat(h.commands("node1")).containsExactly("sleep 600");
    }

    @Test
    void untilWaitsWithTheFakeClockAndCountsUnreachableAsNotYet() {
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - id: back
                    title: wait
                    on: node1
                    run: cat /proc/uptime
                    until: {that: "float(split(stdout, ' ')[0]) < 100", interval: 10s, timeout: 2m}
                """);
        h.transport.on("node1", "uptime", Reply.sequence(
                Reply.ok("5000.0 1.0\n"),
                Reply.fail(TransportException.Kind.UNREACHABLE),
                Reply.fail(TransportException.Kind.DISCONNECTED),
                Reply.ok("12.5 1.0\n")));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).hasSize(4);
        assertThat(h.events.ofType("wait")).hasSize(3);
        assertThat(h.ticker.now()).isEqualTo(java.time.Instant.parse("2026-11-23T10:00:30Z"));
        assertThat(Duration.ofSeconds(30)).isLessThan(Duration.ofMinutes(2));
    }

    @Test
    void aHostThatFailedBeforeItsCaptureIsSkippedByLaterConditionsWhileTheOthersGoOn() {
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - {id: look, title: look, on: "node1,node2", run: uptime, capture: {up: "trim(stdout)"}, on_failure: continue}
                  - {id: fix, title: fix, kind: change, on: "node1,node2", when: "up == 'down'", run: 'systemctl restart x'}
                """);
        h.transport.on("node1", "uptime", Reply.ok("down\n"));
        h.transport.on("node1", "restart", Reply.ok(""));
        h.transport.on("node2", "uptime", Reply.fail(TransportException.Kind.UNREACHABLE));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(r.steps().get(1).hosts()).extracting(h -> h.outcome().id()).containsExactly("ok", "skipped");
        assertThat(h.commands("node1")).containsExactly("uptime", "systemctl restart x");
    }

    @Test
    void aNullCaptureIsDefinedForLaterStepsAndEveryFailingWarningIsReported() {
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - id: find
                    title: find
                    on: node1
                    run: cat /etc/x
                    capture: {missing: "first([])"}
                    assert:
                      - {that: "false", message: "first warning", severity: warning}
                      - {that: "false", message: "second warning", severity: warning}
                  - {id: use, title: use, on: node1, when: "missing == null", run: "echo absent"}
                """);
        h.transport.on("node1", ".*", Reply.ok(""));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(r.steps().get(0).hosts().get(0).message()).isEqualTo("first warning; second warning");
        assertThat(h.commands("node1")).containsExactly("cat /etc/x", "echo absent");
    }
}
