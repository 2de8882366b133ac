package dev.sopctl.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import org.junit.jupiter.api.Test;

/** Loading check steps: several asserts with {@code when}, {@code report}, {@code repair}, the fix switch, {@code any_one}. */
class CheckStepLoaderTest {
    private static final String HEAD = """
            name: t/rb
            title: A test runbook
            params:
              nodes: {type: hosts, role: node, default: all}
              fix: {type: bool, default: false}
            fix: fix
            steps:
            """;
    private static final String STEP = """
              - id: check-nginx
                title: Check nginx
                on: "{{ nodes }}"
                run: ps -ef
                parse: ps
                capture:
                  nginx: exists(out.processes, p, p.cmd =~ '^nginx')
            """;

    private static Runbook load(String yaml) {
        return RunbookLoader.parse(yaml, "rb.yaml", null);
    }

    private static String problems(String yaml) {
        SopctlException e = catchThrowableOfType(() -> load(yaml), SopctlException.class);
        assertThat(e).as("loading should fail").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        return e.getMessage();
    }

    @Test
    void aCheckWithReportsAndARepairLoads() {
        Runbook rb = load(HEAD + STEP + """
                    assert:
                      - {that: nginx, when: host.name != 'node3', message: nginx is down}
                    report:
                      - {level: INFO, message: "{{ len(out.processes) }} processes"}
                      - {level: warning, when: len(out.processes) > 500, message: many processes}
                    repair:
                      run: /etc/init.d/nginx start
                      confirm: start nginx on {{ host.name }}
                      undo: {run: /etc/init.d/nginx stop}
                """);

        assertThat(rb.fixSwitch()).isEqualTo("fix");
        Step s = rb.steps().get(0);
        assertThat(s.isCheck()).isTrue();
        assertThat(s.asserts().get(0).when().source()).isEqualTo("host.name != 'node3'");
        assertThat(s.reports()).extracting(Report::level).containsExactly(Report.Level.INFO, Report.Level.WARNING);
        assertThat(s.repairs()).singleElement().satisfies(r -> {
            assertThat(r.run().source()).isEqualTo("/etc/init.d/nginx start");
            assertThat(r.destructive().confirm().source()).isEqualTo("start nginx on {{ host.name }}");
            assertThat(r.undo().run().source()).isEqualTo("/etc/init.d/nginx stop");
        });
        assertThat(rb.changesState()).isTrue();
    }

    @Test
    void aRepairOnAStepThatChecksNothingIsRefusedWithItsPlace() {
        String m = problems(HEAD + STEP + """
                    repair: {run: /etc/init.d/nginx start}
                """);

        assertThat(m).contains("rb.yaml:15:").contains("step 'check-nginx': 'repair' mends what a check found, but this"
                + " step checks nothing");
    }

    @Test
    void aRepairWithoutAFixSwitchIsRefused() {
        String m = problems(HEAD.replace("fix: fix\n", "") + STEP + """
                    assert: {that: nginx, message: down}
                    repair: {run: /etc/init.d/nginx start}
                """);

        assertThat(m).contains("'repair' runs only with the runbook's fix switch, and this runbook has none");
    }

    @Test
    void theFixSwitchMustNameABoolParameter() {
        assertThat(problems(HEAD.replace("fix: fix", "fix: nodes") + STEP))
                .contains("rb.yaml:6:").contains("but 'nodes' is a hosts parameter");
        assertThat(problems(HEAD.replace("fix: fix", "fix: repair") + STEP)).contains("but 'repair' is not a parameter");
    }

    @Test
    void unknownKeysAndWrongTypesInReportsAndRepairsAreRefusedWithTheirPlace() {
        String m = problems(HEAD + STEP + """
                    assert: {that: nginx, message: down, whenever: true}
                    report:
                      - {level: SEVERE, message: x}
                      - {level: INFO}
                      - {level: INFO, message: x, colour: red}
                      - just text
                    repair:
                      - {run: x start, confirm: ok, prompt: y}
                      - {as: orchard}
                      - {run: x start, type: node1}
                      - {run: x start, when: "exists(", as: "-root"}
                """);

        assertThat(m).contains("unknown key 'whenever'")
                .contains("report level must be INFO, WARNING or CRITICAL, not 'SEVERE'")
                .contains("report needs 'message'")
                .contains("unknown key 'colour'")
                .contains("repair needs 'run'")
                .contains("unknown key 'prompt'")
                .contains("repair 'type' needs 'confirm'")
                .contains("repair 'as' must be a user name")
                .contains("rb.yaml:18:");
    }

    @Test
    void aRepairMustNotSubstituteInsideQuotesAndReadsOnlyNamesDefinedBeforeIt() {
        String m = problems(HEAD + STEP + """
                    assert: {that: nginx, message: down}
                    repair: {run: "echo '{{ host.name }}'"}
                  - id: later
                    title: Later
                    on: "{{ nodes }}"
                    run: ps -ef
                    assert: {that: "true", message: x}
                    repair: {run: "x {{ stdout }} {{ later_value }}"}
                    capture: {later_value: "1"}
                """);

        assertThat(m).contains("step 'check-nginx' repair: in template").contains("step 'later' repair run: undefined variable 'stdout'");
    }

    @Test
    void varsStillRefuseCyclesWhenReadByReportsAndRepairs() {
        String m = problems(HEAD.replace("fix: fix\n", "fix: fix\nvars:\n  a: b\n  b: a\n") + STEP + """
                    report: [{level: WARNING, when: a, message: "{{ b }}"}]
                """);

        assertThat(m).contains("a -> b -> a");
    }

    @Test
    void reportsAndRepairsOfTheWrongShapeAreRefusedWithTheirPlace() {
        String m = problems(HEAD + STEP + """
                    report: 5
                    repair: mount /data
                    any_one: maybe
                """);

        assertThat(m).contains("rb.yaml:15:13: step 'check-nginx' report must be a map or a list of maps, found")
                .contains("rb.yaml:16:13: step 'check-nginx' repair must be a map or a list of maps, found")
                .contains("rb.yaml:17:");
    }

    @Test
    void anyOneNeedsACommandStep() {
        String m = problems(HEAD + """
                  - id: tell
                    title: Tell
                    notice: hello
                    any_one: true
                """);

        assertThat(m).contains("'any_one' runs a command on the first of its hosts that answers");
    }
}
