package dev.sopctl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.runbook.RunbookRepository;
import dev.sopctl.transcript.RecordingSink;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Run-time targets ({@code on: "{{ primary }}"} after a step published it) and undo after a stop,
 * on the test switchover runbook against a modelled DRBD pair: whatever stops the run, the pair
 * serves from the old primary afterwards, and the transcript says what was undone.
 */
class UndoAndRuntimeTargetTest {
    static final Runbook SWITCH = RunbookRepository.load(Path.of("src/test/resources/runbooks"))
            .get("test/drbd-switch-primary");
    static final List<String> CONFIRMED = List.of("stop-nfs", "unmount-primary", "demote-primary", "promote-standby",
            "mount-standby", "start-nfs");

    final EngineHarness h = new EngineHarness();
    DrbdPairModel pair;

    @BeforeEach
    void pairServesFromNas1() {
        pair = new DrbdPairModel("nas1");
        pair.script(h.transport);
    }

    private RunResult run() {
        return h.run(SWITCH, Map.of("cluster", "nfs-ha"));
    }

    @Test
    void theTargetsAreDecidedAtRunTimeAndTheSwitchMovesThePrimary() {
        RunResult r = run();

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(pair.node("nas2").serving()).isTrue();
        assertThat(pair.node("nas1").role).isEqualTo("Secondary");
        assertThat(h.commands("nas1")).anyMatch(c -> c.endsWith("drbdadm secondary data"))
                .noneMatch(c -> c.endsWith("drbdadm primary data"));
        assertThat(h.commands("nas2")).anyMatch(c -> c.endsWith("drbdadm primary data"));
        assertThat(h.events.ofType("step-start")).filteredOn(e -> "demote-primary".equals(e.get("step")))
                .singleElement().satisfies(e -> {
                    assertThat(e.get("hosts")).isEqualTo(List.of("nas1"));
                    assertThat(e.get("target")).isEqualTo("{{ primary }}");
                });
        assertThat(r.stillChanged()).isEmpty();
        assertThat(h.events.types()).doesNotContain("undo-plan", "undo");
    }

    @Test
    void aNoticeOverPerHostCapturesShowsOncePerHostNeverRawTemplateText() {
        RunResult r = run();

        assertThat(RunResults.notice(r, "show-roles")).isEqualTo("nas1: nas1 is Primary\nnas2: nas2 is Secondary");
        assertThat(h.events.ofType("notice")).extracting(e -> (String) e.get("message"))
                .contains("nas1 is Primary", "nas2 is Secondary", "published primary = nas1", "published standby = nas2")
                .noneMatch(m -> m.contains("{{"));
    }

    @ParameterizedTest(name = "declined at {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void aDeclineAtAnyConfirmationUndoesTheChangesBeforeItNewestFirst(int declineAt) {
        AtomicInteger asked = new AtomicInteger();
        h.confirmer = req -> req.isUndo() ? ConfirmAnswer.NO_TERMINAL
                : asked.incrementAndGet() == declineAt ? ConfirmAnswer.NO : ConfirmAnswer.YES;

        RunResult r = run();

        assertThat(r.exitCode()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(r.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(pair.node("nas1").serving()).as("nas1 serves again").isTrue();
        assertThat(pair.node("nas2").role).isEqualTo("Secondary");
        assertThat(pair.node("nas2").mounted || pair.node("nas2").nfs).isFalse();
        assertThat(r.stillChanged()).isEmpty();
        List<String> undone = h.events.ofType("undo").stream().map(e -> (String) e.get("step")).toList();
        List<String> made = new java.util.ArrayList<>(CONFIRMED.subList(0, declineAt - 1));
        java.util.Collections.reverse(made);
        assertThat(undone).containsExactlyElementsOf(made);
        assertThat(h.events.ofType("undo")).allSatisfy(e -> assertThat(e.get("outcome")).isEqualTo("undone"));
        if (declineAt > 1) {
            assertThat(r.message()).contains("the operator declined").contains("the changes before it were undone");
            assertThat(h.events.types()).containsSubsequence("confirm", "undo-plan", "confirm", "command", "undo", "run-end");
        } else {
            assertThat(h.events.types()).doesNotContain("undo-plan");
        }
    }

    @Test
    void aFailedPromotionPutsThePairBackOnTheOldPrimary() {
        pair.refusePrimaryOn = "nas2";

        RunResult r = run();

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).startsWith("step 'promote-standby' failed on nas2: ")
                .contains("Need access to UpToDate data").endsWith("; the changes before it were undone");
        assertThat(pair.node("nas1").serving()).isTrue();
        assertThat(h.events.ofType("command")).filteredOn(e -> Boolean.TRUE.equals(e.get("undo")))
                .extracting(e -> e.get("host") + ": " + e.get("command"))
                .containsExactly("nas1: drbdadm primary data", "nas1: mount /dev/drbd0 /data",
                        "nas1: /etc/init.d/rpcbind start && /etc/init.d/nfslock start && /etc/init.d/nfs start");
        assertThat(h.events.ofType("run-end").get(0).get("still_changed")).isNull();
    }

    @Test
    void anUndoThatFailsIsReportedTheOthersStillRunAndTheRunExitsTwoNamingWhatIsLeft() {
        pair.refusePrimaryOn = "nas2";
        h.transport.on("nas1", "^mount /dev/drbd0 /data$", (host, c) ->
                new ExecResult(32, "", "mount: /data: special device /dev/drbd0 does not exist.\n", false, Duration.ZERO));

        RunResult r = run();

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.message()).contains("the undo failed: undo of unmount-primary on nas1: 'mount /dev/drbd0 /data' exited with status 32")
                .contains("still changed: nas1: unmount-primary");
        assertThat(r.stillChanged()).isEqualTo(Map.of("nas1", List.of("unmount-primary")));
        assertThat(h.events.ofType("undo")).extracting(e -> e.get("step") + " " + e.get("outcome"))
                .containsExactly("demote-primary undone", "unmount-primary failed", "stop-nfs undone");
        assertThat(pair.node("nas1").nfs).isTrue();
    }

    @Test
    void anOperatorAtATerminalMayRefuseTheUndoAndIsToldWhatIsStillChanged() {
        pair.refusePrimaryOn = "nas2";
        h.confirmer = req -> req.isUndo() ? ConfirmAnswer.NO : ConfirmAnswer.YES;

        RunResult r = run();

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).contains("the operator refused the undo")
                .endsWith("still changed: nas1: stop-nfs, unmount-primary, demote-primary");
        assertThat(h.events.ofType("undo")).extracting(e -> e.get("outcome")).containsOnly("declined");
        assertThat(h.commands("nas1")).noneMatch(c -> c.endsWith("/etc/init.d/nfs start"));
        assertThat(h.events.ofType("run-end").get(0).get("still_changed"))
                .isEqualTo(Map.of("nas1", List.of("stop-nfs", "unmount-primary", "demote-primary")));
    }

    @Test
    void anInterruptDuringAStepUndoesTheCompletedChangesAndExitsFive() throws Exception {
        CountDownLatch promoting = new CountDownLatch(1);
        h.transport.on("nas2", "drbdadm primary data$", (host, c) -> {
            promoting.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(host.name(), TransportException.Kind.DISCONNECTED, "stopped");
            }
            return null;
        });
        AtomicReference<RunResult> result = new AtomicReference<>();
        Thread runner = new Thread(() -> result.set(run()));
        runner.start();
        assertThat(promoting.await(10, TimeUnit.SECONDS)).isTrue();

        runner.interrupt();
        runner.join(10_000);

        RunResult r = result.get();
        assertThat(r.exitCode()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(r.outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(pair.node("nas1").serving()).isTrue();
        assertThat(h.events.types()).containsSubsequence("interrupted", "undo-plan", "undo", "undo", "undo", "run-end");
        assertThat(r.stillChanged()).isEmpty();
    }

    @Test
    void aSecondInterruptStopsTheUndoAndTheRestIsReportedAsStillChanged() throws Exception {
        CountDownLatch promoting = new CountDownLatch(1);
        CountDownLatch undoing = new CountDownLatch(1);
        h.transport.on("nas2", "drbdadm primary data$", (host, c) -> {
            promoting.countDown();
            return sleepUntilInterrupted(host.name());
        });
        h.transport.on("nas1", "^drbdadm primary data$", (host, c) -> {
            undoing.countDown();
            return sleepUntilInterrupted(host.name());
        });
        AtomicReference<RunResult> result = new AtomicReference<>();
        Thread runner = new Thread(() -> result.set(run()));
        runner.start();
        assertThat(promoting.await(10, TimeUnit.SECONDS)).isTrue();
        runner.interrupt();
        assertThat(undoing.await(10, TimeUnit.SECONDS)).isTrue();

        runner.interrupt();
        runner.join(10_000);

        RunResult r = result.get();
        assertThat(r.stillChanged()).isEqualTo(Map.of("nas1", List.of("stop-nfs", "unmount-primary", "demote-primary")));
        assertThat(h.events.ofType("undo")).extracting(e -> e.get("step") + " " + e.get("outcome"))
                .containsExactly("demote-primary interrupted", "unmount-primary not-run", "stop-nfs not-run");
        assertThat(h.events.ofType("interrupted")).extracting(e -> e.get("message"))
                .contains("the undo was stopped by a second interrupt");
        assertThat(r.message()).contains("still changed: nas1: stop-nfs, unmount-primary, demote-primary");
    }

    private static ExecResult sleepUntilInterrupted(String host) throws TransportException {
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(host, TransportException.Kind.DISCONNECTED, "stopped");
        }
        return null;
    }

    @Test
    void aLostConnectionToTheStandbyUndoesTheChangesOnThePrimary() {
        h.transport.on("nas2", "drbdadm primary data$", (host, c) -> {
            throw new TransportException(host.name(), TransportException.Kind.DISCONNECTED, "nas2: connection lost");
        });

        RunResult r = run();

        assertThat(r.exitCode()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(pair.node("nas1").serving()).isTrue();
        assertThat(r.stillChanged()).isEmpty();
    }

    @Test
    void withoutATerminalTheUndoRunsWithoutAsking() {
        pair.refusePrimaryOn = "nas2";
        RecordingSink events = h.events;
        h.confirmer = req -> req.isUndo() ? ConfirmAnswer.NO_TERMINAL : ConfirmAnswer.AUTO_YES;

        run();

        assertThat(events.ofType("confirm")).filteredOn(e -> "undo".equals(e.get("step")))
                .singleElement().satisfies(e -> assertThat(e.get("answer")).isEqualTo("no-terminal"));
        assertThat(pair.node("nas1").serving()).isTrue();
    }

    @Test
    void theDryRunPlanNamesTheRunTimeTargetsAndTheHostsTheyMayBe() {
        Plan plan = h.plan(SWITCH, Map.of("cluster", "nfs-ha"));
        PlannedStep demote = plan.steps().stream().filter(s -> s.step().id().equals("demote-primary")).findFirst().orElseThrow();
        PlannedStep promote = plan.steps().stream().filter(s -> s.step().id().equals("promote-standby")).findFirst().orElseThrow();

        assertThat(demote.runtime().explain()).isEqualTo("the primary of nfs-ha: nas1 or nas2, decided at run time");
        assertThat(promote.runtime().explain()).isEqualTo("the standby of nfs-ha: nas1 or nas2, decided at run time");
        java.io.StringWriter text = new java.io.StringWriter();
        new PlanFormatter(new dev.sopctl.transcript.Redactor(List.of())).print(plan, new java.io.PrintWriter(text));
        assertThat(text.toString()).contains("     on the primary of nfs-ha: nas1 or nas2, decided at run time  (on: {{ primary }})",
                "     if nas1: $ test none != demote-primary || sleep 120; drbdadm secondary data",
                "        undo if the run stops later: $ drbdadm primary data");
    }

    // ---- bad input ----

    private static Runbook published(String value) {
        return EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - id: pick
                    title: pick
                    on: nas1
                    run: hostname
                    capture: {name: trim(stdout)}
                    publish: {target: "%s"}
                  - {id: act, title: act, kind: change, on: "{{ target }}", run: 'touch /tmp/x'}
                """.formatted(value));
    }

    @Test
    void aRunTimeTargetOutsideTheStepsScopeStopsWithTheStepAndTheValueNamed() {
        h.transport.on("nas1", "^hostname$", (host, c) -> new ExecResult(0, "node1\n", "", false, Duration.ZERO));

        RunResult r = h.run(published("first(pluck(results, 'name'))"), Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).isEqualTo("step 'act' failed: its hosts ('on: {{ target }}') are 'node1', "
                + "but node1 is not one of the hosts it may be (nas1)");
        assertThat(h.commands("node1")).isEmpty();
        assertThat(h.events.ofType("step-end")).filteredOn(e -> "act".equals(e.get("step"))).singleElement()
                .satisfies(e -> assertThat(e.get("outcome")).isEqualTo("failed"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"''", "null", "'no-such-host'"})
    void anEmptyNullOrUnknownRunTimeTargetStopsWithAClearMessage(String value) {
        h.transport.on("nas1", "^hostname$", (host, c) -> new ExecResult(0, "nas1\n", "", false, Duration.ZERO));

        RunResult r = h.run(published(value), Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).startsWith("step 'act' failed: its hosts ('on: {{ target }}') ");
        assertThat(h.transport.log()).containsExactly("nas1: hostname");
    }

    @Test
    void anUndoOnAProbeIsRefusedWhenTheRunbookLoads() {
        assertThatThrownBy(() -> EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - {id: look, title: look, on: nas1, run: 'cat /proc/drbd', undo: {run: 'true'}}
                """)).isInstanceOf(SopctlException.class)
                .hasMessageContaining("step 'look': 'undo' puts back what a change did, but this step is a probe");
    }

    @Test
    void aTargetReadFromAPerHostCaptureIsRefusedAtPlanTimeWithTheWayOut() {
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - {id: look, title: look, on: nas1, run: hostname, capture: {peer: trim(stdout)}}
                  - {id: act, title: act, on: "{{ peer }}", run: uptime}
                """);

        assertThatThrownBy(() -> h.plan(rb, Map.of())).isInstanceOf(SopctlException.class)
                .hasMessageContaining("step 'act': 'on' reads 'peer', which each host captures for itself; "
                        + "publish it run-wide (publish:) to use it as a target");
    }

    @Test
    void aRecoveryStepStillRunsInPlaceOfTheUndoAndWhatIsLeftIsNamed() {
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - {id: stop, title: stop, kind: change, on: nas1, run: '/etc/init.d/nfs stop', undo: {run: '/etc/init.d/nfs start'}}
                  - {id: boom, title: boom, on: nas1, run: 'false', on_failure: recover, recover: [restart]}
                recovery:
                  - {id: restart, title: restart, kind: change, on: nas1, run: '/etc/init.d/nfs restart'}
                """);
        h.transport.on("nas1", "nfs (stop|restart)$", (host, c) -> new ExecResult(0, "", "", false, Duration.ZERO));
        h.transport.on("nas1", "^false$", (host, c) -> new ExecResult(1, "", "", false, Duration.ZERO));

        RunResult r = h.run(rb, Map.of());

        assertThat(h.commands("nas1")).containsExactly("/etc/init.d/nfs stop", "false", "/etc/init.d/nfs restart");
        assertThat(r.message()).endsWith("still changed: nas1: stop, restart");
    }
}
