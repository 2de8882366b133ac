package dev.sopctl.runbook.expr;

import static dev.sopctl.runbook.expr.Exprs.AT;
import static dev.sopctl.runbook.expr.Exprs.scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateTest {
    private static final Scope NODE = scope(
            "host", Map.of("name", "node1", "vars", Map.of("mastervm", "mastervm01")),
            "vms", List.of("win 10", "gvm"),
            "msg", "it's done",
            "timeout", Duration.ofMinutes(90),
            "ratio", 2.0,
            "nothing", Arrays.asList((Object) null));

    private static String shell(String text) {
        return Template.parse(text, AT).render(NODE, Quoting.SHELL);
    }

    private static String plain(String text) {
        return Template.parse(text, AT).render(NODE, Quoting.NONE);
    }

    @Test
    void aMapLiteralsClosingBracesDoNotEndTheSubstitution() {
        Template t = Template.parse("mode {{ {'a': {'b': x}}.a.b }} end", AT);

        assertThat(t.render(scope("x", "shared"), Quoting.NONE)).isEqualTo("mode shared end");
        assertThat(Template.parse("{{ {} }}", AT).render(Scope.empty(), Quoting.NONE)).isEqualTo("{}");
    }

    @Test
    void textWithoutSubstitutionsIsConstant() {
        Template t = Template.parse("xl list | grep -c ' r'", AT);
        assertThat(t.isConstant()).isTrue();
        assertThat(t.render(Scope.empty(), Quoting.SHELL)).isEqualTo("xl list | grep -c ' r'");
        assertThat(t.freeVariables()).isEmpty();
    }

    @Test
    void keepsSourceAndLocation() {
        Template t = Template.parse("xl shutdown {{ host.name }}", AT);
        assertThat(t.source()).isEqualTo("xl shutdown {{ host.name }}");
        assertThat(t.location()).isEqualTo(AT);
        assertThat(t.isConstant()).isFalse();
        assertThat(t.expressions()).extracting(Expression::source).containsExactly("host.name");
    }

    @Test
    void freeVariablesOfAllSubstitutions() {
        Template t = Template.parse("{{ host.name }} {{ join(vms, ',') }} {{ default(x, 1) }}", AT);
        assertThat(t.freeVariables()).containsExactly("host", "vms", "x");
        assertThat(t.requiredVariables()).containsExactly("host", "vms");
    }

    @Test
    void shellQuotingLeavesSafeWordsBare() {
        assertThat(shell("xl shutdown -w {{ host.vars.mastervm }}")).isEqualTo("xl shutdown -w mastervm01");
    }

    @Test
    void shellQuotingQuotesEveryValue() {
        assertThat(shell("echo {{ msg }}")).isEqualTo("echo 'it'\\''s done'");
    }

    @Test
    void shellQuotingMakesAListOneWordPerItem() {
        assertThat(shell("xl destroy {{ vms }}")).isEqualTo("xl destroy 'win 10' gvm");
        assertThat(shell("rm -f -- {{ [] }}")).isEqualTo("rm -f -- ");
    }

    @Test
    void shellQuotingRendersOtherValuesPlainly() {
        assertThat(shell("sleep {{ seconds(timeout) }}; x={{ timeout }} r={{ ratio }} {{ true }}"))
                .isEqualTo("sleep 5400; x=1h30m r=2 true");
    }

    @Test
    void shellQuotingRefusesNull() {
        assertThatThrownBy(() -> shell("xl shutdown {{ host.vars.absent }}"))
                .isInstanceOf(EvaluationException.class)
                .hasMessage(AT + ": 'host.vars.absent' is null in template 'xl shutdown {{ host.vars.absent }}'")
                .satisfies(e -> assertThat(((EvaluationException) e).hint()).contains("default(host.vars.absent"));
        assertThatThrownBy(() -> shell("echo {{ nothing }}")).hasMessageContaining("an item of 'nothing' is null");
    }

    @Test
    void shellQuotingRefusesMapsAndNestedLists() {
        assertThatThrownBy(() -> shell("echo {{ host }}")).hasMessageContaining("'host' is a map; substitute one of its values");
        assertThatThrownBy(() -> shell("echo {{ [[1]] }}")).hasMessageContaining("an item of '[[1]]' is a list");
    }

    @Test
    void shellQuotingRefusesNul() {
        assertThatThrownBy(() -> Template.parse("echo {{ v }}", AT).render(scope("v", "a\0b"), Quoting.SHELL))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("contains a NUL character");
    }

    @Test
    void plainRenderingForMessages() {
        assertThat(plain("{{ host.name }} runs {{ vms }} for {{ timeout }} ({{ ratio }}x) {{ host.vars.absent }}"))
                .isEqualTo("node1 runs win 10, gvm for 1h30m (2x) null");
        assertThat(plain("{{ msg }}")).isEqualTo("it's done");
    }

    @Test
    void bracesInsideStringLiteralsDoNotEndTheSubstitution() {
        assertThat(plain("a {{ '}}' }} b {{ \"{{\" }} c")).isEqualTo("a }} b {{ c");
    }

    @Test
    void unterminatedSubstitutionIsAParseError() {
        assertThatThrownBy(() -> Template.parse("echo {{ host.name", AT))
                .isInstanceOf(SopctlException.class)
                .hasMessage(AT + ": invalid template 'echo {{ host.name': unterminated '{{' at column 6")
                .extracting(e -> ((SopctlException) e).exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThatThrownBy(() -> Template.parse("echo {{ 'x }}", AT)).hasMessageContaining("unterminated '{{' at column 6");
    }

    @Test
    void emptySubstitutionIsAParseError() {
        assertThatThrownBy(() -> Template.parse("echo {{  }}", AT)).hasMessageContaining("empty '{{ }}' at column 6");
    }

    @Test
    void invalidExpressionNamesTheTemplateColumn() {
        assertThatThrownBy(() -> Template.parse("echo {{ a + }}", AT))
                .hasMessage(AT + ": invalid expression 'a +' in template 'echo {{ a + }}': "
                        + "expected a value, but the expression ends at column 12");
    }

    @Test
    void undefinedVariableInTemplate() {
        assertThatThrownBy(() -> shell("echo {{ hots.name }}"))
                .isInstanceOf(UndefinedVariableException.class)
                .hasMessage(AT + ": undefined variable 'hots' in 'hots.name'; did you mean 'host'?");
    }

    @Test
    void textOutsideSubstitutionsIsTheAuthorsShellCode() {
        assertThat(shell("for vm in {{ vms }}; do xl list \"$vm\"; done"))
                .isEqualTo("for vm in 'win 10' gvm; do xl list \"$vm\"; done");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "echo \"{{ msg }}\"",
        "echo '{{ msg }}'",
        "echo `cat {{ msg }}`",
        "echo \"`cat {{ msg }}`\"",
        "echo ${X:-{{ msg }}}",
        "echo $'a{{ msg }}'",
        "echo ok # {{ msg }}",
        "cat <<EOF\n{{ msg }}\nEOF",
        "cat <<'EOF' > f\nx\nEOF\necho {{ msg }}",
    })
    void shellQuotingRefusesSubstitutionsItCannotProtect(String text) {
        Template t = Template.parse(text, AT);
        assertThatThrownBy(t::requireShellSafe)
                .isInstanceOf(SopctlException.class)
                .hasMessageContaining("{{ msg }} at column")
                .hasMessageContaining("where shell quoting can't protect its value")
                .extracting(e -> ((SopctlException) e).exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThatThrownBy(() -> t.render(NODE, Quoting.SHELL)).isInstanceOf(SopctlException.class);
        assertThat(t.render(NODE, Quoting.NONE)).contains("it's done");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "echo {{ msg }}",
        "echo --message={{ msg }}",
        "echo \"quoted\" {{ msg }} 'single' {{ msg }}",
        "echo $(printf %s {{ msg }})",
        "echo \"$(printf %s {{ msg }})\"",
        "echo a#b{{ msg }}",
        "echo \\\"{{ msg }}",
        "cat <<< {{ msg }}",
        "echo ${HOME} {{ msg }}",
        "(cd /tmp && echo {{ msg }})",
        "# a comment\necho {{ msg }}",
    })
    void shellQuotingAcceptsPlainWordPositions(String text) {
        Template.parse(text, AT).requireShellSafe();
    }

    @Test
    void unsafeMessageNamesTheContext() {
        assertThatThrownBy(() -> shell("echo \"{{ msg }}\""))
                .hasMessage(AT + ": in template 'echo \"{{ msg }}\"', {{ msg }} at column 7 is inside double quotes,"
                        + " where shell quoting can't protect its value");
    }
}
