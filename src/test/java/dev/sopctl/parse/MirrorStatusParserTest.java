package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MirrorStatusParserTest {
    private final OutputParser parser = Parsers.named("mirror-status").orElseThrow();

    @Test
    void theOperatorNotesFullyOperationalMirror() {
        Map<String, Object> result = parser.parse(Samples.read("mirror-status.txt"));

        assertThat(result).containsEntry("status", "Fully Operational").containsEntry("detail", null)
                .containsEntry("percent", 100.0).containsEntry("type", "Synchronous")
                .containsEntry("bitmap_bits", 9193195L).containsEntry("dirty_bits", 130385L)
                .containsEntry("dirty_percent", 1.4).containsEntry("fully_operational", true)
                .containsEntry("resyncing", false).containsEntry("target", null);
    }

    @Test
    void resyncingWithProgressAndTarget() {
        String out = "Status: Resynchronizing\n[=========>          ] 45%\nType: Synchronous\nTarget: node2 (192.168.1.2)\n";

        Map<String, Object> result = parser.parse(out);

        assertThat(result).containsEntry("status", "Resynchronizing").containsEntry("percent", 45.0)
                .containsEntry("resyncing", true).containsEntry("fully_operational", false)
                .containsEntry("target", "node2").containsEntry("bitmap_bits", null);
    }

    @Test
    void pausedAndTargetSidesKeepTheirDetail() {
        Map<String, Object> paused = parser.parse("Status: Paused (target unreachable)\n[>                   ] 0%\nType: Synchronous\n");
        Map<String, Object> target = parser.parse("Status: Target (source is lk2)\n");

        assertThat(paused).containsEntry("status", "Paused").containsEntry("detail", "target unreachable")
                .containsEntry("percent", 0.0).containsEntry("fully_operational", false);
        assertThat(target).containsEntry("status", "Target").containsEntry("detail", "source is lk2")
                .containsEntry("percent", null);
    }

    @Test
    void malformedOutputNamesTheLine() {
        assertThatThrownBy(() -> parser.parse("")).isInstanceOf(ParseException.class).hasMessageContaining("mirror-status: empty");
        assertThatThrownBy(() -> parser.parse("mirror_status: datarep9 is not a mirror\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("mirror-status: line 1:");
        assertThatThrownBy(() -> parser.parse("\nType: Synchronous\n")).isInstanceOf(ParseException.class)
                .hasMessageContaining("mirror-status: line 2:").hasMessageContaining("a 'Status: ...' line");
        assertThatThrownBy(() -> parser.parse("Status: Fully Operational\n[=====] hundred\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> parser.parse("Status: Fully Operational\nBitmap: lots of bits\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 2").hasMessageContaining("Bitmap:");
        assertThatThrownBy(() -> parser.parse("Status:\n")).isInstanceOf(ParseException.class).hasMessageContaining("line 1");
    }
}
