package dev.sopctl.runbook.expr;

import static dev.sopctl.runbook.expr.Exprs.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunctionsTest {
    private static final List<Map<String, Object>> VMS = List.of(
            Map.of("name", "Domain-0", "id", 0, "mem", 4096, "state", "r-----"),
            Map.of("name", "mastervm01", "id", 3, "mem", 8192, "state", "-b----"),
            Map.of("name", "win10-gvm", "id", 7, "mem", 2048, "state", "-b----"));

    private static Map<String, Object> zone() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("storage", "shared");
        m.put("ntp_server", "192.168.0.1");
        return m;
    }

    @Test
    void len() {
        assertThat(eval("len('héllo')")).isEqualTo(5L);
        assertThat(eval("len([1, 2])")).isEqualTo(2L);
        assertThat(eval("len(z)", "z", zone())).isEqualTo(2L);
        assertThatThrownBy(() -> eval("len(5)"))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("len(): expected a string, list or map, got an integer 5 in 'len(5)'");
    }

    @Test
    void empty() {
        assertThat(eval("empty('')")).isEqualTo(true);
        assertThat(eval("empty([])")).isEqualTo(true);
        assertThat(eval("empty(null)")).isEqualTo(true);
        assertThat(eval("empty(z)", "z", zone())).isEqualTo(false);
        assertThatThrownBy(() -> eval("empty(1)")).hasMessageContaining("empty(): expected");
    }

    @Test
    void contains() {
        assertThat(eval("contains(['a', 'b'], 'b')")).isEqualTo(true);
        assertThat(eval("contains('xl list', 'list')")).isEqualTo(true);
        assertThat(eval("contains(z, 'gateway')", "z", zone())).isEqualTo(false);
        assertThatThrownBy(() -> eval("contains(1, 1)")).hasMessageContaining("contains(): can't look inside an integer 1");
    }

    @Test
    void without() {
        assertThat(eval("without(['node1', 'node2', 'node3'], 'node2')")).isEqualTo(List.of("node1", "node3"));
        assertThat(eval("without([1, 2, 3, 2], 2, 3)")).isEqualTo(List.of(1L));
        assertThat(eval("without(['a', 'b', 'c'], ['a', 'c'])")).isEqualTo(List.of("b"));
        assertThatThrownBy(() -> eval("without('abc', 'a')")).hasMessageContaining("without(): argument 1 must be a list, not a string 'abc'");
    }

    @Test
    void join() {
        assertThat(eval("join(['a', 1, 2.5], ',')")).isEqualTo("a,1,2.5");
        assertThat(eval("join([], ',')")).isEqualTo("");
        assertThatThrownBy(() -> eval("join(['a'], 1)")).hasMessageContaining("join(): argument 2 must be a string");
    }

    @Test
    void keysAndValuesKeepOrder() {
        assertThat(eval("keys(z)", "z", zone())).isEqualTo(List.of("storage", "ntp_server"));
        assertThat(eval("values(z)", "z", zone())).isEqualTo(List.of("shared", "192.168.0.1"));
        assertThatThrownBy(() -> eval("keys([])")).hasMessageContaining("keys(): argument 1 must be a map, not a list");
    }

    @Test
    void lowerUpperTrim() {
        assertThat(eval("lower('ALIVE')")).isEqualTo("alive");
        assertThat(eval("upper('isp')")).isEqualTo("ISP");
        assertThat(eval("trim('  x \\n')")).isEqualTo("x");
        assertThatThrownBy(() -> eval("lower(1)")).hasMessageContaining("lower(): argument 1 must be a string, not an integer 1");
    }

    @Test
    void split() {
        assertThat(eval("split(' a  b\\tc ')")).isEqualTo(List.of("a", "b", "c"));
        assertThat(eval("split('', ',')")).isEqualTo(List.of(""));
        assertThat(eval("split('   ')")).isEqualTo(List.of());
        assertThat(eval("split('a,,b', ',')")).isEqualTo(List.of("a", "", "b"));
        assertThat(eval("split('a.b', '.')")).isEqualTo(List.of("a", "b"));
        assertThatThrownBy(() -> eval("split('a', '')")).hasMessageContaining("split(): the separator is empty");
    }

    @Test
    void lines() {
        assertThat(eval("lines('a\\nb\\n')")).isEqualTo(List.of("a", "b"));
        assertThat(eval("lines(s)", "s", "a\r\n\nb")).isEqualTo(List.of("a", "", "b"));
        assertThat(eval("lines('')")).isEqualTo(List.of());
    }

    @Test
    void startsEndsWith() {
        assertThat(eval("startswith('/dev/drbd0', '/dev/')")).isEqualTo(true);
        assertThat(eval("endswith('fs1', '2')")).isEqualTo(false);
    }

    @Test
    void matchesFindsAnywhere() {
        assertThat(eval("matches('ro:Primary/Secondary', 'Primary/')")).isEqualTo(true);
        assertThat(eval("matches('abc', '^b')")).isEqualTo(false);
        assertThatThrownBy(() -> eval("matches('a', r)", "r", "*")).hasMessageContaining("matches(): invalid regular expression '*'");
    }

    @Test
    void replaceIsLiteral() {
        assertThat(eval("replace('a.b.c', '.', '/')")).isEqualTo("a/b/c");
        assertThatThrownBy(() -> eval("replace('a', '', 'x')")).hasMessageContaining("replace(): the text to replace is empty");
        assertThatThrownBy(() -> eval("replace(s, 'a', t)", "s", "a".repeat(1000), "t", "b".repeat(2000)))
                .hasMessageContaining("longer than 1000000");
    }

    @Test
    void intConversion() {
        assertThat(eval("int(' 42 ')")).isEqualTo(42L);
        assertThat(eval("int(-3.9)")).isEqualTo(-3L);
        assertThat(eval("int(7)")).isEqualTo(7L);
        assertThatThrownBy(() -> eval("int('4.2')")).hasMessageContaining("int(): '4.2' is not an integer");
        assertThatThrownBy(() -> eval("int(5m)")).hasMessageContaining("int(): expected a string or a number, got a duration 5m")
                .satisfies(e -> assertThat(((EvaluationException) e).hint()).contains("seconds(d)"));
    }

    @Test
    void floatConversion() {
        assertThat(eval("float('99.5')")).isEqualTo(99.5);
        assertThat(eval("float(2)")).isEqualTo(2.0);
        assertThatThrownBy(() -> eval("float('NaN')")).hasMessageContaining("'NaN' is not a number");
        assertThatThrownBy(() -> eval("float('1d')")).hasMessageContaining("'1d' is not a number");
    }

    @Test
    void strRendersPlainly() {
        assertThat(eval("str(5)")).isEqualTo("5");
        assertThat(eval("str(2.0)")).isEqualTo("2");
        assertThat(eval("str(0.25)")).isEqualTo("0.25");
        assertThat(eval("str(90m)")).isEqualTo("1h30m");
        assertThat(eval("str([1, 'a'])")).isEqualTo("1, a");
        assertThat(eval("str(null)")).isEqualTo("null");
        assertThat(eval("str(true)")).isEqualTo("true");
        assertThat(eval("str(z)", "z", zone())).isEqualTo("{storage: shared, ntp_server: 192.168.0.1}");
    }

    @Test
    void durationAndSeconds() {
        assertThat(eval("duration('1h30m')")).isEqualTo(Duration.ofMinutes(90));
        assertThat(eval("duration(90)")).isEqualTo(Duration.ofSeconds(90));
        assertThat(eval("duration('90')")).isEqualTo(Duration.ofSeconds(90));
        assertThat(eval("seconds(5m)")).isEqualTo(300L);
        assertThat(eval("seconds(1500ms)")).isEqualTo(1.5);
        assertThatThrownBy(() -> eval("duration('soon')")).hasMessageContaining("duration(): 'soon' is not a duration");
        assertThatThrownBy(() -> eval("seconds(5)")).hasMessageContaining("seconds(): expected a duration, got an integer 5");
    }

    @Test
    void indexMedianAndPairs() {
        assertThat(eval("index([0.2, 0.004, 0.09], min([0.2, 0.004, 0.09]))")).isEqualTo(1L);
        assertThat(eval("index(['a'], 'b')")).isNull();
        assertThat(eval("median([3, 1, 2])")).isEqualTo(2.0);
        assertThat(eval("median([0.3, -0.001, 0.002, 0.0])")).isEqualTo(0.001);
        assertThat(eval("median([])")).isNull();
        assertThatThrownBy(() -> eval("median(['a'])")).hasMessageContaining("median(): expected a list of numbers");
        assertThat(eval("pairs(b, '/')", "b", java.util.Map.of("xenbr0", List.of("bond0", "vif1.0"))))
                .isEqualTo(List.of("xenbr0/bond0", "xenbr0/vif1.0"));
        assertThat(eval("pairs(b, ':')", "b", java.util.Map.of("br", "eth2"))).isEqualTo(List.of("br:eth2"));
    }

    @Test
    void pluckAndWhere() {
        assertThat(eval("pluck(vms, 'name')", "vms", VMS)).isEqualTo(List.of("Domain-0", "mastervm01", "win10-gvm"));
        assertThat(eval("pluck(where(vms, 'state', '-b----'), 'id')", "vms", VMS)).isEqualTo(List.of(3L, 7L));
        assertThat(eval("where(vms, 'id', 3.0)[0].name", "vms", VMS)).isEqualTo("mastervm01");
        assertThat(eval("pluck(vms, 'absent')", "vms", VMS)).isEqualTo(java.util.Arrays.asList(null, null, null));
        assertThatThrownBy(() -> eval("pluck([1], 'a')")).hasMessageContaining("pluck(): expected a list of maps, but an item is an integer 1");
    }

    @Test
    void firstLast() {
        assertThat(eval("first([1, 2])")).isEqualTo(1L);
        assertThat(eval("last([1, 2])")).isEqualTo(2L);
        assertThat(eval("first([])")).isNull();
        assertThat(eval("last([])")).isNull();
    }

    @Test
    void sum() {
        assertThat(eval("sum(pluck(vms, 'mem'))", "vms", VMS)).isEqualTo(14336L);
        assertThat(eval("sum([1, 0.5])")).isEqualTo(1.5);
        assertThat(eval("sum([])")).isEqualTo(0L);
        assertThat(eval("sum([1m, 30s])")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> eval("sum(['a'])")).hasMessageContaining("sum(): can only add numbers or durations, not a string 'a'");
        assertThatThrownBy(() -> eval("sum([1, 1s])")).hasMessageContaining("sum(): can't add an integer 1 and a duration 1s");
    }

    @Test
    void minMax() {
        assertThat(eval("max(pluck(vms, 'mem'))", "vms", VMS)).isEqualTo(8192L);
        assertThat(eval("min([3, 1.5, 2])")).isEqualTo(1.5);
        assertThat(eval("max('b', 'a', 'c')")).isEqualTo("c");
        assertThat(eval("min(10s, 1m)")).isEqualTo(Duration.ofSeconds(10));
        assertThat(eval("max([])")).isNull();
        assertThatThrownBy(() -> eval("max([1, 'a'])")).hasMessageContaining("max(): can't compare a string 'a' with an integer 1");
        assertThatThrownBy(() -> eval("min([null])")).hasMessageContaining("min(): can't order null");
    }

    @Test
    void anyAll() {
        assertThat(eval("any([0, '', 'x'])")).isEqualTo(true);
        assertThat(eval("any([])")).isEqualTo(false);
        assertThat(eval("all([1, 'x'])")).isEqualTo(true);
        assertThat(eval("all([1, null])")).isEqualTo(false);
        assertThat(eval("all([])")).isEqualTo(true);
    }

    @Test
    void defaultCatchesNullAndMissing() {
        assertThat(eval("default(x, 'none')", "x", null)).isEqualTo("none");
        assertThat(eval("default(absent, 'none')")).isEqualTo("none");
        assertThat(eval("default(host.vars.mastervm, 'none')", "host", Map.of())).isEqualTo("none");
        assertThat(eval("default(host.vars.mastervm, 'none')", "host", Map.of("vars", Map.of("mastervm", "m1")))).isEqualTo("m1");
        assertThat(eval("default(xs[5], 0)", "xs", List.of(1))).isEqualTo(0L);
        assertThat(eval("default(false, true)")).isEqualTo(false);
    }

    @Test
    void defaultDoesNotHideTypeErrors() {
        assertThatThrownBy(() -> eval("default(1 + 'a', 0)")).hasMessageContaining("can't add");
        assertThatThrownBy(() -> eval("default(x, y)", "x", null)).isInstanceOf(UndefinedVariableException.class);
    }

    @Test
    void definedChecksTheScope() {
        assertThat(eval("defined('x')", "x", null)).isEqualTo(true);
        assertThat(eval("defined(x)", "x", 1)).isEqualTo(true);
        assertThat(eval("defined('y')")).isEqualTo(false);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 0 B",
        "1023 | 1023 B",
        "1024 | 1.0 KiB",
        "1536 | 1.5 KiB",
        "14925011763 | 13.9 GiB",
        "1048575 | 1.0 MiB",
        "-2048 | -2.0 KiB",
        "1099511627776 | 1.0 TiB",
    })
    void bytes(String n, String expected) {
        assertThat(eval("bytes(" + n + ")")).isEqualTo(expected);
    }

    @Test
    void bytesNeedsANumber() {
        assertThatThrownBy(() -> eval("bytes('1k')")).hasMessageContaining("bytes(): expected a number of bytes, got a string '1k'");
    }

    @Test
    void round() {
        assertThat(eval("round(2.5)")).isEqualTo(3L);
        assertThat(eval("round(99.456, 1)")).isEqualTo(99.5);
        assertThat(eval("round(7)")).isEqualTo(7L);
        assertThat(eval("round(1234, -2)")).isEqualTo(1200L);
        assertThat(eval("round(used / total * 100, 1)", "used", 1, "total", 3)).isEqualTo(33.3);
        assertThatThrownBy(() -> eval("round(1.5, 20)")).hasMessageContaining("round(): digits must be between -15 and 15");
        assertThatThrownBy(() -> eval("round('1')")).hasMessageContaining("round(): expected a number");
    }

    @Test
    void functionNamesAreNotVariables() {
        assertThat(Exprs.parse("len(len)").freeVariables()).containsExactly("len");
    }
}
