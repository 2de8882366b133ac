package dev.sopctl.runbook.expr;

import static dev.sopctl.runbook.expr.Exprs.AT;
import static dev.sopctl.runbook.expr.Exprs.eval;
import static dev.sopctl.runbook.expr.Exprs.parse;
import static dev.sopctl.runbook.expr.Exprs.scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.ExitCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionEvaluateTest {
    private static final Map<String, Object> NODE1 = Map.of(
            "name", "node1",
            "address", "192.168.0.20",
            "zone", Map.of("name", "zone-a", "storage", "shared"),
            "vars", Map.of("mastervm", "mastervm01"));

    @Nested
    class Arithmetic {
        @Test
        void integersStayIntegers() {
            assertThat(eval("a + b", "a", 2, "b", 3L)).isEqualTo(5L);
        }

        @Test
        void integerAndDecimalGiveDecimal() {
            assertThat(eval("1 + 0.5")).isEqualTo(1.5);
            assertThat(eval("3 * 0.5")).isEqualTo(1.5);
        }

        @Test
        void exactDivisionStaysIntegerOtherwiseDecimal() {
            assertThat(eval("6 / 3")).isEqualTo(2L);
            assertThat(eval("7 / 2")).isEqualTo(3.5);
        }

        @Test
        void remainderIsNeverNegativeForPositiveDivisor() {
            assertThat(eval("-7 % 3")).isEqualTo(2L);
        }

        @Test
        void stringsConcatenate() {
            assertThat(eval("'node' + '1'")).isEqualTo("node1");
        }

        @Test
        void listsConcatenate() {
            assertThat(eval("[1] + xs", "xs", List.of(2, 3))).isEqualTo(List.of(1L, 2, 3));
        }

        @Test
        void durationsAddSubtractAndScale() {
            assertThat(eval("1h + 30m")).isEqualTo(Duration.ofMinutes(90));
            assertThat(eval("1h - 30m")).isEqualTo(Duration.ofMinutes(30));
            assertThat(eval("interval * 3", "interval", Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(30));
            assertThat(eval("2 * 1.5s"
                    .replace("1.5s", "1500ms"))).isEqualTo(Duration.ofSeconds(3));
            assertThat(eval("1m / 4")).isEqualTo(Duration.ofSeconds(15));
            assertThat(eval("1h / 30m")).isEqualTo(2L);
            assertThat(eval("-5m")).isEqualTo(Duration.ofMinutes(-5));
        }

        @Test
        void addingStringAndNumberFailsWithHint() {
            assertThatThrownBy(() -> eval("'node' + 1"))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessage(AT + ": can't add a string 'node' and an integer 1 in ''node' + 1'")
                    .satisfies(e -> assertThat(((EvaluationException) e).hint()).contains("str(x)"));
        }

        @Test
        void divisionByZeroFails() {
            assertThatThrownBy(() -> eval("1 / 0")).hasMessageContaining("division by zero");
            assertThatThrownBy(() -> eval("1 % 0")).hasMessageContaining("division by zero");
        }

        @Test
        void overflowFails() {
            assertThatThrownBy(() -> eval("9223372036854775807 + 1")).hasMessageContaining("number too large");
            assertThatThrownBy(() -> eval("x * x", "x", Long.MAX_VALUE)).hasMessageContaining("number too large");
        }

        @Test
        void negatingAStringFails() {
            assertThatThrownBy(() -> eval("-'a'")).hasMessageContaining("can't negate a string 'a'");
        }

        @Test
        void resultsAreBounded() {
            List<Object> big = new ArrayList<>(java.util.Collections.nCopies(600_000, 1L));
            assertThatThrownBy(() -> eval("xs + xs", "xs", big)).hasMessageContaining("more than 1000000 items");
            String s = "x".repeat(600_000);
            assertThatThrownBy(() -> eval("s + s", "s", s)).hasMessageContaining("longer than 1000000 characters");
        }
    }

    @Nested
    class Comparison {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "1 == 1.0 | true",
            "1 < 1.5 | true",
            "2.0 >= 2 | true",
            "'1' == 1 | false",
            "'a' != 1 | true",
            "null == null | true",
            "x == null | true",
            "'abc' < 'abd' | true",
            "'B' < 'a' | true",
            "30s < 1m | true",
            "90s == 1m30s | true",
            "60s == 1m | true",
            "[1, 2] == [1.0, 2] | true",
            "[1, 2] == [2, 1] | false",
            "true == 1 | false",
            "5 <= 5 | true",
            "5 > 5 | false",
        })
        void compares(String source, boolean expected) {
            assertThat(eval(source, "x", null)).isEqualTo(expected);
        }

        @Test
        void mapsCompareDeeply() {
            assertThat(eval("a == b", "a", Map.of("k", List.of(1)), "b", Map.of("k", List.of(1L)))).isEqualTo(true);
            assertThat(eval("a == b", "a", Map.of("k", 1), "b", Map.of("j", 1))).isEqualTo(false);
        }

        @Test
        void incompatibleOrderingFailsClearly() {
            assertThatThrownBy(() -> eval("'10' < 9"))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessageContaining("'<' can't compare a string '10' with an integer 9")
                    .extracting(e -> ((EvaluationException) e).exitCode()).isEqualTo(ExitCode.CRITICAL);
            assertThatThrownBy(() -> eval("x > 1", "x", null)).hasMessageContaining("can't compare null with an integer 1");
            assertThatThrownBy(() -> eval("1m > 60")).hasMessageContaining("a duration 1m with an integer 60");
        }

        @Test
        void inLooksInListsStringsAndMapKeys() {
            assertThat(eval("'node1' in ['node1', 'node2']")).isEqualTo(true);
            assertThat(eval("2 in [1.0, 2.0]")).isEqualTo(true);
            assertThat(eval("'drbd' in 'cat /proc/drbd'")).isEqualTo(true);
            assertThat(eval("'storage' in zone", "zone", Map.of("storage", "shared"))).isEqualTo(true);
            assertThat(eval("'gateway' not in zone", "zone", Map.of("storage", "shared"))).isEqualTo(true);
        }

        @Test
        void inOnANumberFails() {
            assertThatThrownBy(() -> eval("1 in 5")).hasMessageContaining("can't look inside an integer 5");
            assertThatThrownBy(() -> eval("1 in 'abc'")).hasMessageContaining("can't look for an integer 1 in a string");
        }

        @Test
        void regexMatchFinds() {
            assertThat(eval("out =~ 'cs:Connected\\\\s'", "out", "0: cs:Connected ro:Primary")).isEqualTo(true);
            assertThat(eval("out =~ '^ro'", "out", "0: cs:Connected ro:Primary")).isEqualTo(false);
            assertThat(eval("out =~ re", "out", "abc", "re", "b+")).isEqualTo(true);
        }

        @Test
        void regexMatchRejectsNonStringsAndBadPatterns() {
            assertThatThrownBy(() -> eval("1 =~ 'a'")).hasMessageContaining("'=~' needs a string on the left");
            assertThatThrownBy(() -> eval("'a' =~ re", "re", "(")).hasMessageContaining("invalid regular expression '('");
            assertThatThrownBy(() -> eval("'a' =~ re", "re", "a".repeat(2000))).hasMessageContaining("longer than 1000");
        }

        @Test
        void catastrophicBacktrackingIsStopped() {
            String input = "a".repeat(40) + "b";
            assertThatThrownBy(() -> eval("s =~ '(.*a){12}$'", "s", input))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessageContaining("took too long");
        }
    }

    @Nested
    class Logic {
        @Test
        void andOrShortCircuit() {
            assertThat(eval("false and undefined_thing")).isEqualTo(false);
            assertThat(eval("true or undefined_thing")).isEqualTo(true);
        }

        @Test
        void andOrNotGiveBooleansByTruthiness() {
            assertThat(eval("'a' and [1]")).isEqualTo(true);
            assertThat(eval("'' or 0")).isEqualTo(false);
            assertThat(eval("not []")).isEqualTo(true);
        }

        @Test
        void testUsesTruthiness() {
            assertThat(parse("xs").test(scope("xs", List.of()))).isFalse();
            assertThat(parse("xs").test(scope("xs", List.of(0)))).isTrue();
        }
    }

    @Nested
    class Access {
        @Test
        void attributesReadMaps() {
            assertThat(eval("host.zone.storage", "host", NODE1)).isEqualTo("shared");
        }

        @Test
        void missingKeyIsNull() {
            assertThat(eval("host.vars.mastervm_cfg", "host", NODE1)).isNull();
            assertThat(eval("host.vars.mastervm_cfg == null", "host", NODE1)).isEqualTo(true);
        }

        @Test
        void attributeOfNullFailsNamingTheNullPart() {
            assertThatThrownBy(() -> eval("host.vars.cfg.path", "host", NODE1))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessage(AT + ": 'host.vars.cfg' is null in 'host.vars.cfg.path'")
                    .satisfies(e -> assertThat(((EvaluationException) e).hint())
                            .isEqualTo("use default(host.vars.cfg.path, ...) where it may be absent"));
        }

        @Test
        void attributeOfAStringFails() {
            assertThatThrownBy(() -> eval("host.name.first", "host", NODE1))
                    .hasMessageContaining("'host.name' is a string 'node1', not a map, so it has no '.first'");
        }

        @Test
        void listIndexCountsFromEitherEnd() {
            assertThat(eval("xs[0]", "xs", List.of("a", "b", "c"))).isEqualTo("a");
            assertThat(eval("xs[-1]", "xs", List.of("a", "b", "c"))).isEqualTo("c");
        }

        @Test
        void listIndexOutOfRangeFails() {
            assertThatThrownBy(() -> eval("xs[3]", "xs", List.of("a", "b", "c")))
                    .hasMessageContaining("index 3 is out of range: 'xs' has 3 items");
            assertThatThrownBy(() -> eval("xs['a']", "xs", List.of()))
                    .hasMessageContaining("an index must be an integer, not a string 'a'");
        }

        @Test
        void mapIndexByKeyAllowsAnyKey() {
            assertThat(eval("steps['check-drbd'].ok", "steps", Map.of("check-drbd", Map.of("ok", true)))).isEqualTo(true);
            assertThat(eval("m['absent']", "m", Map.of())).isNull();
        }

        @Test
        void stringIndexGivesACharacter() {
            assertThat(eval("s[1]", "s", "héllo")).isEqualTo("é");
            assertThat(eval("s[-1]", "s", "héllo")).isEqualTo("o");
        }

        @Test
        void indexingANumberFails() {
            assertThatThrownBy(() -> eval("n[0]", "n", 5)).hasMessageContaining("only lists, maps and strings can be indexed");
        }

        @Test
        void javaNumbersAndCollectionsAreNormalised() {
            assertThat(eval("n", "n", 5)).isEqualTo(5L);
            assertThat(eval("n", "n", 1.5f)).isEqualTo(1.5);
            assertThat(eval("xs[0] + 1", "xs", Set.of(41))).isEqualTo(42L);
            assertThat(eval("n", "n", new java.math.BigInteger("7"))).isEqualTo(7L);
        }

        @Test
        void unsupportedJavaValuesFail() {
            assertThatThrownBy(() -> eval("x", "x", new Object()))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessageContaining("Java type Object is not supported");
        }
    }

    @Nested
    class Undefined {
        @Test
        void undefinedVariableNamesItLocationAndSource() {
            assertThatThrownBy(() -> Expression.parse("nodee.address", AT).evaluate(Scope.empty()))
                    .isInstanceOf(UndefinedVariableException.class)
                    .hasMessage(AT + ": undefined variable 'nodee' in 'nodee.address'")
                    .satisfies(e -> assertThat(((UndefinedVariableException) e).name()).isEqualTo("nodee"))
                    .extracting(e -> ((EvaluationException) e).exitCode()).isEqualTo(ExitCode.CRITICAL);
        }

        @Test
        void suggestsAClosename() {
            assertThatThrownBy(() -> eval("nodee.address", "node", NODE1, "zone", "a"))
                    .hasMessage(AT + ": undefined variable 'nodee' in 'nodee.address'; did you mean 'node'?")
                    .satisfies(e -> assertThat(((UndefinedVariableException) e).hint()).isEqualTo("defined names: node, zone"));
        }

        @Test
        void suggestsTranspositions() {
            assertThatThrownBy(() -> eval("hsot", "host", NODE1)).hasMessageEndingWith("did you mean 'host'?");
        }

        @Test
        void noSuggestionForFarNames() {
            assertThatThrownBy(() -> eval("cluster", "host", NODE1)).hasMessageEndingWith("in 'cluster'");
        }

        @Test
        void definedWithNullValueIsNotUndefined() {
            assertThat(eval("x", "x", null)).isNull();
        }

        @Test
        void chainedScopeSuggestsFromBoth() {
            Scope s = Scope.chain(scope("param", 1), scope("host", NODE1));
            assertThatThrownBy(() -> parse("hots").evaluate(s)).hasMessageEndingWith("did you mean 'host'?");
        }

        @Test
        void scopeThatCannotListNamesGivesNoSuggestion() {
            Scope opaque = new Scope() {
                @Override
                public boolean has(String name) {
                    return false;
                }

                @Override
                public Object get(String name) {
                    return null;
                }
            };
            assertThatThrownBy(() -> parse("x").evaluate(opaque))
                    .hasMessage(AT + ": undefined variable 'x' in 'x'")
                    .satisfies(e -> assertThat(((UndefinedVariableException) e).hint()).isNull());
        }
    }

    @Nested
    class Values {
        @Test
        void selfReferentialValuesFailInsteadOfCrashing() {
            List<Object> loop = new ArrayList<>();
            loop.add(loop);
            assertThatThrownBy(() -> eval("str(x)", "x", loop)).isInstanceOf(EvaluationException.class);
        }

        @Test
        void scopeIsALiveView() {
            Map<String, Object> values = new HashMap<>();
            Scope s = Scope.of(values);
            values.put("late", 1);
            assertThat(parse("late").evaluate(s)).isEqualTo(1L);
        }
    }
}
