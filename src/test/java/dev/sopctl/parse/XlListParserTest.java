package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.ExitCode;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class XlListParserTest {
    private final OutputParser parser = Parsers.named("xl-list").orElseThrow();

    @Test
    void parsesTheDocumentedSampleWithTabsInTheHeader() {
        // given the README sample, header with two TABs, rows with spaces only
        String out = Samples.read("xl-list.txt");
        assertThat(out.lines().findFirst().orElseThrow()).contains("VCPUs\tState\tTime(s)");

        // when
        Map<String, Object> result = parser.parse(out);

        // then
        assertThat(result.get("names")).isEqualTo(List.of("Domain-0", "web01", "db01", "crashed01"));
        assertThat(result.get("guests")).isEqualTo(List.of("web01", "db01", "crashed01"));
        List<Map<String, Object>> domains = domains(result);
        assertThat(domains.get(0)).containsEntry("name", "Domain-0").containsEntry("id", 0L)
                .containsEntry("mem", 4096L).containsEntry("vcpus", 8L).containsEntry("state", "r-----")
                .containsEntry("time", 123456.7).containsEntry("running", true).containsEntry("crashed", false);
        assertThat(domains.get(1)).containsEntry("name", "web01").containsEntry("id", 3L)
                .containsEntry("state", "-b----").containsEntry("running", true);
        assertThat(domains.get(2)).containsEntry("name", "db01").containsEntry("running", false)
                .containsEntry("paused", true).containsEntry("time", 15.0);
        assertThat(domains.get(3)).containsEntry("name", "crashed01").containsEntry("state", "---sc-")
                .containsEntry("running", false).containsEntry("crashed", true).containsEntry("shutdown", true);
    }

    @Test
    void longNamesPushColumnsAndOddStatesAreRead() {
        // given names of 46 and exactly 40 characters, dying and watchdog states, Domain-0 blocked
        String out = Samples.read("xl-list-odd-states.txt");

        // when
        List<Map<String, Object>> domains = domains(parser.parse(out));

        // then
        assertThat(domains).extracting(d -> d.get("name")).containsExactly("Domain-0",
                "pvdi-golden-windows10-enterprise-ltsc-2021-x64", "exactly-forty-characters-long-name-01234",
                "going-away", "dying01", "watchdog01", "bigtime");
        assertThat(domains.get(0)).containsEntry("state", "-b----").containsEntry("running", true);
        assertThat(domains.get(1)).containsEntry("id", 12L).containsEntry("mem", 16384L).containsEntry("vcpus", 4L)
                .containsEntry("time", 731.2);
        assertThat(domains.get(2)).containsEntry("id", 13L).containsEntry("mem", 512L);
        assertThat(domains.get(3)).containsEntry("state", "--ps-d").containsEntry("running", false)
                .containsEntry("dying", true).containsEntry("crashed", false);
        assertThat(domains.get(4)).containsEntry("dying", true).containsEntry("running", false);
        assertThat(domains.get(5)).containsEntry("crashed", false).containsEntry("shutdown", true);
        assertThat(domains.get(6)).containsEntry("time", 123456789.9);
    }

    @Test
    void headerOnlyIsNoDomains() {
        Map<String, Object> result = parser.parse(Samples.read("xl-list-header-only.txt"));

        assertThat(result.get("domains")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
        assertThat(result.get("guests")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
    }

    @Test
    void toleratesCrLfAndBlankLines() {
        String out = "\r\n" + Samples.read("xl-list.txt").replace("\n", "\r\n") + "\r\n";

        assertThat(parser.parse(out).get("names")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(4);
    }

    @Test
    void aHeaderWithSpacesInsteadOfTabsIsAccepted() {
        String out = Samples.read("xl-list.txt").replace('\t', ' ');

        assertThat(parser.parse(out).get("guests")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("web01", "db01", "crashed01");
    }

    @Test
    void emptyOutputNamesTheParserAndTheHeader() {
        assertThatThrownBy(() -> parser.parse("  \n"))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("xl-list").hasMessageContaining("empty output")
                .hasMessageContaining("Name ID Mem VCPUs State Time(s)")
                .satisfies(e -> assertThat(((ParseException) e).exitCode()).isEqualTo(ExitCode.UNKNOWN));
    }

    @Test
    void missingHeaderIsAnError() {
        String rowsOnly = Samples.read("xl-list.txt").lines().skip(1).reduce("", (a, b) -> a + b + "\n");

        assertThatThrownBy(() -> parser.parse(rowsOnly))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("xl-list: line 1: expected the 'xl list' header")
                .hasMessageContaining("Domain-0");
    }

    @Test
    void aRowThatDoesNotFitNamesItsLine() {
        assertThatThrownBy(() -> parser.parse(Samples.read("xl-list-garbage.txt")))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("xl-list: line 3:")
                .hasMessageContaining("libxl: error");
    }

    @Test
    void aBadStateOrMissingColumnIsAnError() {
        String header = Samples.read("xl-list.txt").lines().findFirst().orElseThrow() + "\n";

        assertThatThrownBy(() -> parser.parse(header + "web01    3  2048     2     -b--    8123.4\n"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> parser.parse(header + "web01    3  2048     -b----    8123.4\n"))
                .hasMessageContaining("line 2");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> domains(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("domains");
    }
}
