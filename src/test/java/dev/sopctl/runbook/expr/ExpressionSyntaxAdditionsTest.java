package dev.sopctl.runbook.expr;

import static dev.sopctl.runbook.expr.Exprs.eval;
import static dev.sopctl.runbook.expr.Exprs.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conditional, map literals, the new escapes, fields() and the split trap's hint. */
class ExpressionSyntaxAdditionsTest {

    @Test
    void theConditionalEvaluatesOnlyTheBranchTaken() {
        assertThat(eval("if n > 1 then 'many' else 'one'", "n", 2)).isEqualTo("many");
        assertThat(eval("if n > 1 then 'many' else 'one'", "n", 1)).isEqualTo("one");
        assertThat(eval("if true then 1 else int('not a number')")).isEqualTo(1L);
        assertThat(eval("if false then 1 else if true then 2 else 3")).isEqualTo(2L);
        assertThat(eval("1 + (if x then 1 else 2)", "x", false)).isEqualTo(3L);
        assertThat(parse("if a then b else c").freeVariables()).containsExactly("a", "b", "c");
    }

    @Test
    void aConditionalThatIsNotWholeSaysHowToWriteIt() {
        assertThatThrownBy(() -> parse("1 + if x then 1 else 2"))
                .hasMessageContaining("a conditional inside an expression needs parentheses: (if C then A else B)"
                        + " at column 5");
        assertThatThrownBy(() -> parse("if x 1 else 2"))
                .hasMessageContaining("expected 'then' (if CONDITION then A else B), found '1' at column 6");
        assertThatThrownBy(() -> parse("if x then 1"))
                .hasMessageContaining("expected 'else' (if CONDITION then A else B), found the end at column 12");
        assertThatThrownBy(() -> parse("x ? 1 : 2"))
                .hasMessageContaining("unexpected '?' (a conditional is written: if CONDITION then A else B) at column 3");
    }

    @Test
    void mapLiteralsKeepTheirOrderAndTakeNamesOrStringsAsKeys() {
        Object m = eval("{name: host, 'the port': 22, nested: {ok: true}}", "host", "node1");

        assertThat(m).isEqualTo(Map.of("name", "node1", "the port", 22L, "nested", Map.of("ok", true)));
        assertThat(List.copyOf(((Map<?, ?>) m).keySet())).isEqualTo(List.of("name", "the port", "nested"));
        assertThat(eval("{}")).isEqualTo(Map.of());
        assertThat(eval("{a: 1,}.a")).isEqualTo(1L);
        assertThat(parse("{name: host}").freeVariables()).containsExactly("host");
    }

    @Test
    void badMapLiteralsNameTheProblemAndColumn() {
        assertThatThrownBy(() -> parse("{a: 1, a: 2}")).hasMessageContaining("duplicate map key 'a' at column 8");
        assertThatThrownBy(() -> parse("{1: 2}"))
                .hasMessageContaining("expected a map key (a name or a string), found '1' at column 2");
        assertThatThrownBy(() -> parse("{a 1}")).hasMessageContaining("expected ':' after the map key, found '1'");
        assertThatThrownBy(() -> parse("{a: 1")).hasMessageContaining("expected ',' or '}', found the end");
    }

    @Test
    void escapesForCarriageReturnAndUnicode() {
        assertThat(eval("'a\\rb'")).isEqualTo("a\rb");
        assertThat(eval("'caf\\u00e9'")).isEqualTo("café");
        assertThatThrownBy(() -> parse("'\\u12'")).hasMessageContaining("'\\u' needs four hex digits, like \\u00e9");
        assertThatThrownBy(() -> parse("'\\d'"))
                .hasMessageContaining("unknown escape '\\d' (known: \\\\ \\' \\\" \\n \\t \\r \\uXXXX) at column 2");
    }

    @Test
    void fieldsSplitsLikeAwkWhereSplitWithASpaceGivesEmptyFields() {
        String peer = "*192.168.0.1    .GPS.    1 u   33   64  377    0.211   -0.045   0.012";

        assertThat(eval("fields(s)", "s", peer)).asList().hasSize(10).element(8).isEqualTo("-0.045");
        assertThat(eval("float(fields(s)[8])", "s", peer)).isEqualTo(-0.045);
        assertThat(eval("fields('  ')")).isEqualTo(List.of());
        assertThatThrownBy(() -> eval("float(split(s, ' ')[1])", "s", peer))
                .hasMessageContaining("float(): '' is not a number")
                .extracting(x -> ((EvaluationException) x).hint()).asString()
                .contains("fields(s) splits at runs of blanks");
    }
}
