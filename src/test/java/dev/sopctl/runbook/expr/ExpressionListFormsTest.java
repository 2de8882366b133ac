package dev.sopctl.runbook.expr;

import static dev.sopctl.runbook.expr.Exprs.AT;
import static dev.sopctl.runbook.expr.Exprs.eval;
import static dev.sopctl.runbook.expr.Exprs.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** exists/all/any/filter/map/count with a bound name: ps -ef parsed once, tested per process. */
class ExpressionListFormsTest {
    private static final List<Map<String, Object>> PROCESSES = List.of(
            Map.of("user", "root", "pid", 1, "cmd", "/sbin/init"),
            Map.of("user", "root", "pid", 812, "cmd", "nginx: master process /usr/sbin/nginx"),
            Map.of("user", "www-data", "pid", 813, "cmd", "nginx: worker process"),
            Map.of("user", "orchard", "pid", 900, "cmd", "uwsgi --ini pvdi_uwsgi.ini"),
            Map.of("user", "orchard", "pid", 901, "cmd", "uwsgi --ini pvdi_uwsgi.ini"));
    private static final Map<String, Object> OUT = Map.of("processes", PROCESSES);

    @Test
    void existsFindsAProcessByARegularExpressionOnItsCommand() {
        assertThat(eval("exists(out.processes, p, p.cmd =~ '^nginx: master')", "out", OUT)).isEqualTo(true);
        assertThat(eval("exists(out.processes, p, p.cmd =~ '^pemon')", "out", OUT)).isEqualTo(false);
        assertThat(eval("any(out.processes, p, p.pid == 1)", "out", OUT)).isEqualTo(true);
    }

    @Test
    void allFilterMapAndCount() {
        assertThat(eval("all(out.processes, p, p.pid > 0)", "out", OUT)).isEqualTo(true);
        assertThat(eval("all(out.processes, p, p.user == 'root')", "out", OUT)).isEqualTo(false);
        assertThat(eval("map(filter(out.processes, p, p.user == 'orchard'), p, p.pid)", "out", OUT))
                .isEqualTo(List.of(900L, 901L));
        assertThat(eval("count(out.processes, p, 'uwsgi' in p.cmd)", "out", OUT)).isEqualTo(2L);
        assertThat(eval("all([], x, false)")).isEqualTo(true);
        assertThat(eval("exists([], x, true)")).isEqualTo(false);
    }

    @Test
    void theBodySeesOuterNamesAndNestedFormsSeeTheirOwnItem() {
        assertThat(eval("filter(out.processes, p, p.user == who)", "out", OUT, "who", "www-data"))
                .extracting(l -> ((List<?>) l).size()).isEqualTo(1);
        assertThat(eval("map([[1, 2], [3]], l, map(l, x, x * 10))"))
                .isEqualTo(List.of(List.of(10L, 20L), List.of(30L)));
        // the bound name hides an outer one of the same name, only inside the body
        assertThat(eval("[map([1, 2], x, x + 1), x]", "x", "outer")).isEqualTo(List.of(List.of(2L, 3L), "outer"));
    }

    @Test
    void theBoundNameIsNotAVariableTheScopeMustDefine() {
        Expression e = parse("exists(out.processes, p, p.user == who) and p2 > 0");

        assertThat(e.freeVariables()).containsExactly("out", "who", "p2");
        assertThat(e.requiredVariables()).containsExactly("out", "who", "p2");
    }

    @Test
    void aPredicateOverANonListSaysWhatItGotAndWhere() {
        assertThatThrownBy(() -> eval("exists(out, p, p.pid == 1)", "out", OUT))
                .isInstanceOf(EvaluationException.class)
                .hasMessageStartingWith(AT + ": exists(): argument 1 must be a list, not a map")
                .hasMessageContaining("(in 'out')")
                .extracting(x -> ((SopctlException) x).hint()).asString().contains("keys(m) or values(m)");
        assertThatThrownBy(() -> eval("filter(out.nothing, p, true)", "out", OUT))
                .hasMessageContaining("filter(): argument 1 must be a list, not null (in 'out.nothing')")
                .extracting(x -> ((SopctlException) x).hint()).asString()
                .isEqualTo("use default(out.nothing, []) where it may be absent");
        assertThatThrownBy(() -> eval("count('abc', c, true)"))
                .hasMessageContaining("count(): argument 1 must be a list, not a string 'abc'");
    }

    @Test
    void theSecondArgumentMustBeANameAndTheFormNeedsAllThree() {
        assertThatThrownBy(() -> parse("exists(xs, 'p', true)"))
                .isInstanceOf(SopctlException.class)
                .hasMessageContaining("exists() needs a name for each item as argument 2, like exists(list, x, ...)"
                        + " at column 12")
                .extracting(x -> ((SopctlException) x).exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThatThrownBy(() -> parse("filter(xs, x)"))
                .hasMessageContaining("filter() takes a list, a name for each item and an expression");
        assertThatThrownBy(() -> parse("map(xs)")).hasMessageContaining("map() takes 3 arguments, not 1");
        assertThat(eval("all([1, 1])")).isEqualTo(true);
    }

    @Test
    void anEvaluationThatVisitsTooManyItemsOrRunsTooLongStops() {
        List<Long> hundred = new ArrayList<>(Collections.nCopies(100, 1L));
        Expression quadratic = parse("count(l, a, count(l, b, a == b) > 0)");
        Scope scope = Exprs.scope("l", hundred);

        assertThat(quadratic.evaluate(scope, new Eval.Budget(100 + 100 * 100, 60_000))).isEqualTo(100L);
        assertThatThrownBy(() -> quadratic.evaluate(scope, new Eval.Budget(100 * 100, 60_000)))
                .isInstanceOf(EvaluationException.class)
                .hasMessage(AT + ": the expression visits more than 10000 items in 'count(l, a, count(l, b, a == b) > 0)'");
        assertThatThrownBy(() -> quadratic.evaluate(scope, new Eval.Budget(Long.MAX_VALUE, 0)))
                .hasMessageContaining("the expression took longer than 0 ms");
        assertThat(Eval.Budget.MAX_STEPS).isEqualTo(1_000_000);
        assertThat(Eval.Budget.MAX_MILLIS).isEqualTo(2_000);
    }

    @Test
    void aVarInTheScopeIsEvaluatedWhereItIsReadButNeverSeesABoundName() {
        Expression pvdi2 = parse("startswith(str(default(host.vars.pvdi_version, 1)), '2')");
        Expression p = parse("'outer p'");
        Scope scope = Exprs.scope("host", Map.of("vars", Map.of("pvdi_version", 2)),
                "pvdi2", new NamedExpression("pvdi2", pvdi2), "q", new NamedExpression("q", p));

        assertThat(parse("if pvdi2 then 'pvdi_uwsgi.ini' else 'uwsgi.ini'").evaluate(scope)).isEqualTo("pvdi_uwsgi.ini");
        assertThat(parse("map([1], q, q)").evaluate(scope)).isEqualTo(List.of(1L));
        assertThat(parse("map([1], p, q)").evaluate(scope)).isEqualTo(List.of("outer p"));
    }

    @Test
    void aVarThatFailsNamesItsOwnLocationAndExpression() {
        dev.sopctl.yaml.Location varAt = new dev.sopctl.yaml.Location("rb.yaml", 7, 12);
        NamedExpression bad = new NamedExpression("version", Expression.parse("int(host.vars.version)", varAt));
        Scope scope = Exprs.scope("host", Map.of("vars", Map.of("version", "2.x")), "version", bad);

        assertThatThrownBy(() -> parse("version > 1").evaluate(scope))
                .isInstanceOf(EvaluationException.class)
                .hasMessage(AT + ": var 'version' failed: rb.yaml:7:12: int(): '2.x' is not an integer in"
                        + " 'int(host.vars.version)' in 'version > 1'");
    }

    @Test
    void aVarReadingANameThisScopeLacksIsUndefinedLikeTheNameAndDefaultCoversIt() {
        NamedExpression healthy = new NamedExpression("healthy", parse("nginx_up and pemon_up"));
        Scope scope = Exprs.scope("healthy", healthy, "nginx_up", true);

        assertThatThrownBy(() -> parse("not healthy").evaluate(scope))
                .isInstanceOf(UndefinedVariableException.class)
                .extracting(e -> ((UndefinedVariableException) e).name()).isEqualTo("pemon_up");
        assertThat(parse("default(healthy, 'unknown')").evaluate(scope)).isEqualTo("unknown");
    }

    @Test
    void everyListFormIsAFunctionWithAThreeArgumentForm() {
        for (ListForm form : ListForm.values()) {
            Functions.Fn fn = Functions.get(form.function());
            assertThat(fn).as(form.function()).isNotNull();
            assertThat(fn.max()).as(form.function()).isEqualTo(3);
            assertThat(fn.usage()).contains(form.function() + "(list, x, ");
        }
    }
}
