package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MirrorStatusAllParserTest {
    private final OutputParser parser = Parsers.named("mirror-status-all").orElseThrow();

    @Test
    @SuppressWarnings("unchecked")
    void oneSectionPerTagEachReadLikeMirrorStatus() {
        String out = "==> datarep1 <==\n" + Samples.read("mirror-status.txt")
                + "==> datarep2 <==\nStatus: Resynchronizing\n[=========>          ] 45%\nType: Synchronous\n"
                + "==> datarep3 <==\nStatus: Paused (target unreachable)\n[>                   ] 0%\n";

        Map<String, Object> result = parser.parse(out);

        assertThat(result).containsEntry("tags", List.of("datarep1", "datarep2", "datarep3"))
                .containsEntry("not_operational", List.of("datarep2", "datarep3"))
                .containsEntry("resyncing", List.of("datarep2"));
        List<?> mirrors = (List<?>) result.get("mirrors");
        assertThat((Map<String, Object>) mirrors.get(0)).containsEntry("tag", "datarep1").containsEntry("status", "Fully Operational")
                .containsEntry("dirty_percent", 1.4);
        assertThat((Map<String, Object>) mirrors.get(1)).containsEntry("percent", 45.0);
        assertThat((Map<String, Object>) mirrors.get(2)).containsEntry("detail", "target unreachable");
    }

    @Test
    void emptyOutputIsAHostWithoutMirrorsToRead() {
        assertThat(parser.parse("")).containsEntry("tags", List.of()).containsEntry("not_operational", List.of());
    }

    @Test
    void textBeforeTheFirstHeaderOrAnEmptySectionIsAnErrorNamingTheTag() {
        assertThatThrownBy(() -> parser.parse("Status: Fully Operational\n")).isInstanceOf(ParseException.class)
                .hasMessageContaining("mirror-status-all: line 1:").hasMessageContaining("==> TAG <==");
        assertThatThrownBy(() -> parser.parse("==> datarep1 <==\n==> datarep2 <==\nStatus: Fully Operational\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("mirror-status-all: datarep1 (from line 2)")
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> parser.parse("==> datarep1 <==\nmirror_status: datarep1 is not a mirror\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("datarep1");
    }
}
