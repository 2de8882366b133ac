package dev.sopctl.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A runbook's vars (named expressions) and step defaults: loading, checking, and bad input. */
class RunbookVarsAndDefaultsTest {
    private static final String FILE = "rb.yaml";
    private static final String HEAD = """
            name: t/rb
            title: A test runbook
            params:
              nodes: {type: hosts, role: node, default: all}
            """;

    private static Runbook load(String yaml) {
        return RunbookLoader.parse(yaml, FILE, null);
    }

    private static String problems(String yaml) {
        SopctlException e = catchThrowableOfType(() -> load(yaml), SopctlException.class);
        assertThat(e).as("loading should fail").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        return e.getMessage();
    }

    @Test
    void varsAreNamedExpressionsThatStepsReadLikeAnyName() {
        Runbook rb = load(HEAD + """
                vars:
                  pvdi2: startswith(str(default(host.vars.pvdi_version, 1)), '2')
                  ini: if pvdi2 then 'pvdi_uwsgi.ini' else 'uwsgi.ini'
                steps:
                  - id: show
                    title: Show the WAS configuration
                    on: "{{ nodes }}"
                    run: cat {{ ini }}
                """);

        assertThat(rb.vars()).containsOnlyKeys("pvdi2", "ini");
        Step show = rb.steps().get(0);
        Scope scope = Scope.of(Map.of("host", Map.of("vars", Map.of("pvdi_version", 2)),
                "pvdi2", rb.vars().get("pvdi2"), "ini", rb.vars().get("ini")));
        assertThat(show.run().render(scope, Quoting.SHELL)).isEqualTo("cat pvdi_uwsgi.ini");
    }

    @Test
    void varsThatReadEachOtherInACycleAreRefusedNamingTheCycleAndWhere() {
        String message = problems(HEAD + """
                vars:
                  a: b + 1
                  b: c * 2
                  c: a - 1
                  d: d
                steps:
                  - {id: s, title: T, notice: "{{ a }}"}
                """);

        assertThat(message).contains("rb.yaml:6:3: vars read each other in a cycle: a -> b -> c -> a;"
                + " a var can't depend on itself");
        assertThat(message).contains("rb.yaml:9:3: vars read each other in a cycle: d -> d");
    }

    @Test
    void aVarReadingAnUndefinedNameIsRefusedWhereTheVarIsWritten() {
        String message = problems(HEAD + """
                vars:
                  v: len(nodez)
                steps:
                  - {id: s, title: T, notice: "{{ v }}"}
                """);

        assertThat(message).contains("rb.yaml:6:6: var 'v': undefined variable 'nodez' (defined: ");
    }

    @Test
    void aVarThatReadsACaptureCanOnlyBeUsedAfterTheCapture() {
        String yaml = HEAD + """
                vars:
                  healthy: nginx_up and pemon_up
                steps:
                  - id: early
                    title: Uses the var before anything is captured
                    on: "{{ nodes }}"
                    run: ps -ef
                    when: not healthy
                  - id: look
                    title: Look at the processes
                    on: "{{ nodes }}"
                    run: ps -ef
                    parse: ps
                    capture:
                      nginx_up: exists(out.processes, p, p.cmd =~ '^nginx')
                      pemon_up: exists(out.processes, p, 'pemon' in p.cmd)
                    assert:
                      - that: healthy
                        message: not healthy
                """;

        String message = problems(yaml);

        assertThat(message).contains("rb.yaml:12:11: step 'early' when: var 'healthy' reads 'nginx_up', which is"
                + " not defined here");
        assertThat(message).contains("var 'healthy' reads 'pemon_up'");
        assertThat(message).doesNotContain("step 'look'");
    }

    @Test
    void aVarThatReadsTheCommandsResultIsOnlyForCaptureAssertAndUntil() {
        String message = problems(HEAD + """
                vars:
                  up: exists(out.processes, p, p.cmd =~ '^nginx')
                steps:
                  - id: s
                    title: T
                    on: "{{ nodes }}"
                    run: ps -ef
                    parse: ps
                    when: up
                    assert:
                      - {that: up, message: nginx is down}
                """);

        assertThat(message).contains("step 's' when: var 'up' reads 'out', which is not defined here")
                .doesNotContain("step 's' assert");
    }

    @Test
    void badVarNamesAndValuesAreEachReported() {
        String message = problems(HEAD + """
                vars:
                  host: 1
                  nodes: 2
                  Bad: 3
                  list: [1, 2]
                  broken: 1 +
                steps:
                  - id: s
                    title: T
                    on: "{{ nodes }}"
                    run: ps -ef
                    capture:
                      broken: 1
                """);

        assertThat(message).contains("rb.yaml:6:3: var 'host' would hide a parameter or built-in name")
                .contains("rb.yaml:7:3: var 'nodes' would hide a parameter or built-in name")
                .contains("rb.yaml:8:3: var name 'Bad' must be lower case letters, digits and _")
                .contains("rb.yaml:9:9: var 'list' must be an expression, found a list")
                .contains("rb.yaml:10:11: invalid expression '1 +'");
    }

    @Test
    void aCaptureCantHideAVar() {
        String message = problems(HEAD + """
                vars:
                  up: 1
                steps:
                  - id: s
                    title: T
                    on: "{{ nodes }}"
                    run: ps -ef
                    capture:
                      up: 2
                """);

        assertThat(message).contains("rb.yaml:13:7: step 's': capture 'up' would hide the var of that name");
    }

    @Test
    void defaultsSetOnAsAndOnFailureWhereAStepDoesNot() {
        Runbook rb = load(HEAD + """
                defaults:
                  on: "{{ nodes }}"
                  as: orchard
                  on_failure: continue
                steps:
                  - {id: plain, title: T, run: ps -ef}
                  - {id: own, title: T, run: id, on: node1, as: root, on_failure: stop}
                  - {id: login-user, title: T, run: id, as: ~}
                  - {id: note, title: T, notice: hello}
                """);

        Step plain = rb.steps().get(0);
        assertThat(plain.on().source()).isEqualTo("{{ nodes }}");
        assertThat(plain.as()).isEqualTo("orchard");
        assertThat(plain.onFailure()).isEqualTo(OnFailure.CONTINUE);
        Step own = rb.steps().get(1);
        assertThat(List.of(own.on().source(), own.as(), own.onFailure().yamlName()))
                .isEqualTo(List.of("node1", "root", "stop"));
        assertThat(rb.steps().get(2).as()).isNull();
        Step note = rb.steps().get(3);
        assertThat(note.on()).isNull();
        assertThat(note.as()).isNull();
        assertThat(note.onFailure()).isEqualTo(OnFailure.CONTINUE);
    }

    @Test
    void badDefaultsAreEachReportedWithTheirLocation() {
        String message = problems(HEAD + """
                defaults:
                  on: "{{ nodez }}"
                  as: "not a user"
                  on_failure: recover
                  serial: true
                steps:
                  - {id: s, title: T, run: ps -ef}
                """);

        assertThat(message).contains("rb.yaml:6:3: step 's' on (from defaults): undefined variable 'nodez'")
                .contains("rb.yaml:7:3: defaults: 'as' must be a user name (" + dev.sopctl.inventory.UserNames.RULE + "), not 'not a user'")
                .contains("rb.yaml:8:3: defaults: on_failure must be stop or continue (recover names its recovery"
                        + " steps, so it is set per step)")
                .contains("rb.yaml:9:3: defaults: unknown key 'serial' (known: as, on, on_failure)")
                .contains("(4 problems)");
    }

    @Test
    void varsAndDefaultsOfTheWrongTypeAreRefused() {
        String message = problems(HEAD + """
                vars: [a, b]
                defaults: continue
                steps:
                  - {id: s, title: T, notice: hi}
                """);

        assertThat(message).contains("rb.yaml:5:7: runbook: 'vars' must be a mapping, found a list")
                .contains("rb.yaml:6:11: defaults must be a mapping, found a value");
    }
}
