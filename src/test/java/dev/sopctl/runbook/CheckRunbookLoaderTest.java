package dev.sopctl.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import org.junit.jupiter.api.Test;

/** {@code check: true}, the fix-switch rule and {@code perfdata:}: loading and bad input with file:line:col. */
class CheckRunbookLoaderTest {
    private static final String HEAD = """
            name: t/c
            title: A check
            check: true
            params:
              nodes: {type: hosts, role: node, default: all}
              fix: {type: bool, default: false}
            steps:
              - id: read-use
                title: Read the use
                on: "{{ nodes }}"
                run: cat /x
                capture:
                  used: float(trim(stdout))
            """;

    private static Runbook load(String yaml) {
        return RunbookLoader.parse(yaml, "c.yaml", null);
    }

    private static String problems(String yaml) {
        SopctlException e = catchThrowableOfType(() -> load(yaml), SopctlException.class);
        assertThat(e).as("loading should fail").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        return e.getMessage();
    }

    @Test
    void aCheckRunbookWithPerfdataAndAGuardedRepairLoads() {
        Runbook rb = load(HEAD + """
                    perfdata:
                      root used: {capture: used, uom: "%", warn: "80", crit: "@90:100", min: 0, max: 100}
                  - id: clean
                    title: Clean
                    when: fix and used > 90
                    on: "{{ nodes }}"
                    run: rm -rf /var/cache/x
                    kind: change
                """);

        assertThat(rb.check()).isTrue();
        Perfdata p = rb.perfdataOf("read-use").get(0);
        assertThat(p.label()).isEqualTo("root used");
        assertThat(p.uom()).isEqualTo("%");
        assertThat(p.crit().inside()).isTrue();
        assertThat(p.max()).isEqualTo(100.0);
        assertThat(rb.perfdataOf("clean")).isEmpty();
    }

    @Test
    void aRunbookIsNoCheckUnlessItSaysSo() {
        Runbook rb = load(HEAD.replace("check: true\n", ""));

        assertThat(rb.check()).isFalse();
    }

    @Test
    void aChangeWithoutTheFixSwitchIsRefused() {
        String unguarded = problems(HEAD + """
                  - id: clean
                    title: Clean
                    when: used > 90 and fix
                    on: "{{ nodes }}"
                    run: rm -rf /var/cache/x
                    kind: change
                """);
        String noSwitch = problems(HEAD.replace("  fix: {type: bool, default: false}\n", "") + """
                  - id: clean
                    title: Clean
                    on: "{{ nodes }}"
                    run: rm -rf /var/cache/x
                    kind: change
                """);

        assertThat(unguarded).contains("c.yaml:14:").contains("step 'clean' changes state in a check runbook")
                .contains("'used > 90 and fix'");
        assertThat(noSwitch).contains("step 'clean' changes state, but this check runbook has no fix switch");
    }

    @Test
    void perfdataMistakesAreReportedWhereTheyAreWritten() {
        String msg = problems(HEAD + """
                    perfdata:
                      "a=b": {capture: used}
                      other: {capture: nope, uom: parsecs, warn: "20:10", crit: "x", min: low}
                """);

        assertThat(msg).contains("c.yaml:15:7").contains("a label cannot be empty or contain '='")
                .contains("'nope' is not captured by this step (it captures: used)")
                .contains("unknown unit 'parsecs'")
                .contains("warn: '20:10' is not a range: its start 20 is above its end 10")
                .contains("crit: 'x' is not a range")
                .contains("min must be a number, found 'low'");
    }

    @Test
    void perfdataOutsideACheckRunbookAndLabelsAlikeIn19CharactersAreRefused() {
        String notCheck = problems(HEAD.replace("check: true\n", "") + """
                    perfdata:
                      used: {capture: used}
                """);
        String alike = problems(HEAD + """
                    perfdata:
                      "a very long label number one": {capture: used}
                      "a very long label number two": {capture: used}
                """);

        assertThat(notCheck).contains("'perfdata' is for check runbooks");
        assertThat(alike).contains("its first 19 characters are those of 'a very long label number one'");
    }

    @Test
    void checkMustBeTrueOrFalse() {
        assertThatThrownBy(() -> load(HEAD.replace("check: true", "check: sometimes")))
                .hasMessageContaining("'check' must be true or false");
    }
}
