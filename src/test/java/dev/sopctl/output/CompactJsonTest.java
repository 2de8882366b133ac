package dev.sopctl.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The transcript's hash chain covers the bytes of each line: they must stay what ObjectMapper wrote. */
class CompactJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void writesTheBytesADefaultObjectMapperWrites() throws Exception {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("time", "2026-12-01T05:00:00.123Z");
        event.put("seq", 7);
        event.put("big", 9_007_199_254_740_993L);
        event.put("ratio", 0.1 + 0.2);
        event.put("float", 1.5f);
        event.put("exact", new BigDecimal("12.3400"));
        event.put("huge", new BigInteger("123456789012345678901234567890"));
        event.put("short", (short) 3);
        event.put("ok", true);
        event.put("none", null);
        event.put("quotes", "say \"hi\" \\ back/slash");
        event.put("controls", "tab\there\nnew line\r\u0000\u001f\u007f");
        event.put("unicode", "서버 ノード ✓ 😀 \u2028\u2029");
        event.put("nested", Map.of("argv", List.of("xl", "list"), "empty", List.of(), "map", Map.of()));
        event.put("list", Arrays.asList(1, "two", null, false, List.of(3.0)));
        event.put("set", Set.of("only"));
        event.put("nan", Double.NaN);
        event.put("inf", Double.NEGATIVE_INFINITY);
        assertThat(new String(CompactJson.bytes(event), "UTF-8"))
                .isEqualTo(new String(MAPPER.writeValueAsBytes(event), "UTF-8"));
        assertThat(CompactJson.string(event)).isEqualTo(MAPPER.writeValueAsString(event));
    }

    @Test
    void scalarsAloneAreJsonToo() throws Exception {
        for (Object v : new Object[] {null, "x", 1, -1L, 2.5, true}) {
            assertThat(CompactJson.string(v)).isEqualTo(MAPPER.writeValueAsString(v));
        }
    }

    @Test
    void aValueThatIsNotPlainIsRefusedNamingItsType() {
        assertThatThrownBy(() -> CompactJson.bytes(Map.of("file", Path.of("/tmp"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sun.nio.fs.UnixPath");
        assertThatThrownBy(() -> CompactJson.bytes(Map.of(1, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key is not a string: 1");
    }
}
