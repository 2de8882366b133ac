package dev.sopctl.runbook.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The README's function reference is the code's: complete, with signatures and examples that hold. */
class FunctionReferenceTest {
    private static final Path README = Path.of("runbooks/README.md");
    private static final String START = "<!-- functions: generated from FunctionReference; FunctionReferenceTest checks it -->\n";
    private static final String END = "<!-- end of functions -->";

    static List<FunctionReference.Entry> entries() {
        return FunctionReference.entries();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void everyExampleEvaluatesToItsDocumentedResult(FunctionReference.Entry e) {
        Object value = Exprs.eval(e.example());
        Object expected = Exprs.eval(e.result());

        assertThat(Values.equal(value, expected))
                .as("%s: %s is %s, documented as %s", e.signature(), e.example(), Values.describe(value), e.result())
                .isTrue();
        assertThat(e.example()).as("the example of %s uses it", e.signature()).contains(e.name() + "(");
    }

    @Test
    void everyFunctionIsListedWithTheSignaturesItsMessagesPrint() {
        Map<String, String> documented = new LinkedHashMap<>();
        for (FunctionReference.Entry e : FunctionReference.entries()) {
            documented.merge(e.name(), e.signature(), (a, b) -> a + " or " + b);
        }

        assertThat(new TreeSet<>(documented.keySet())).isEqualTo(new TreeSet<>(Functions.names()));
        Functions.all().values().forEach(fn -> assertThat(fn.usage())
                .as("usage of %s", fn.name()).isEqualTo(documented.get(fn.name())));
    }

    @Test
    void theReadmeTableIsTheReference() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README marker %s", START.strip()).isGreaterThanOrEqualTo(0);
        assertThat(end).as("README marker %s", END).isGreaterThan(start);

        String table = readme.substring(start + START.length(), end);

        assertThat(table).as("runbooks/README.md's function table; generated:%n%s", FunctionReference.markdownTable())
                .isEqualTo(FunctionReference.markdownTable());
    }

    @Test
    void theReadmeNamesTheEscapesTheLexerKnows() throws IOException {
        String readme = Files.readString(README);
        for (String escape : Lexer.ESCAPES.split(" ")) {
            assertThat(readme).contains("`" + escape + "`");
        }
    }
}
