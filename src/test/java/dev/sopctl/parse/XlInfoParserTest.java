package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class XlInfoParserTest {
    private final OutputParser parser = Parsers.named("xl-info").orElseThrow();

    @Test
    void parsesEveryKeyOfTheDocumentedSample() {
        // when
        Map<String, Object> info = parser.parse(Samples.read("xl-info.txt"));

        // then
        assertThat(info).hasSize(34)
                .containsEntry("host", "xenhost01")
                .containsEntry("version", "#1 SMP Debian 4.19.289-2 (2023-08-08)")
                .containsEntry("virt_caps", "hvm hvm_directio")
                .containsEntry("total_memory", 65442L)
                .containsEntry("free_memory", 18233L)
                .containsEntry("xen_changeset", "")
                .containsEntry("xen_commandline", "placeholder dom0_mem=4096M,max:4096M")
                .containsEntry("cc_compile_date", "Fri Dec 11 21:33:51 UTC 2020")
                .containsEntry("xend_config_format", "4");
        assertThat(info.keySet()).startsWith("host", "release", "version");
    }

    @Test
    void toleratesEmptyValuesUnknownKeysAndTopologyTables() {
        Map<String, Object> info = parser.parse(Samples.read("xl-info-newer.txt"));

        assertThat(info).containsEntry("virt_caps", "").containsEntry("max_possible_mfn", "8650751")
                .containsEntry("free_memory", 2048L).containsEntry("total_memory", 32621L)
                .containsEntry("cpu_topology", "");
    }

    @Test
    void theSingleValueFormIsReturnedAsValue() {
        assertThat(parser.parse(Samples.read("xl-info-free-memory.txt"))).isEqualTo(Map.of("value", "18233"));
    }

    @Test
    void memoryIsOnlyTypedWhenPresent() {
        assertThat(parser.parse("host                   : h\n")).isEqualTo(Map.of("host", "h"));
    }

    @Test
    void emptyOutputIsAnError() {
        assertThatThrownBy(() -> parser.parse(""))
                .isInstanceOf(ParseException.class).hasMessageContaining("xl-info: empty output");
    }

    @Test
    void severalLinesWithoutKeysAreGarbage() {
        assertThatThrownBy(() -> parser.parse("<html>\n<body>oops</body>\n"))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("xl-info").hasMessageContaining("2 lines").hasMessageContaining("<html>");
    }

    @Test
    void aNonNumericMemoryNamesTheLine() {
        assertThatThrownBy(() -> parser.parse("host                   : h\nfree_memory            : lots\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("xl-info: line 2: free_memory");
    }
}
