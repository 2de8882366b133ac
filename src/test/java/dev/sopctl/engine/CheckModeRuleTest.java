package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.on;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * --check has one rule for a probe after a skipped change: whatever way it fails (exit status,
 * parser, guard), the state it sees is from before the change, so it is reported, not judged.
 */
class CheckModeRuleTest {
    final EngineHarness h = new EngineHarness();

    @BeforeEach
    void checkMode() {
        h.mode = RunMode.CHECK;
        h.transport.on("node1", "^test -f /etc/fixed$", Reply.exit(1, "", ""));
        h.transport.on("node1", "^cat /etc/fixed-flag$", Reply.ok("no\n"));
        h.transport.on("node1", "^xl list$", Reply.ok("garbage\n"));
    }

    private static Runbook runbook(boolean changeFirst) {
        return EngineHarness.yaml("""
                name: t
                title: t
                steps:
                %s
                  - {id: by-exit, title: by exit, on: node1, run: 'test -f /etc/fixed', on_failure: continue}
                  - {id: by-guard, title: by guard, on: node1, run: 'cat /etc/fixed-flag', on_failure: continue,
                     assert: [{that: "trim(stdout) == 'yes'", message: not fixed}]}
                  - {id: by-parser, title: by parser, on: node1, run: 'xl list', parse: xl-list}
                """.formatted(changeFirst ? "  - {id: fix, title: fix, kind: change, on: node1, run: 'touch /etc/fixed'}" : ""));
    }

    @Test
    void afterASkippedChangeAFailedExitStatusAGuardAndAParserAreAllReportedTheSameWay() {
        RunResult r = h.run(runbook(true), Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(on(r, "fix", "node1").outcome()).isEqualTo(Outcome.WOULD_RUN);
        for (String step : new String[] {"by-exit", "by-guard", "by-parser"}) {
            assertThat(on(r, step, "node1").outcome()).as(step).isEqualTo(Outcome.OK);
            assertThat(on(r, step, "node1").message()).as(step)
                    .startsWith("--check: checked again after the changes above; as things are now: ");
        }
        assertThat(on(r, "by-exit", "node1").message()).endsWith("'test -f /etc/fixed' exited with status 1");
        assertThat(on(r, "by-guard", "node1").message()).endsWith("not fixed");
        assertThat(h.commands("node1")).doesNotContain("touch /etc/fixed");
    }

    @Test
    void withoutASkippedChangeTheSameFailuresWouldStopTheRun() {
        RunResult r = h.run(runbook(false), Map.of());

        assertThat(r.outcome()).isEqualTo(Outcome.WOULD_STOP);
        assertThat(r.exitCode()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(r.message()).startsWith("--check: the run would stop at step 'by-exit' on node1: ");
        assertThat(on(r, "by-guard", "node1").outcome()).isEqualTo(Outcome.GUARD_FAILED);
        assertThat(on(r, "by-parser", "node1").outcome()).isEqualTo(Outcome.UNPARSABLE);
    }
}
