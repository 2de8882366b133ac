package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrctlShowParserTest {
    private final OutputParser parser = Parsers.named("brctl-show").orElseThrow();

    @Test
    void theDocumentedTabs() {
        String out = Samples.read("brctl-show.txt");
        assertThat(out).contains("\t\t\t\t\t\t\tvif3.0\n").contains("virbr0\t\t8000.525400123456\tyes\t\t\n");

        Map<String, Object> result = parser.parse(out);

        assertThat(result.get("names")).isEqualTo(List.of("xenbr0", "virbr0"));
        assertThat(bridges(result).get(0)).containsEntry("id", "8000.001b21aabbcc").containsEntry("stp", false)
                .containsEntry("interfaces", List.of("eth0", "vif3.0", "vif4.0"));
        assertThat(bridges(result).get(1)).containsEntry("stp", true).containsEntry("interfaces", List.of());
        assertThat(result.get("bridge_of")).isEqualTo(Map.of("eth0", "xenbr0", "vif3.0", "xenbr0", "vif4.0", "xenbr0"));
        assertThat(result.get("attached")).isEqualTo(List.of("xenbr0/eth0", "xenbr0/vif3.0", "xenbr0/vif4.0"));
    }

    @Test
    void longNamesSeveralPortsAndAnEmptyBridgeLast() {
        Map<String, Object> result = parser.parse(Samples.read("brctl-show-odd.txt"));

        assertThat(bridges(result)).extracting(b -> b.get("name")).containsExactly("xenbr0", "xenbr-storage01", "xenbr2");
        assertThat(bridges(result).get(0)).containsEntry("interfaces", List.of("bond0", "vif1.0", "vif2.0", "vif3.0"));
        assertThat(bridges(result).get(1)).containsEntry("interfaces", List.of("eth2"));
        assertThat(bridges(result).get(2)).containsEntry("interfaces", List.of());
    }

    @Test
    void theSopPagesCopyWithSpaces() {
        Map<String, Object> result = parser.parse(Samples.read("brctl-show-sop-page.txt"));

        assertThat(result.get("bridge_of")).isEqualTo(Map.of("eth0", "xenbr0", "eth1", "xenbr1"));
    }

    @Test
    void headerOnlyIsNoBridges() {
        assertThat(parser.parse("bridge name\tbridge id\t\tSTP enabled\tinterfaces\n").get("bridges")).isEqualTo(List.of());
    }

    @Test
    void garbageIsAnError() {
        assertThatThrownBy(() -> parser.parse("")).isInstanceOf(ParseException.class).hasMessageContaining("brctl-show: empty");
        assertThatThrownBy(() -> parser.parse("bridge xenbr1 does not exist!\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("brctl-show: line 1:");
        String header = "bridge name\tbridge id\t\tSTP enabled\tinterfaces\n";
        assertThatThrownBy(() -> parser.parse(header + "\t\t\t\t\t\t\tvif1.0\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> parser.parse(header + "xenbr0\t\tcan't get info Operation not supported\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> parser.parse(header + "xenbr0\t\t8000.001b21aabbcc\tmaybe\t\teth0\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 2");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> bridges(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("bridges");
    }
}
