package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.on;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import dev.sopctl.transcript.RecordingSink;
import dev.sopctl.transport.TransportException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verdict of a check step on a host: several asserts each with its own {@code when}, report
 * lines (INFO, WARNING, CRITICAL), one {@code step-end} per step and host carrying the worst level
 * and its text; {@code repair} with the fix switch (confirmed, undone, checked again, would-run in
 * --check); {@code any_one}.
 */
class CheckVerdictTest {
    private static final String HEAD = """
            name: t/check
            title: A check
            params:
              nodes: {type: hosts, role: node, default: node1}
              fix: {type: bool, default: false}
            fix: fix
            steps:
            """;
    private static final String PS = "UID PID PPID C STIME TTY TIME CMD\n"
            + "root 1 0 0 10:00 ? 00:00:00 init\n"
            + "root 20 1 0 10:00 ? 00:00:00 nginx: master process /usr/sbin/nginx\n";

    private final EngineHarness h = new EngineHarness();

    private static Runbook daemons(String more) {
        return EngineHarness.yaml(HEAD + """
                  - id: check-daemons
                    title: Check the daemons
                    on: "{{ nodes }}"
                    run: ps -ef
                    parse: ps
                    capture:
                      nginx: exists(out.processes, p, p.cmd =~ '^nginx:[ ]master')
                      pemon: exists(out.processes, p, p.cmd =~ 'pemon')
                    assert:
                      - that: nginx
                        message: nginx is not running on {{ host.name }}
                      - that: pemon
                        when: host.name != 'node3'
                        severity: warning
                        message: pemon is not running on {{ host.name }}
                        hint: start pemon
                    report:
                      - level: INFO
                        message: "{{ len(out.processes) }} processes"
                """ + more);
    }

    private List<RecordingSink.Event> stepEnds(String step, String host) {
        return h.events.ofType("step-end").stream()
                .filter(e -> step.equals(e.get("step")) && host.equals(e.get("host"))).toList();
    }

    @Test
    void aHealthyCheckIsOkWithItsInfoLineAsDetail() {
        h.transport.on("node1", "^ps -ef$", Reply.ok(PS + "orchard 30 1 0 10:00 ? 00:00:00 python pemon.py\n"));

        RunResult r = h.run(daemons(""), Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(stepEnds("check-daemons", "node1")).singleElement().satisfies(e -> {
            assertThat(e.get("outcome")).isEqualTo("ok");
            assertThat(e.get("message")).isEqualTo("3 processes");
        });
    }

    @Test
    void aWarningLineBeatsInfoAndCarriesItsTextAndHint() {
        h.transport.on("node1", "^ps -ef$", Reply.ok(PS));

        RunResult r = h.run(daemons(""), Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "check-daemons", "node1")).satisfies(x -> {
            assertThat(x.outcome()).isEqualTo(Outcome.WARNING);
            assertThat(x.message()).isEqualTo("pemon is not running on node1");
            assertThat(x.hint()).isEqualTo("start pemon");
        });
    }

    @Test
    void anAssertWhoseWhenIsFalseDoesNotApply() {
        h.transport.on("node3", "^ps -ef$", Reply.ok(PS));

        RunResult r = h.run(daemons(""), Map.of("nodes", "node3"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(on(r, "check-daemons", "node3").message()).isEqualTo("2 processes");
    }

    @Test
    void aFailedCriticalGuardIsTheVerdictAndStopsTheLinesAfterIt() {
        h.transport.on("node1", "^ps -ef$", Reply.ok("UID PID PPID C STIME TTY TIME CMD\n"));

        RunResult r = h.run(daemons(""), Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(stepEnds("check-daemons", "node1")).singleElement().satisfies(e -> {
            assertThat(e.get("outcome")).isEqualTo("guard-failed");
            assertThat(e.get("message")).isEqualTo("nginx is not running on node1");
        });
    }

    @Test
    void reportLinesReplaceAlwaysFalseGuardsAndSeveralAtTheWorstLevelAreAllNamed() {
        Runbook rb = EngineHarness.yaml(HEAD + """
                  - id: read-log
                    title: Read the log
                    on: "{{ nodes }}"
                    run: cat /var/log/x
                    capture:
                      errors: filter(lines(stdout), l, 'ERROR' in l)
                    report:
                      - {level: INFO, message: "no errors"}
                      - {level: WARNING, when: len(errors) > 0, message: "{{ len(errors) }} errors"}
                      - {level: WARNING, when: len(errors) > 1, message: "errors repeat"}
                      - {level: CRITICAL, when: len(errors) > 5, message: "too many errors"}
                """);
        h.transport.on("node1", "^cat ", Reply.ok("ERROR a\nERROR b\nfine\n"));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "read-log", "node1").message()).isEqualTo("2 errors; errors repeat");
    }

    @Test
    void aCriticalReportFailsTheStepLikeAFailedGuard() {
        Runbook rb = EngineHarness.yaml(HEAD + """
                  - id: read-log
                    title: Read the log
                    on: "{{ nodes }}"
                    run: cat /var/log/x
                    report:
                      - {level: WARNING, when: "'w' in stdout", message: "a warning"}
                      - {level: CRITICAL, when: "'c' in stdout", message: "critical: {{ trim(stdout) }}"}
                """);
        h.transport.on("node1", "^cat ", Reply.ok("w c\n"));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "read-log", "node1")).satisfies(x -> {
            assertThat(x.outcome()).isEqualTo(Outcome.GUARD_FAILED);
            assertThat(x.message()).isEqualTo("critical: w c");
        });
    }

    @Test
    void aPredicateOverANonListInAReportFailsTheStepNamingIt() {
        Runbook rb = EngineHarness.yaml(HEAD + """
                  - id: read-log
                    title: Read the log
                    on: "{{ nodes }}"
                    run: cat /var/log/x
                    report:
                      - {level: WARNING, when: "exists(stdout, l, l == 'x')", message: "x"}
                """);
        h.transport.on("node1", "^cat ", Reply.ok("x\n"));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "read-log", "node1").message()).contains("exists(): argument 1 must be a list");
    }

    private static final String REPAIRS = """
                    repair:
                      - when: not nginx
                        run: /etc/init.d/nginx start
                        confirm: start nginx on {{ host.name }}
                        undo: {run: /etc/init.d/nginx stop}
                      - when: not pemon
                        as: orchard
                        run: ./pemon start
                        confirm: start pemon on {{ host.name }}
                """;

    @Test
    void withoutTheFixSwitchNoRepairRuns() {
        h.answer(ConfirmAnswer.YES);
        h.transport.on("node1", "^ps -ef$", Reply.ok("UID PID PPID C STIME TTY TIME CMD\n"));

        RunResult r = h.run(daemons(REPAIRS), Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(h.commands("node1")).containsExactly("ps -ef");
        assertThat(h.asked).isEmpty();
    }

    @Test
    void withTheFixSwitchTheRepairsThatApplyRunConfirmedAndTheRecheckIsTheOneVerdict() {
        h.answer(ConfirmAnswer.YES);
        h.transport.on("node1", "^ps -ef$", Reply.ok(PS));
        h.transport.on("node1", "^su - orchard -c '\\./pemon start'$", (host, c) -> {
            h.transport.on("node1", "^ps -ef$", Reply.ok(PS + "orchard 30 1 0 10:00 ? 00:00:00 python pemon.py\n"));
            return Reply.ok("").answer(host, c);
        });

        RunResult r = h.run(daemons(REPAIRS), Map.of("fix", "true"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).containsExactly("ps -ef", "su - orchard -c './pemon start'", "ps -ef");
        assertThat(h.asked).extracting(ConfirmRequest::prompt).containsExactly("start pemon on node1");
        assertThat(stepEnds("check-daemons", "node1")).singleElement().satisfies(e -> {
            assertThat(e.get("outcome")).isEqualTo("ok");
            assertThat(e.get("message")).isEqualTo("repaired: start pemon on node1; 3 processes");
        });
    }

    @Test
    void aRepairThatDoesNotTakeIsReportedByTheRecheckNamingTheRepair() {
        h.answer(ConfirmAnswer.YES);
        h.transport.on("node1", "^ps -ef$", Reply.ok("UID PID PPID C STIME TTY TIME CMD\n"));
        h.transport.on("node1", "^/etc/init.d/nginx start$", Reply.ok(""));
        h.transport.on("node1", "^/etc/init.d/nginx stop$", Reply.ok(""));
        h.transport.on("node1", "pemon start", Reply.ok(""));

        RunResult r = h.run(daemons(REPAIRS), Map.of("fix", "true"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(stepEnds("check-daemons", "node1")).singleElement().satisfies(e -> {
            assertThat(e.get("outcome")).isEqualTo("guard-failed");
            assertThat(e.get("message")).isEqualTo("nginx is not running on node1 (the repair did not take: start nginx on node1;"
                    + " start pemon on node1)");
        });
        // the run stopped after a change: the repair's undo ran
        assertThat(h.commands("node1")).containsExactly("ps -ef", "/etc/init.d/nginx start",
                "su - orchard -c './pemon start'", "ps -ef", "/etc/init.d/nginx stop");
    }

    @Test
    void aFailedRepairCommandIsTheVerdictAndNoRecheckRuns() {
        h.answer(ConfirmAnswer.YES);
        h.transport.on("node1", "^ps -ef$", Reply.ok(PS));
        h.transport.on("node1", "pemon start", Reply.exit(1, "", "pemon: no such file\n"));

        RunResult r = h.run(daemons(REPAIRS), Map.of("fix", "true"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-daemons", "node1").message()).startsWith("repair failed: 'su - orchard -c './pemon start''"
                + " exited with status 1");
        assertThat(h.commands("node1")).containsExactly("ps -ef", "su - orchard -c './pemon start'");
    }

    @Test
    void aDeclinedRepairStopsTheRunWithNothingChanged() {
        h.answer(ConfirmAnswer.NO);
        h.transport.on("node1", "^ps -ef$", Reply.ok(PS));

        RunResult r = h.run(daemons(REPAIRS), Map.of("fix", "true"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(h.commands("node1")).containsExactly("ps -ef");
        assertThat(stepEnds("check-daemons", "node1")).singleElement()
                .satisfies(e -> assertThat(e.get("outcome")).isEqualTo("declined"));
    }

    @Test
    void inCheckModeTheRepairIsAWouldRunAndNothingChanges() {
        h.mode = RunMode.CHECK;
        h.transport.on("node1", "^ps -ef$", Reply.ok(PS));

        RunResult r = h.run(daemons(REPAIRS), Map.of("fix", "true"));

        assertThat(h.commands("node1")).containsExactly("ps -ef");
        assertThat(on(r, "check-daemons", "node1")).satisfies(x -> {
            assertThat(x.outcome()).isEqualTo(Outcome.WOULD_RUN);
            assertThat(x.message()).isEqualTo("--check: pemon is not running on node1; with the fix switch on, the repair"
                    + " would run: start pemon on node1");
        });
        assertThat(h.events.ofType("command")).extracting(e -> e.get("command"))
                .contains("su - orchard -c './pemon start'");
    }

    @Test
    void anyOneAsksTheNextHostWhenOneDoesNotAnswerAndSkipsTheRest() {
        Runbook rb = EngineHarness.yaml(HEAD + """
                  - id: read-cluster
                    title: Ask the cluster
                    on: role:mastervm
                    any_one: true
                    run: crm resource status
                    report:
                      - {level: INFO, message: "asked {{ host.name }}"}
                """);
        h.transport.on("mastervm01", ".*", Reply.fail(TransportException.Kind.UNREACHABLE));
        h.transport.on("mastervm02", "^crm resource status$", Reply.ok("x\n"));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(on(r, "read-cluster", "mastervm01")).satisfies(x -> {
            assertThat(x.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(x.message()).startsWith("did not answer (").endsWith("); asking mastervm02");
        });
        assertThat(on(r, "read-cluster", "mastervm02").message()).isEqualTo("asked mastervm02");
    }

    @Test
    void anyOneAsksOnlyTheFirstWhenItAnswers() {
        Runbook rb = EngineHarness.yaml(HEAD + """
                  - id: read-cluster
                    title: Ask the cluster
                    on: role:mastervm
                    any_one: true
                    run: crm resource status
                """);
        h.transport.on("mastervm01", "^crm resource status$", Reply.ok("x\n"));

        RunResult r = h.run(rb, Map.of());

        assertThat(h.commands("mastervm02")).isEmpty();
        assertThat(on(r, "read-cluster", "mastervm02").message()).isEqualTo("not asked: mastervm01 answered (any_one)");
    }

    @Test
    void whenNoHostAnswersTheLastFailureStands() {
        Runbook rb = EngineHarness.yaml(HEAD + """
                  - id: read-cluster
                    title: Ask the cluster
                    on: role:mastervm
                    any_one: true
                    run: crm resource status
                """);
        h.transport.on("mastervm01", ".*", Reply.fail(TransportException.Kind.UNREACHABLE));
        h.transport.on("mastervm02", ".*", Reply.fail(TransportException.Kind.UNREACHABLE));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(on(r, "read-cluster", "mastervm02").outcome()).isEqualTo(Outcome.UNREACHABLE);
    }
}
