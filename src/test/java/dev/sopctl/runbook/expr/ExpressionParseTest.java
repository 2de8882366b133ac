package dev.sopctl.runbook.expr;

import static dev.sopctl.runbook.expr.Exprs.AT;
import static dev.sopctl.runbook.expr.Exprs.eval;
import static dev.sopctl.runbook.expr.Exprs.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionParseTest {

    @Test
    void integersAreLongs() {
        assertThat(eval("42")).isEqualTo(42L);
    }

    @Test
    void decimalsAreDoubles() {
        assertThat(eval("2.5")).isEqualTo(2.5);
    }

    @Test
    void stringsInEitherQuotes() {
        assertThat(eval("'single'")).isEqualTo("single");
        assertThat(eval("\"double\"")).isEqualTo("double");
    }

    @Test
    void stringEscapes() {
        assertThat(eval("'a\\\\b\\'c\\\"d\\ne\\tf'")).isEqualTo("a\\b'c\"d\ne\tf");
    }

    @Test
    void keywordLiterals() {
        assertThat(eval("true")).isEqualTo(true);
        assertThat(eval("false")).isEqualTo(false);
        assertThat(eval("null")).isNull();
    }

    @Test
    void listLiteral() {
        assertThat(eval("[1, 'a', [true], ]")).isEqualTo(List.of(1L, "a", List.of(true)));
        assertThat(eval("[]")).isEqualTo(List.of());
    }

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "5m, PT5M", "1h30m, PT1H30M", "500ms, PT0.5S", "2d, PT48H"})
    void durationLiterals(String source, String expected) {
        assertThat(eval(source)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1 + 2 * 3 | 7",
        "(1 + 2) * 3 | 9",
        "10 - 4 - 3 | 3",
        "2 * 3 % 4 | 2",
        "-2 * 3 | -6",
        "- -2 | 2",
        "7 % 3 + 1 | 2",
    })
    void arithmeticPrecedence(String source, long expected) {
        assertThat(eval(source)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "true or false and false | true",
        "(true or false) and false | false",
        "not false and false | false",
        "not (false and false) | true",
        "not 1 == 2 | true",
        "1 + 1 == 2 and 'a' < 'b' | true",
        "1 < 2 == true | ERROR",
        "not 3 in [1, 2] | true",
        "3 not in [1, 2] or false | true",
    })
    void logicalPrecedence(String source, String expected) {
        if (expected.equals("ERROR")) {
            assertThatThrownBy(() -> parse(source)).hasMessageContaining("can't be chained");
        } else {
            assertThat(eval(source)).isEqualTo(Boolean.parseBoolean(expected));
        }
    }

    @Test
    void postfixBindsTighterThanUnaryMinus() {
        assertThat(eval("-xs[0]", "xs", List.of(5))).isEqualTo(-5L);
    }

    @Test
    void conditionsMaySpanLines() {
        assertThat(eval("1 == 1\n  and 2 == 2")).isEqualTo(true);
    }

    @Test
    void parseErrorNamesLocationSourceAndColumn() {
        assertThatThrownBy(() -> parse("x == "))
                .isInstanceOf(SopctlException.class)
                .hasMessage("runbooks/pvdi/node-shutdown.yaml:12:11: invalid expression 'x == ': "
                        + "expected a value, but the expression ends at column 6")
                .extracting(e -> ((SopctlException) e).exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a = 1 | unexpected '=' (compare with '==') at column 3",
        "a && b | unexpected '&' (write 'and') at column 3",
        "!a | unexpected '!' (write 'not') at column 1",
        "'open | unterminated string at column 1",
        "'\\x' | unknown escape '\\x'",
        "(1 + 2 | expected ')', found the end at column 7",
        "[1, 2 | expected ',' or ']', found the end at column 6",
        "a b | unexpected 'b' (missing operator?) at column 3",
        "1.5s | invalid number '1.5s'",
        "5min | invalid number '5m'",
        "99999999999999999999 | integer 99999999999999999999 is too large at column 1",
        "a.b(1) | only functions can be called, like len(x) at column 4",
        "a. | expected a name after '.', found the end at column 3",
        "x $ y | unexpected character '$' at column 3",
        "and | expected a value, found 'and' at column 1",
        "x < null | '<' can't compare with null at column 3",
        "x =~ '(' | invalid regular expression '('",
        "'  ' | ",
    })
    void syntaxErrors(String source, String expected) {
        if (expected == null) {
            assertThat(eval(source)).isEqualTo("  ");
            return;
        }
        assertThatThrownBy(() -> parse(source))
                .isInstanceOf(SopctlException.class)
                .hasMessageStartingWith(AT + ": invalid expression '" + source + "': ")
                .hasMessageContaining(expected);
    }

    @Test
    void emptyExpressionIsAnError() {
        assertThatThrownBy(() -> parse("   ")).hasMessageContaining("empty expression at column 1");
    }

    @Test
    void unknownFunctionListsTheFunctionsAndSuggests() {
        assertThatThrownBy(() -> parse("lenn(x)"))
                .hasMessageContaining("unknown function 'lenn' (did you mean 'len'?) at column 1")
                .hasMessageContaining("functions: all, any, bytes,")
                .hasMessageContaining("without");
    }

    @Test
    void wrongArgumentCountIsCaughtWhenTheRunbookLoads() {
        assertThatThrownBy(() -> parse("len(a, b)"))
                .hasMessageContaining("len() takes 1 argument, not 2 (len(string|list|map)) at column 1");
        assertThatThrownBy(() -> parse("without([1])"))
                .hasMessageContaining("without() takes at least 2 arguments, not 1");
        assertThatThrownBy(() -> parse("round()"))
                .hasMessageContaining("round() takes 1 to 2 arguments, not 0");
    }

    @Test
    void definedTakesAName() {
        assertThatThrownBy(() -> parse("defined(a.b)"))
                .hasMessageContaining("defined() takes a variable name");
    }

    @Test
    void literalRegexInMatchesIsCheckedWhenParsed() {
        assertThatThrownBy(() -> parse("matches(x, '[a-')"))
                .hasMessageContaining("invalid regular expression '[a-'");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "(".repeat(200) + "1" + ")".repeat(200);
        assertThatThrownBy(() -> parse(deep)).hasMessageContaining("nested too deeply");
        assertThatThrownBy(() -> parse("-".repeat(200) + "1")).hasMessageContaining("nested too deeply");
        assertThatThrownBy(() -> parse("not ".repeat(200) + "x")).hasMessageContaining("nested too deeply");
    }

    @Test
    void hugeSourceIsRefused() {
        assertThatThrownBy(() -> parse("1 + ".repeat(5000) + "1")).hasMessageContaining("longer than");
    }

    @Test
    void keepsSourceAndLocation() {
        Expression e = parse("a == 1");
        assertThat(e.source()).isEqualTo("a == 1");
        assertThat(e.location()).isEqualTo(AT);
        assertThat(e).hasToString("a == 1");
    }

    @Test
    void freeVariablesAreTopLevelNamesWithoutFunctions() {
        Expression e = parse("len(vms) > 0 and host.vars.mastervm in names and host.zone == zones[idx]");
        assertThat(e.freeVariables()).containsExactly("vms", "host", "names", "zones", "idx");
    }

    @Test
    void guardedNamesAreFreeButNotRequired() {
        Expression e = parse("default(mastervm, 'none') != 'none' and defined('halt') and defined(reboot) and x");
        assertThat(e.freeVariables()).containsExactly("mastervm", "halt", "reboot", "x");
        assertThat(e.requiredVariables()).containsExactly("x");
    }

    @Test
    void keywordsMayBeAttributeNames() {
        assertThat(eval("m.in", "m", java.util.Map.of("in", 1))).isEqualTo(1L);
    }
}
